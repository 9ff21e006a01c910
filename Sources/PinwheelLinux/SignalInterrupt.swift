import CLinuxInterrupts
import Pinwheel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What one signal's interrupt handler updates: fixed storage, allocated when the signal is bound and freed when
/// it is released, touched by the handler only through atomics.
struct SignalState: ~Copyable {
    let signo: Int32
    let irq: UInt16
    /// The doorbell eventfd: written by the handler so that a delivery on another thread ends the executor's sleep.
    let doorbell: Int32
    /// Deliveries not yet taken by a task.
    let pending = Atomic<UInt>(0)
    /// Every delivery, wrapping.
    let delivered = Atomic<UInt>(0)
    /// `si_value.sival_int` of the latest delivery (queued real-time signals carry one).
    let lastValue = Atomic<Int>(0)
    /// The task waiting for the next delivery.
    let waiter = WakerCell()
    /// The disposition the binding replaced, restored when the platform is dropped. Never read by the handler.
    var previous = sigaction()

    init(signo: Int32, irq: UInt16, doorbell: Int32) {
        self.signo = signo
        self.irq = irq
        self.doorbell = doorbell
    }
}

/// The handler installed for every interrupt signal. Async-signal-safe: it finds its state through a C array,
/// updates atomics, wakes a waker (one fetch-or), and writes the doorbell eventfd. No lock, no allocation, no
/// lazily initialised Swift global.
let signalInterruptHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signo, info, _ in
    guard let context = pw_signal_context(signo) else { return }
    let savedErrno = errno
    defer { errno = savedErrno }
    let state = context.assumingMemoryBound(to: SignalState.self)
    if let info, info.pointee.si_code == SI_QUEUE {
        state.pointee.lastValue.store(Int(info.pointee._sifields._rt.si_sigval.sival_int), ordering: .relaxed)
    }
    state.pointee.delivered.wrappingAdd(1, ordering: .relaxed)
    state.pointee.pending.wrappingAdd(1, ordering: .releasing)
    state.pointee.waiter.wake(from: .interrupt(state.pointee.irq))
    var one: UInt64 = 1
    _ = write(state.pointee.doorbell, &one, 8)
}

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
/// A handle to storage the platform owns; valid until the platform releases it.
public struct SignalInterrupt: @unchecked Sendable {
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
