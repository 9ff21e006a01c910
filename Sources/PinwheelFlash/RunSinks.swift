import Pinwheel

/// The run's observers (``RunSink``), told in the order they were added. Wakes reach them through the
/// ``WakeRecorder``'s ring, which the wake hook fills wherever the wake happened (a handler, another thread); the
/// ring is drained here, on the executor's thread, before each poll and when the run ends.
final class RunSinks {
    let recorder: WakeRecorder
    private(set) var sinks: [any RunSink] = []

    init(recorder: WakeRecorder) { self.recorder = recorder }

    /// Adds `sink`, if there is one.
    func add(_ sink: (any RunSink)?) {
        if let sink { sinks.append(sink) }
    }

    func started(at origin: Instant) {
        for index in sinks.indices { sinks[index].started(at: origin) }
    }

    /// Hands every wake recorded so far to the sinks.
    func drainWakes() {
        recorder.drain { wake in
            for index in sinks.indices { sinks[index].woke(wake) }
        }
    }

    func pollStarted(slot: Int, at now: Instant) {
        drainWakes()
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
