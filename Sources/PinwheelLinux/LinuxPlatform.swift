import CLinuxInterrupts
import Pinwheel
import PinwheelHost
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Linux as the interrupt controller: a fixed vector table of signals and file descriptors, a timerfd for the
/// timer peripheral, an eventfd as the doorbell other threads ring, and `ppoll` as "wait for interrupt".
///
/// Each job has its own type; this one puts them together behind the core's `Platform`:
/// - `VectorTable`: IRQ numbers, one index space. IRQ 0 is the timer, IRQ 1 the doorbell; ``bind(signal:)`` and
///   ``bind(fileDescriptor:context:handler:)`` take the next numbers, up to the capacity chosen at start-up (one
///   more is ``LinuxPlatformError/vectorTableFull(capacity:)``); ``unbind(irq:)`` releases either kind.
/// - `TimerfdAlarm` in real time, `Pinwheel/VirtualClock` in virtual time: the time driver.
/// - `Doorbell`: rung only when the executor sleeps on another thread's behalf.
/// - `Shutdown`: stop requests and SIGINT/SIGTERM. `RealtimeTuning`: the real-time knobs.
///
/// ## Wait for interrupt: the pselect pattern
/// The interrupt signals are blocked on the executor's thread except inside `ppoll`, which unblocks them
/// atomically with going to sleep (`InterruptMask`). So a signal that lands between "nothing is ready" and
/// "sleep" stays pending and ends the sleep at once; one landing on another thread runs its handler there, whose
/// wake rings the doorbell. When `ppoll` returns, each readable descriptor's handler runs (the timer's expiration
/// count is read, the doorbell drained) before any task is polled. One wake costs one sleep exit: the next sleep
/// is a real one.
///
/// ## Shutdown
/// With ``bindShutdownSignals()``, SIGINT and SIGTERM become interrupts whose tasks may clean up; the platform
/// tells the executor to stop at its next idle point. ``shutdownExitCode`` is 128 + the signal, as shells expect.
///
/// Bind and run on the same thread. Dropping the platform releases everything it took: signal dispositions are
/// restored, the signal mask is restored, descriptors are closed, the thread's scheduling is put back.
public struct LinuxPlatform: Platform, ~Copyable {
    /// A handler for a readable descriptor, run on the executor's thread before tasks are polled.
    public typealias DescriptorHandler = @convention(c) (_ fd: Int32, _ context: UnsafeMutableRawPointer?) -> Void

    private var table: VectorTable
    private let timer: TimerfdAlarm
    private let doorbell: Doorbell
    private var virtualClock: VirtualClock?
    private var shutdown: Shutdown
    private var tuning: RealtimeTuning

    /// The descriptors the platform opened and closes when dropped (the timerfd, the doorbell eventfd, and
    /// /dev/cpu_dma_latency while a wake-latency request is held); for tests that check they are released.
    var ownedDescriptors: [Int32] {
        [timer.fd, doorbell.fd] + (tuning.wakeLatencyRequest >= 0 ? [tuning.wakeLatencyRequest] : [])
    }
    /// How many vectors the table holds, the timer and the doorbell included.
    public var vectors: Int { table.capacity }
    /// Vectors not yet bound.
    public var freeVectors: Int { table.capacity - table.used }
    /// The timer's IRQ: the first vector, bound when the platform is made.
    public static let timerIRQ: UInt16 = 0
    /// The doorbell's IRQ: the second vector, bound when the platform is made.
    public static let doorbellIRQ: UInt16 = 1
    /// The vector table's bytes, fixed when the platform is made: per vector, the `pollfd` the sleep waits on and
    /// what the vector is bound to. A bound signal's state is allocated when it is bound (``signalStateBytes`` each).
    public var vectorTableBytes: Int { table.capacity * VectorTable.bytesPerVector }
    /// The bytes one bound signal's state takes: its counters, its last value, the waker cell its handler wakes, and
    /// the disposition to restore.
    public static var signalStateBytes: Int { MemoryLayout<SignalState>.stride }

