import CLinuxInterrupts
import Pinwheel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a task learns from a signal interrupt: that at least one delivery happened since it last looked, and how
/// many. Standard signals coalesce in the kernel (many sends, one delivery); queued real-time signals do not.
public struct SignalEvents: Equatable, Sendable {
    /// Deliveries since the task last looked; at least one.
    public let count: UInt
    /// The value of the latest delivery sent with `sigqueue`, or 0.
    ///
    /// "Latest" is in send order when the signal is queued to the executor's thread (`pthread_sigqueue`,
    /// `rt_tgsigqueueinfo`). Sent to the process, each delivery goes to any thread not blocking the signal, so two
    /// handlers may run at once on different threads and the one that finishes last wins.
    public let lastValue: Int
}

/// A signal bound as an interrupt: its IRQ number, its counters, and futures that wait for its deliveries.
///
/// A handle to storage the platform owns: valid until the platform is dropped (an unbind leaves it valid; the signal
/// just stops arriving).
public struct SignalInterrupt: @unchecked Sendable {
    // Safety (Sendable): the handle is a pointer to storage that only atomics and the waker cell touch after binding,
    // and that lives until the platform is dropped.
    let state: UnsafeMutablePointer<SignalState>

    /// The interrupt vector number.
    public var irq: UInt16 { state.pointee.irq }
    /// The signal number.
    public var signal: Int32 { state.pointee.signo }
    /// Every delivery so far.
    public var delivered: UInt { state.pointee.delivered.load(ordering: .relaxed) }

    /// Takes the deliveries since the last take, or nil if there were none.
    public func take() -> SignalEvents? {
        let count = state.pointee.pending.exchange(0, ordering: .acquiring)
        guard count > 0 else { return nil }
        return SignalEvents(count: count, lastValue: state.pointee.lastValue.load(ordering: .relaxed))
    }

    /// Ready with the deliveries since the last take; otherwise registers the task's waker and is pending.
    public func poll(_ context: Context) -> Poll<SignalEvents> {
        state.pointee.waiter.register(context.waker)
        return take().map { .ready($0) } ?? .pending
    }

    /// A future that finishes with the deliveries since the task last looked.
    public func next() -> SignalWait { SignalWait(interrupt: self) }
}

/// A future that finishes at the next delivery of a ``SignalInterrupt`` (or at once, if some are waiting).
public struct SignalWait: Future, Sendable {
    let interrupt: SignalInterrupt

    /// Ready with the deliveries since the task last looked.
    public mutating func poll(_ context: Context) -> Poll<SignalEvents> { interrupt.poll(context) }
}
