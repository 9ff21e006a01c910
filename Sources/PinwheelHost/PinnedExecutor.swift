import Pinwheel

/// An executor and its platform at fixed addresses, owned together: how a hosted program keeps "the executor must
/// not move while it runs" (wakers hold its address; clock readers and interrupt handles hold the platform's).
///
/// Each is moved into a heap allocation of its own when the owner is made, and stays there until the owner is
/// dropped: the executor first (its tasks may hold handles into the platform), then the platform. What borrows
/// them is handed out through closures (``withExecutor(_:)``, ``withPlatform(_:)``); code that must keep an
/// address (a clock reader, a wake hook's context) takes ``platform``, valid while the owner lives.
///
/// ```swift
/// let machine = PinnedExecutor(executor: try Executor<TaskPool<MyTask, 4>, 1, 4>(), platform: HostPlatform())
/// try machine.spawn(.blinker)
/// let outcome = machine.run()
/// ```
///
/// Firmware needs none of this: its executor is a static, placed by the linker.
public final class PinnedExecutor<
    Tasks: TaskTable & ~Copyable, let readyWords: Int, let timerCapacity: Int, P: Platform & ~Copyable
> {
    /// The executor's type.
    public typealias PinnedTasks = Executor<Tasks, readyWords, timerCapacity>

    private let executor: UnsafeMutablePointer<PinnedTasks>
    /// The platform's address, fixed while the owner lives.
    public let platform: UnsafeMutablePointer<P>

    /// Moves `executor` and `platform` to the addresses they keep until the owner is dropped.
    public init(executor: consuming PinnedTasks, platform: consuming P) {
        self.platform = .allocate(capacity: 1)
        self.platform.initialize(to: platform)
        self.executor = .allocate(capacity: 1)
        self.executor.initialize(to: executor)
    }

    deinit {
        // The executor first: its tasks may hold handles into the platform's storage.
        executor.deinitialize(count: 1)
        executor.deallocate()
        platform.deinitialize(count: 1)
        platform.deallocate()
    }

    /// Spawns `task` into the executor's table; returns its slot.
    @discardableResult
    public func spawn(_ task: consuming Tasks.Task) throws(SpawnError) -> Int {
        try executor.pointee.spawn(task)
    }

    /// Runs `body` with the executor, in place.
    public func withExecutor<Result, Failure: Error>(
        _ body: (inout PinnedTasks) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(&executor.pointee)
    }

    /// Runs `body` with the platform, in place (to bind interrupt sources, read its counters).
    public func withPlatform<Result, Failure: Error>(_ body: (inout P) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(&platform.pointee)
    }

    /// Runs the executor on the platform, with `trace`.
    public func run<T: ExecutorTrace & ~Copyable>(trace: inout T) -> RunOutcome {
        executor.pointee.run(on: &platform.pointee, trace: &trace)
    }

    /// Runs the executor on the platform.
    public func run() -> RunOutcome {
        executor.pointee.run(on: &platform.pointee)
    }
}
