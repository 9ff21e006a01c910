import Pinwheel

/// A virtual-time run's work limit: in virtual time a long duration costs work, not waiting, so the run's polls are
/// bounded. `reached` is called once, at the poll that reaches `count`.
final class PollLimit: RunSink {
    let count: UInt64
    let reached: () -> Void
    private var polls: UInt64 = 0

    init(count: UInt64, reached: @escaping () -> Void) {
        self.count = count
        self.reached = reached
    }

    func pollStarted(slot: Int, at now: Instant) {
        polls &+= 1
        if polls == count { reached() }
    }
}
