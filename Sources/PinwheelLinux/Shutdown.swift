import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// When a Linux platform's run stops: a ``RunStopper`` asked, or a bound shutdown signal (SIGINT, SIGTERM) arrived.
/// Read at each idle point, so the tasks a signal woke run and clean up first.
struct Shutdown: ~Copyable {
    /// Set by a RunStopper.
    let stopWord: UnsafeMutablePointer<Atomic<UInt32>>
    /// SIGINT and SIGTERM, once bound.
    var signals: (interrupt: SignalInterrupt, terminate: SignalInterrupt)?
    /// The shutdown signal that arrived, if one did.
    private(set) var signal: Int32?

    init() {
        stopWord = .allocate(capacity: 1)
        stopWord.initialize(to: Atomic(0))
    }

    deinit {
        stopWord.deinitialize(count: 1)
        stopWord.deallocate()
    }

    /// A stopper for runs that ring `doorbell`.
    func stopper(doorbell: UnsafePointer<Doorbell.Shared>) -> RunStopper {
        RunStopper(word: stopWord, doorbell: doorbell)
    }

    /// Whether the run should stop now; records which shutdown signal arrived.
    mutating func isDue() -> Bool {
        if let (interrupt, terminate) = signals {
            if interrupt.delivered > 0 { signal = SIGINT }
            if terminate.delivered > 0 { signal = SIGTERM }
        }
        return signal != nil || stopWord.pointee.load(ordering: .acquiring) != 0
    }
}