    /// The deadline the time driver is armed for (in virtual time: the deadline the clock jumps to when idle).
    public private(set) var alarm: Instant?
    /// The virtual clock's reading, or nil when the platform runs on `CLOCK_MONOTONIC`.
    public var virtualNow: Instant? { virtualClock?.now() }
    /// Times the virtual clock jumped to an alarm.
    public var virtualJumps: UInt64 { virtualClock?.jumps ?? 0 }
    /// Timer expirations read from the timerfd.
    public var timerExpirations: UInt64 { timer.expirations.pointee }
    /// Times the executor slept in `ppoll` and was woken.
    public private(set) var sleeps: UInt64 = 0
    /// The shutdown signal that ended the run, once one has arrived.
    public var shutdownSignal: Int32? { shutdown.signal }

    /// A platform with a table of `vectors` interrupt vectors, the timer and doorbell bound. Sets this thread's
    /// timer slack to 1 ns.
    ///
    /// With `virtualTimeFrom`, time is virtual: it starts at that instant and moves only when the executor is idle,
    /// jumping straight to the next deadline, as `Pinwheel/VirtualClock` does; but interrupts are still real.
    /// Before each jump the platform services every descriptor and signal already pending (a zero-timeout
    /// `ppoll`), so an interrupt raised at virtual time *t* is handled at *t*; with no deadline armed it sleeps in
    /// `ppoll` until a real interrupt arrives. Runs that are driven by a schedule finish as fast as the machine
    /// allows and give the same result every time.
    public init(vectors: Int = 16, virtualTimeFrom start: Instant? = nil) throws(LinuxPlatformError) {
        precondition(vectors >= 2, "a LinuxPlatform needs at least 2 vectors (timer and doorbell)")
        // Made as locals first: one made before a later step throws is dropped, releasing what it took.
        let timer = try TimerfdAlarm()
        let doorbell = try Doorbell()
        let slack = pw_set_timer_slack(1)
        guard slack == 0 else { throw .systemCall("prctl(PR_SET_TIMERSLACK, 1)", Errno(rawValue: slack)) }
        var table = VectorTable(capacity: vectors)
        // Two vectors fit: the precondition above.
        let timerIRQ = try! table.bind(timer.vector)
        let doorbellIRQ = try! table.bind(DescriptorVector(fd: doorbell.fd, handler: Doorbell.drain, context: nil))
        assert(timerIRQ == Self.timerIRQ && doorbellIRQ == Self.doorbellIRQ)
        self.table = table
        self.timer = timer
        self.doorbell = doorbell
        virtualClock = start.map { VirtualClock(start: $0) }
        shutdown = Shutdown()
        tuning = RealtimeTuning()
    }

    // MARK: Scheduling

    /// Runs this thread (the executor's) under `SCHED_FIFO` at `priority`, so that no ordinary thread delays an
    /// interrupt's task, as cyclictest's `-p` does. Dropping the platform restores the thread's previous policy.
    ///
    /// Needs root, `CAP_SYS_NICE`, or an `RLIMIT_RTPRIO` of at least `priority`. A busy task at this priority
    /// starves ordinary threads on its core, up to the kernel's real-time throttling (`sched_rt_runtime_us`).
    public mutating func setRealtimePriority(_ priority: Int32) throws(LinuxPlatformError) {
        try tuning.setPriority(priority)
    }

    /// Asks the kernel to keep every CPU's wake-up latency at or under `microseconds` while the platform lives
    /// (the PM QoS request `/dev/cpu_dma_latency`, which cyclictest also makes): idle CPUs then stay in shallow
    /// idle states (or poll, under a hypervisor's haltpoll), so an interrupt reaches its task sooner, at the cost
    /// of power. 0 asks for the shallowest state. Dropping the platform withdraws the request.
    ///
    /// Needs write access to `/dev/cpu_dma_latency` (root by default; a udev rule can give it to a group).
    public mutating func limitCPUWakeLatency(microseconds: Int32) throws(LinuxPlatformError) {
        try tuning.limitWakeLatency(microseconds: microseconds)
    }

    // MARK: Binding interrupt sources

    /// Binds `signal` as an interrupt: installs its handler and blocks it on this thread outside the sleep.
    public mutating func bind(signal signo: Int32) throws(LinuxPlatformError) -> SignalInterrupt {
        try table.bind(signal: signo, doorbell: doorbell.shared)
    }

