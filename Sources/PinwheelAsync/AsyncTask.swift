import CPinwheelAsync
import Pinwheel

/// An async function as a task in one slot of an executor's static table.
///
/// ```swift
/// var executor = try Executor<TaskPool<AsyncTask, 4>, 1, 4>()
/// try executor.spawn(AsyncTask {
///     while true {
///         led.toggle()
///         await Timer.after(.milliseconds(500))
///     }
/// })
/// ```
///
/// The slot's waker is the task's waker. When the function awaits a Pinwheel future that is pending
/// (``Pinwheel/Future/value``), the future keeps that waker where its interrupt will find it and the task parks: its
/// continuation is stored in the slot and the poll returns pending. The interrupt handler wakes the waker (one
/// fetch-or, nothing else); the executor sees the bit and polls the slot; the poll resumes the continuation, and the
/// function runs on, on the executor's thread, until its next pending await. The handler never touches the Swift
/// runtime.
///
/// The Swift task is created by ``start()``, or at the slot's first poll, so a spawn into a full table
/// (`SpawnError/poolFull(capacity:)`) starts nothing. Making the value allocates the slot's executor and its state
/// block (and a closure written in place, one more: its context, which carries its isolation); creating the Swift
/// task allocates the task object, its allocator's first slab and two closure contexts (counted in
/// `AsyncAllocationTests`; README, "Async tasks"). Awaits after that allocate nothing.
///
/// A task that is parked when its executor is dropped stays suspended: its Swift task object is never freed. A task
/// that is waiting on something outside Pinwheel then (`Task.sleep`, another thread's continuation) would be
/// resumed into a waker of the dropped executor, which the core's contract forbids, as for any waker. Run
/// executors for the program's life, as firmware does, or let their tasks finish first.
public struct AsyncTask: Future {
    /// The slot's executor, which owns the slot's state.
    public let executor: SlotExecutor

    /// An async task that will run `body`. Nothing runs until the executor first polls its slot.
    ///
    /// `body` may capture values that are not `Sendable` (the lines and state of a program): it runs only on the
    /// thread that runs the executor, inside the slot's poll, as a poll future's code does. Neither this value
    /// nor the executor is `Sendable`, so the function cannot reach another thread with them.
    ///
    /// `body` must not be isolated to an actor: its jobs would go to that actor's executor, which does not run
    /// while Pinwheel's runs on this thread (a closure written in top-level code inherits the main actor). That
    /// stops here with a message saying so, rather than hanging silently; write the closure as `{ @Sendable in … }`
    /// or spawn from a `nonisolated` function.
    public init(_ body: @escaping @isolated(any) () async -> Void) {
        if let actor = body.isolation {
            preconditionFailure("""
                an AsyncTask's function is isolated to \(actor) (a closure in top-level code inherits the main actor): \
                its jobs would wait for that actor, which does not run while the executor does. Write it as \
                `AsyncTask { @Sendable in … }`, or spawn from a `nonisolated` function
                """)
        }
        executor = SlotExecutor(body: Body(run: body))
    }

    /// Starts the function, or resumes it where it parked, and runs every job it has until it parks again,
    /// leaves (an `await` on something outside Pinwheel), or returns. Ready once it has returned.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Void> {
        let state = executor.state
        let outer = pw_running_slot_exchange(UnsafeMutableRawPointer(state))
        defer { _ = pw_running_slot_exchange(outer) }
        state.pointee.context = context
        if let parked = state.pointee.parked.take() {
            state.pointee.resumes &+= 1
            // Makes the runtime enqueue the task's next job on `executor`, on this thread: it lands in `local`.
            parked.resume()
        } else if !state.pointee.isWakerPublished {
            state.pointee.publish(context.waker)
            start()
        }
        runJobs(state)
        state.pointee.context = nil
        return state.pointee.finished ? .ready(()) : .pending
    }

    /// Creates the Swift task now, if it does not exist yet, so that its allocation happens here (at start-up,
    /// where a program can account for it) rather than at the slot's first poll. Call it only for a task that
    /// was spawned: a task started but never polled stays suspended for ever. Nothing of the function runs here.
    ///
    /// Returns the size of the Swift task object's heap block (measured with `malloc_usable_size`), or 0 if the
    /// task already existed. The creation makes three more, smaller allocations: two closure contexts and the first
    /// slab of the task's allocator (counted by `AsyncAllocationTests`).
    @discardableResult
    public func start() -> Int {
        let state = executor.state
        guard let body = state.pointee.body.take() else { return 0 }
        let slot = SlotReference(state: state)
        // The task's first job is enqueued on `executor` right here, on this thread: marking this slot as the
        // running one makes it land in `local`, to run at the first poll.
        let outer = pw_running_slot_exchange(UnsafeMutableRawPointer(state))
        let task = Task.detached(executorPreference: executor) {
            await reserveFrames()
            await body.run()
            slot.state.pointee.finished = true
        }
        _ = pw_running_slot_exchange(outer)
        state.pointee.task = task
        // A task handle is the address of the task object.
        let bytes = pw_heap_block_size(unsafeBitCast(task, to: UnsafeMutableRawPointer.self))
        state.pointee.startBytes = bytes
        return bytes
    }

    /// The bytes the task's two blocks of its own were requested with: the slot executor object and its state. The
    /// same on every run (``heapBytes`` measures what malloc gave, which depends on the allocator's history).
    public var requestedBytes: Int {
        instanceSize(of: SlotExecutor.self) + MemoryLayout<SlotState>.stride
    }

    /// The heap blocks the task holds, measured with `malloc_usable_size`: the slot executor object, its state
    /// block, and the Swift task object once ``start()`` created it. (Three smaller allocations made with the
    /// Swift task, its allocator's first slab and two closure contexts, are not reachable to be measured here.)
    public var heapBytes: Int {
        pw_heap_block_size(Unmanaged.passUnretained(executor).toOpaque())
            + pw_heap_block_size(UnsafeMutableRawPointer(executor.state)) + (startBytes ?? 0)
    }

    /// The size of the Swift task object's heap block, once ``start()`` created it.
    public var startBytes: Int? { executor.state.pointee.startBytes }

    @inlinable func runJobs(_ state: UnsafeMutablePointer<SlotState>) {
        let unowned = executor.asUnownedTaskExecutor()
        while true {
            if let job = state.pointee.local {
                state.pointee.local = nil
                job.runSynchronously(on: unowned)
            } else if let job = state.pointee.inbox.take() {
                job.runSynchronously(on: unowned)
            } else {
                return
            }
        }
    }
}

@available(*, unavailable, message: "an async task runs on the thread of the executor it is spawned into")
extension AsyncTask: Sendable {}

/// The bytes of async frames a task's allocator is grown by at its first poll (``reserveFrames()``).
let frameReserve = 8192

/// Grows the running task's allocator once, at its first poll, with a frame of ``frameReserve`` bytes that is
/// released at once: the allocator keeps the slab it took for it, so the deeper frames the task reaches later (a
/// helper async function, a `select`) fit there instead of taking a new slab in the middle of the run. The task's
/// stack size, as a firmware task has one.
@inline(never)
func reserveFrames() async {
    // Live across the await, so it is in the async frame (the task's allocator), not on the thread's stack.
    var reserve = InlineArray<8192, UInt8>(repeating: 0)
    await returnAtOnce()
    withUnsafeMutableBytes(of: &reserve) { keep($0.baseAddress) }
}

@inline(never) func returnAtOnce() async {}
@inline(never) func keep(_ pointer: UnsafeMutableRawPointer?) {}

