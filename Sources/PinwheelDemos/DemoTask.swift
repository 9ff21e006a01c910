import Pinwheel

/// A task of a demo: a poll state machine with a name, stored in one slot of the executor's static table.
///
/// Demos are ordinary programs on the executor: `poll` runs when the task's waker was woken (by an edge, a
/// deadline, a signal), makes progress, and either finishes (`.ready`) or leaves its waker where the next event
/// will find it and returns `.pending`. Tasks are classes so that their state is allocated once, when the demo is
/// programmed, and stays put; the executor's slot holds the reference.
public protocol DemoTask: AnyObject {
    /// The name shown in the log, the trace and the waveform.
    var name: String { get }
    /// Makes progress; `.ready` when the task is done.
    func poll(_ context: Context) -> Poll<Void>
    /// The run ended (duration, Ctrl-C, or the demo's end) while the task was still running: a last word, such as
    /// a summary, may be logged. The lines are still held.
    func stopped()
}

extension DemoTask {
    /// Nothing to say.
    public func stopped() {}
}
