import CLinuxInterrupts
import Pinwheel
import Synchronization
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// What one signal's interrupt handler updates: fixed storage, allocated when the signal is bound and freed when
/// the platform is dropped (so a ``SignalInterrupt`` handle stays valid after an unbind), touched by the handler
/// only through atomics.
struct SignalState: ~Copyable {
    let signo: Int32
    let irq: UInt16
    /// The platform's doorbell, rung by a handler on another thread that had no task to wake.
    let doorbell: UnsafePointer<Doorbell.Shared>
    /// Deliveries not yet taken by a task.
    let pending = Atomic<UInt>(0)
    /// Every delivery, wrapping.
    let delivered = Atomic<UInt>(0)
    /// `si_value.sival_int` of the latest delivery (queued real-time signals carry one).
    let lastValue = Atomic<Int>(0)
    /// The task waiting for the next delivery.
    let waiter = WakerCell()
    /// The disposition the binding replaced, restored at unbind. Never read by the handler.
    var previous = sigaction()

    init(signo: Int32, irq: UInt16, doorbell: UnsafePointer<Doorbell.Shared>) {
        self.signo = signo
        self.irq = irq
        self.doorbell = doorbell
    }
}

/// The handler installed for every interrupt signal. Async-signal-safe: it finds its state through a C array,
/// updates atomics and wakes a waker (one fetch-or). No lock, no allocation, no lazily initialised Swift global.
///
/// It rings no doorbell for the wake: the waker's pender does when the executor sleeps and this runs on another
/// thread; on the executor's thread this runs inside `ppoll`, whose return ends the sleep. With no task to wake it
/// rings from another thread, so that the executor still sees the delivery (a shutdown signal nobody awaits).
let signalInterruptHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signo, info, _ in
    guard let context = pw_signal_context(signo) else { return }
    // Safety: the context was set to this signal's SignalState before the handler was installed, and is cleared
    // only after the disposition is restored; the state is freed only when the platform is dropped.
    let state = context.assumingMemoryBound(to: SignalState.self)
    if let info, info.pointee.si_code == SI_QUEUE {
        state.pointee.lastValue.store(Int(info.pointee._sifields._rt.si_sigval.sival_int), ordering: .relaxed)
    }
    state.pointee.delivered.wrappingAdd(1, ordering: .relaxed)
    state.pointee.pending.wrappingAdd(1, ordering: .releasing)
    if !state.pointee.waiter.wake(from: .interrupt(state.pointee.irq)) {
        state.pointee.doorbell.pointee.ringFromAnotherThread()
    }
}

/// One signal bound as an interrupt vector: installs its handler, masks it, and tears both down.
struct SignalVector {
    let state: UnsafeMutablePointer<SignalState>

    /// Installs the handler for `signo` as vector `irq`, blocked on this thread outside the sleep.
    static func install(
        _ signo: Int32, irq: UInt16, doorbell: UnsafePointer<Doorbell.Shared>
    ) throws(LinuxPlatformError) -> SignalVector {
        try check(signo)
        guard pw_signal_context(signo) == nil else { throw .signalHandledElsewhere(signo) }
        let state = UnsafeMutablePointer<SignalState>.allocate(capacity: 1)
        state.initialize(to: SignalState(signo: signo, irq: irq, doorbell: doorbell))

        // Block first, so that the handler can only run inside the sleep on this thread.
        InterruptMask.add(signo)
        pw_set_signal_context(signo, UnsafeMutableRawPointer(state))

        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = signalInterruptHandler
        action.sa_flags = SA_SIGINFO | SA_RESTART
        action.sa_mask = InterruptMask.interruptSignals()  // handlers do not interrupt each other
        // The handler never reads `previous`, so it may be written while the handler can run on another thread.
        guard sigaction(signo, &action, &state.pointee.previous) == 0 else {
            let failure = Errno.current
            pw_set_signal_context(signo, nil)
            InterruptMask.remove(signo)
            state.deinitialize(count: 1)
            state.deallocate()
            throw .systemCall("sigaction(\(signo))", failure)
        }
        return SignalVector(state: state)
    }

    /// Throws ``LinuxPlatformError/unusableSignal(_:)`` for SIGKILL, SIGSTOP, a signal the C library reserves, or
    /// a number out of range.
    static func check(_ signo: Int32) throws(LinuxPlatformError) {
        guard signo > 0, signo <= pw_sigrtmax(), signo != SIGKILL, signo != SIGSTOP,
              signo < 32 ? true : signo >= pw_sigrtmin() else { throw .unusableSignal(signo) }
    }

    var signo: Int32 { state.pointee.signo }

    /// Puts back the disposition the binding replaced and stops treating the signal as an interrupt. A delivery
    /// still pending on this thread stays pending (the signal stays blocked here until the platform restores the
    /// thread's mask, after consuming it).
    func uninstall() {
        sigaction(signo, &state.pointee.previous, nil)
        pw_set_signal_context(signo, nil)
        InterruptMask.remove(signo)
    }

    /// Frees the state. After ``uninstall()``, when no handle can be used any more.
    func free() {
        state.deinitialize(count: 1)
        state.deallocate()
    }
}
