/// Counters an executor keeps about itself: plain integers updated on its own thread, a handful of adds per
/// batch. Per-task counts live in a trace (``TaskCounters``), so they cost nothing unless asked for.
public struct ExecutorStats: Equatable, Sendable {
    /// Batches taken from the ready bitmap that held at least one task.
    public var batches: UInt64 = 0
    /// Task polls.
    public var polls: UInt64 = 0
    /// Times the executor found nothing ready and called the idle hook.
    public var idleEntries: UInt64 = 0
    /// Deadlines that passed and woke their task.
    public var timerExpirations: UInt64 = 0
    /// Ready bits for slots that held no task (a waker outliving its task): taken and ignored.
    public var staleWakes: UInt64 = 0
    /// Timer requests that found the timer queue full (the task was woken at once instead).
    public var timerOverflows: UInt64 = 0

    /// All zero.
    public init() {}
}

/// How a run of the executor ended.
public enum RunOutcome: Equatable, Sendable {
    /// Every task finished.
    case finished
    /// The idle hook asked to stop: a shutdown was requested, or (on a ``VirtualClock``) nothing can ever wake
    /// a task again. Unfinished tasks keep their slots and state.
    case stopped
    /// ``Executor/runUntilIdle(on:trace:)`` found nothing ready and no deadline due.
    case idle
}
