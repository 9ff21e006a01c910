/// A computation that finishes later, driven by polling: the executor calls ``poll(_:)`` each time the task's
/// waker was woken, and the future either finishes or registers the waker with whatever it waits for.
///
/// Futures here are plain values with their state inline; nothing is allocated to make or poll one. A future
/// must tolerate being polled when nothing changed (a spurious wake) and must register its waker before it
/// checks its condition, so that an event landing between the check and the return still wakes the task.
public protocol Future<Output> {
    /// What the future finishes with.
    associatedtype Output

    /// Makes as much progress as possible. Returns ``Poll/ready(_:)`` when finished; otherwise makes sure that
    /// `context.waker` is woken when progress is possible again, and returns ``Poll/pending``.
    mutating func poll(_ context: Context) -> Poll<Output>
}
