import Pinwheel

/// One observer of a run, with one job: ``RunCounters``, ``PollLimit``, ``WakeTrace``, ``Waveform``,
/// ``LineWatcher``, ``AllocationSnapshot``. ``RunSinks`` tells each, on the executor's thread, of the run's start,
/// each wake (drained from the ``WakeRecorder``'s ring before the next poll), each poll's start and end, and the
/// executor's idle entries. Every call has a default that does nothing.
protocol RunSink: AnyObject {
    /// The run starts at `origin`: times are shown from it.
    func started(at origin: Instant)
    /// A task was woken.
    func woke(_ wake: WakeRecorder.Record)
    /// The executor starts polling `slot`.
    func pollStarted(slot: Int, at now: Instant)
    /// The poll of `slot` ended; `finished` when the task returned ready and its slot was freed.
    func pollEnded(slot: Int, finished: Bool, at now: Instant)
    /// The executor found nothing ready and goes to sleep until the next interrupt.
    func idleEntered()
}

extension RunSink {
    func started(at origin: Instant) {}
    func woke(_ wake: WakeRecorder.Record) {}
    func pollStarted(slot: Int, at now: Instant) {}
    func pollEnded(slot: Int, finished: Bool, at now: Instant) {}
    func idleEntered() {}
}
