import Pinwheel

/// The executor thread's allocation count when the executor first went idle: start-up is over, every task waits at
/// its first await. Read by ``FlashOptions/allocationCounter``.
final class AllocationSnapshot: RunSink {
    let counter: () -> UInt64
    private(set) var atStartUp: UInt64?

    init(counter: @escaping () -> UInt64) { self.counter = counter }

    func idleEntered() {
        if atStartUp == nil { atStartUp = counter() }
    }
}