    /// Binds SIGINT and SIGTERM: each delivery wakes their tasks, and the run stops at the next idle point.
    @discardableResult
    public mutating func bindShutdownSignals() throws(LinuxPlatformError) -> (interrupt: SignalInterrupt, terminate: SignalInterrupt) {
        let interrupt = try bind(signal: SIGINT)
        let terminate = try bind(signal: SIGTERM)
        shutdown.signals = (interrupt, terminate)
        return (interrupt, terminate)
    }

    /// The exit status a program should end with after a shutdown signal: 128 + the signal number
    /// (130 for SIGINT, 143 for SIGTERM); 0 if none arrived.
    public var shutdownExitCode: Int32 { shutdownSignal.map { 128 + $0 } ?? 0 }

    /// Binds a file descriptor as an interrupt: when it is readable, `handler` runs on the executor's thread
    /// before tasks are polled. Returns its IRQ number.
    public mutating func bind(
        fileDescriptor fd: Int32, context: UnsafeMutableRawPointer? = nil, handler: DescriptorHandler
    ) throws(LinuxPlatformError) -> UInt16 {
        try table.bind(DescriptorVector(fd: fd, handler: handler, context: context))
    }

    /// Releases vector `irq`: a descriptor is no longer watched (unbind it before its owner closes it); a signal's
    /// previous disposition is put back (its ``SignalInterrupt`` stays valid and receives nothing more). The vector
    /// number stays taken.
    public mutating func unbind(irq: UInt16) {
        table.unbind(irq: irq)
    }

    /// Stops runs on this platform at their next idle point, from a task, another thread or a signal handler.
    public var stopper: RunStopper { shutdown.stopper(doorbell: doorbell.shared) }

    // MARK: TimeDriver

    /// `CLOCK_MONOTONIC` now, or the virtual clock's reading.
    public func now() -> Instant { virtualClock?.now() ?? MonotonicClock.now }

    /// Arms the timerfd for `deadline` (absolute), or disarms it. In virtual time, the clock records it.
    public mutating func schedule(at deadline: Instant?) {
        alarm = deadline
        if virtualClock != nil {
            virtualClock!.schedule(at: deadline)
        } else {
            timer.arm(deadline)
        }
    }

    /// Reads `CLOCK_MONOTONIC`, or the virtual clock through the platform's address.
    public static var readClock: ClockReader.Function {
        { driver in
            guard let driver else { return MonotonicClock.nanoseconds() }
            // Safety: the executor passes the address of the platform it runs on, pinned for the run.
            return driver.assumingMemoryBound(to: LinuxPlatform.self).pointee.now().ticks
        }
    }

    // MARK: IdleHook

    /// The doorbell's pender; records this thread as the executor's and blocks the interrupt signals on it.
    public mutating func pender() -> Pender? {
        _ = InterruptMask.block()
        doorbell.bindExecutorThread()
        return doorbell.pender
    }

    /// Sleeps in `ppoll` with the interrupt signals unblocked, then runs the handlers of readable descriptors.
    public mutating func sleep(_ target: borrowing WakeTarget, whileIdle isIdle: () -> Bool) -> IdleOutcome {
        // Interrupt signals are blocked here, so none can slip between this check and ppoll.
        guard isIdle() else { return .resumed }
        // A shutdown signal stops the run at an idle point: after the tasks it woke have run and cleaned up.
        if shutdown.isDue() { return .stop }
        if virtualClock != nil {
            // Interrupts already pending are handled at the current virtual instant, before time moves.
            let pending = table.wait(nanoseconds: 0)
            if pending > 0 { serviceReadable(target) }
            if pending != 0 { return .resumed }
            if virtualClock!.jumpToAlarm() { return .resumed }
        }
        let ready = table.wait()
        sleeps &+= 1
        if ready > 0 { serviceReadable(target) }
        return .resumed
    }

    /// The run ended: the signals' waker cells forget the run's wakers, so that a signal arriving later on
    /// another thread cannot wake into an executor that is gone.
    public mutating func runEnded() {
        table.forgetWakers()
    }

    private func serviceReadable(_ target: borrowing WakeTarget) {
        // Awake from here on: withdrawing the announcement first spares the descriptor handlers' wakes the pender,
        // as the executor checks the ready bits next anyway.
        target.endSleep()
        table.serviceReadable()
    }
}
