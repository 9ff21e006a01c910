import CPinwheelAsync
import Pinwheel

/// The Swift task executor of one async task slot: where the runtime hands the task's jobs, and where the slot's
/// poll runs them.
///
/// The task is created with this executor as its preference (`Task.detached(executorPreference:)`), so every job of the task
/// (its start, each resume after an `await`) comes here through ``enqueue(_:)``, on whatever thread resumed it:
/// - On the executor's thread, inside this slot's poll (the poll resumed the task's parked continuation, or
///   started it): the job is kept in the slot and run before the poll returns. No atomic, no wake.
/// - Anywhere else (a `Task.sleep` timer, a Dispatch worker resuming a continuation, another slot's task): the job
///   goes to the slot's lock-free `JobInbox` and the slot's waker is woken: one fetch-or, and the platform's
///   pender if the executor sleeps. The executor's thread runs it at the slot's next poll.
///
/// Either way the task runs only on the executor's thread, one slot at a time, like a poll task.
public final class SlotExecutor: TaskExecutor, @unchecked Sendable {
    // Safety (@unchecked Sendable): `state` is written only on the executor's thread, except through its atomics
    // (the inbox and the published waker), which are what other threads use.
    @usableFromInline let state: UnsafeMutablePointer<SlotState>

    init(body: Body) {
        state = .allocate(capacity: 1)
        state.initialize(to: SlotState(body: body))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Takes a job of the slot's task from the runtime, on any thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // Safety: the running slot is this thread's; equal to ours means this thread is inside our poll.
        if pw_running_slot_get() == UnsafeMutableRawPointer(state) {
            // Our own poll: it runs `local`, then the inbox, before it returns. A second job in one poll (a child
            // task started by `async let` or a task group) waits in the inbox; no wake is needed.
            if state.pointee.local == nil {
                state.pointee.local = job
            } else {
                state.pointee.inbox.push(job)
            }
            return
        }
        state.pointee.foreignJobs.wrappingAdd(1, ordering: .relaxed)
        state.pointee.inbox.push(job)
        // Woken after the push is counted: the poll this wake causes finds the job. Before the first poll no
        // waker is published, but then the spawn's own ready bit is still set and that poll looks in the inbox.
        state.pointee.publishedWaker()?.wake(from: .thread)
    }

    /// Jobs of this slot handed over outside its own poll (foreign resumes): from other threads, or from another
    /// slot's task resuming a continuation of this one on the executor's thread.
    public var foreignJobs: UInt64 { state.pointee.foreignJobs.load(ordering: .relaxed) }

    /// Jobs that found every inbox cell full and took the counted, allocating spill path.
    public var inboxOverflows: UInt64 { state.pointee.inbox.overflows }

    /// Times the slot's poll resumed the task's parked `await`.
    public var resumes: UInt64 { state.pointee.resumes }
}
