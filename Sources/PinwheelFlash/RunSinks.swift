import Pinwheel

/// The run's observers (``RunSink``). The counters and the poll limit, there in every run, are told first and
/// directly (they are on every poll's path); the sinks the run asked for follow, in the order they were added. Wakes
/// reach them through the ``WakeRecorder``'s ring, which the wake hook fills wherever the wake happened (a handler,
/// another thread); the ring is drained here, on the executor's thread, before each poll and when the run ends.
final class RunSinks {
    let recorder: WakeRecorder
    let counters: RunCounters
    let pollLimit: PollLimit?
    private(set) var sinks: [any RunSink] = []

    init(recorder: WakeRecorder, counters: RunCounters, pollLimit: PollLimit?) {
        self.recorder = recorder
        self.counters = counters
        self.pollLimit = pollLimit
    }

    /// Adds `sink`, if there is one.
    func add(_ sink: (any RunSink)?) {
        if let sink { sinks.append(sink) }
    }

    func started(at origin: Instant) {
        for index in sinks.indices { sinks[index].started(at: origin) }
    }

    /// Hands every wake recorded so far to the counters and the sinks.
    func drainWakes() {
        recorder.drain { wake in
            counters.woke(wake)
            for index in sinks.indices { sinks[index].woke(wake) }
        }
    }

    func pollStarted(slot: Int, at now: Instant) {
        drainWakes()
        counters.pollStarted(slot: slot, at: now)
        pollLimit?.pollStarted(slot: slot, at: now)
        for index in sinks.indices { sinks[index].pollStarted(slot: slot, at: now) }
    }

    func pollEnded(slot: Int, finished: Bool, at now: Instant) {
        for index in sinks.indices { sinks[index].pollEnded(slot: slot, finished: finished, at: now) }
    }

    func idleEntered() {
        for index in sinks.indices { sinks[index].idleEntered() }
    }
}

/// The executor's trace for a flashing session: hands polls and idle entries to the ``RunSinks`` and installs the
/// ``WakeRecorder``'s hook.
struct FlashTrace: ExecutorTrace {
    let sinks: RunSinks

    mutating func pollStarted(slot: Int, context: Context) { sinks.pollStarted(slot: slot, at: context.now()) }

    mutating func pollEnded(slot: Int, finished: Bool, context: Context) {
        sinks.pollEnded(slot: slot, finished: finished, at: context.now())
    }

    mutating func wakeHook(slots: Int) -> WakeHook? { sinks.recorder.hook }

    mutating func idleEntered() { sinks.idleEntered() }
}
