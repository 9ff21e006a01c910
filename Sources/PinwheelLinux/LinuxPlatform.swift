import CLinuxInterrupts
import Pinwheel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Linux as the interrupt controller: a fixed vector table of signals and file descriptors, a timerfd for the
/// timer peripheral, an eventfd as the doorbell other threads ring, and `ppoll` as "wait for interrupt".
///
/// ## Vectors
/// IRQ 0 is the timer (a `CLOCK_MONOTONIC` timerfd armed with absolute deadlines, timer slack 1 ns), IRQ 1 the
/// doorbell (an eventfd). ``bind(signal:)`` and ``bind(fileDescriptor:context:handler:)`` take the next numbers,
/// up to the capacity chosen at start-up; one more is ``LinuxPlatformError/vectorTableFull(capacity:)``.
///
/// The table is allocated once, in `init`. (Not an `InlineArray` sized by a generic parameter: with Swift 6.3.1 a
/// `~Copyable` struct whose layout depends on its generic parameters does not get its `deinit` run when it is
/// destroyed in another module, and this deinit is what releases the signals and descriptors.)
///
/// ## Wait for interrupt: the pselect pattern
/// The interrupt signals are blocked on the executor's thread except inside `ppoll`, which unblocks them
/// atomically with going to sleep. So a signal that lands between "nothing is ready" and "sleep" stays pending
/// and ends the sleep at once; one landing on another thread runs its handler there, which rings the doorbell.
/// When `ppoll` returns, each readable descriptor's handler runs (the timer's expiration count is read, the
/// doorbell drained) before any task is polled.
///
/// ## Shutdown
/// With ``bindShutdownSignals()``, SIGINT and SIGTERM become interrupts whose tasks may clean up; the platform
/// tells the executor to stop at its next idle point. ``shutdownExitCode`` is 128 + the signal, as shells expect.
///
/// Bind and run on the same thread. Dropping the platform releases everything it took: signal dispositions are
/// restored, the signal mask is restored, descriptors are closed.
public struct LinuxPlatform: Platform, ~Copyable {
    /// A handler for a readable descriptor, run on the executor's thread before tasks are polled.
    public typealias DescriptorHandler = @convention(c) (_ fd: Int32, _ context: UnsafeMutableRawPointer?) -> Void

    struct Descriptor {
        var fd: Int32
        var irq: UInt16
        var handler: DescriptorHandler?
        var context: UnsafeMutableRawPointer?
    }

    private let timerFD: Int32
    private let doorbellFD: Int32
    /// The descriptors the platform opened and closes when dropped (the timerfd, the doorbell eventfd, and
    /// /dev/cpu_dma_latency while a wake-latency request is held); for tests that check they are released.
    var ownedDescriptors: [Int32] { [timerFD, doorbellFD] + (wakeLatencyRequest >= 0 ? [wakeLatencyRequest] : []) }
    // The doorbell's descriptor where the pender can reach it: a word that lives as long as the platform.
    private let doorbellWord: UnsafeMutablePointer<Int32>
    // Set by a RunStopper; read at each idle point.
    private let stopWord: UnsafeMutablePointer<Atomic<UInt32>>
    /// How many vectors the table holds, the timer and the doorbell included.
    public let vectors: Int
    /// The vector table's bytes, fixed when the platform is made: per vector, the `pollfd` the sleep waits on, the
    /// descriptor's handler record and a pointer to the signal's state. A bound signal's state is allocated when it
    /// is bound (``signalStateBytes`` each).
    public var vectorTableBytes: Int {
        vectors * (MemoryLayout<pollfd>.stride + MemoryLayout<Descriptor?>.stride
            + MemoryLayout<UnsafeMutablePointer<SignalState>?>.stride)
    }
    /// The bytes one bound signal's state takes: its counters, its last value, the waker cell its handler wakes, and
    /// the disposition to restore.
    public static var signalStateBytes: Int { MemoryLayout<SignalState>.stride }
    private let pollSet: UnsafeMutableBufferPointer<pollfd>
    private let descriptors: UnsafeMutableBufferPointer<Descriptor?>
    // Bound signals' state, at their vectors' indices.
    private let signals: UnsafeMutableBufferPointer<UnsafeMutablePointer<SignalState>?>
    private var descriptorCount = 0
    private var vectorsUsed = 2
    private var threadMaskAtStart = sigset_t()
    // The mask inside the sleep: the thread's own mask with every interrupt signal unblocked. Kept up to date by
    // `bind(signal:)`, so the sleep does not rebuild it.
    private var waitMask = sigset_t()
    private var shutdownSignals: (SignalInterrupt, SignalInterrupt)?
    // /dev/cpu_dma_latency, held open while the platform lives: the kernel keeps the request only while it is open.
    private var wakeLatencyRequest: Int32 = -1
    // The thread's scheduling before `setRealtimePriority`, restored when the platform is dropped.
    private var schedulingAtStart: (policy: Int32, parameters: sched_param)?

    /// The deadline the timerfd is armed for (in virtual time: the deadline the clock jumps to when idle).
    public private(set) var alarm: Instant?
    /// The virtual clock's reading, or nil when the platform runs on `CLOCK_MONOTONIC`.
    public private(set) var virtualNow: Instant?
    /// Times the virtual clock jumped to an alarm.
    public private(set) var virtualJumps: UInt64 = 0
    /// Timer expirations read from the timerfd.
    public private(set) var timerExpirations: UInt64 = 0
    /// Times the executor slept in `ppoll` and was woken.
    public private(set) var sleeps: UInt64 = 0
    /// The shutdown signal that ended the run, once one has arrived.
    public private(set) var shutdownSignal: Int32?

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
        let timer = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard timer >= 0 else { throw .systemCall("timerfd_create(CLOCK_MONOTONIC)", errno: errno) }
        let doorbell = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard doorbell >= 0 else {
            let failure = errno
            close(timer)
            throw .systemCall("eventfd", errno: failure)
        }
        let slack = pw_set_timer_slack(1)
        guard slack == 0 else {
            close(timer)
            close(doorbell)
            throw .systemCall("prctl(PR_SET_TIMERSLACK, 1)", errno: slack)
        }
        timerFD = timer
        doorbellFD = doorbell
        doorbellWord = .allocate(capacity: 1)
        doorbellWord.initialize(to: doorbell)
        stopWord = .allocate(capacity: 1)
        stopWord.initialize(to: Atomic(0))
        self.vectors = vectors
        pollSet = .allocate(capacity: vectors)
        pollSet.initialize(repeating: pollfd(fd: -1, events: 0, revents: 0))
        pollSet[0] = pollfd(fd: timer, events: Int16(POLLIN), revents: 0)
        pollSet[1] = pollfd(fd: doorbell, events: Int16(POLLIN), revents: 0)
        descriptors = .allocate(capacity: vectors)
        descriptors.initialize(repeating: nil)
        signals = .allocate(capacity: vectors)
        signals.initialize(repeating: nil)
        descriptorCount = 2
        pthread_sigmask(SIG_SETMASK, nil, &threadMaskAtStart)
        virtualNow = start
        updateWaitMask()
    }

    deinit {
        // Consume instances of our signals that were sent but not yet delivered (they are blocked on this thread
        // outside the sleep): once a disposition is back to its default, a pending SIGUSR2 would end the process.
        var pending = sigset_t()
        sigemptyset(&pending)
        for index in signals.indices { if let state = signals[index] { sigaddset(&pending, state.pointee.signo) } }
        var immediately = timespec(tv_sec: 0, tv_nsec: 0)
        while sigtimedwait(&pending, nil, &immediately) > 0 {}
        for index in signals.indices {
            guard let state = signals[index] else { continue }
            let signo = state.pointee.signo
            sigaction(signo, &state.pointee.previous, nil)
            pw_set_signal_context(signo, nil)
            pw_isr_signals_remove(signo)
            state.deinitialize(count: 1)
            state.deallocate()
        }
        var mask = threadMaskAtStart
        pthread_sigmask(SIG_SETMASK, &mask, nil)
        if let (policy, parameters) = schedulingAtStart {
            var parameters = parameters
            pthread_setschedparam(pthread_self(), policy, &parameters)
        }
        if wakeLatencyRequest >= 0 { close(wakeLatencyRequest) }
        close(timerFD)
        close(doorbellFD)
        doorbellWord.deallocate()
        stopWord.deinitialize(count: 1)
        stopWord.deallocate()
        pollSet.deallocate()
        descriptors.deallocate()
        signals.deallocate()
    }

    // MARK: Scheduling

    /// Runs this thread (the executor's) under `SCHED_FIFO` at `priority`, so that no ordinary thread delays an
    /// interrupt's task, as cyclictest's `-p` does. Dropping the platform restores the thread's previous policy.
    ///
    /// Needs root, `CAP_SYS_NICE`, or an `RLIMIT_RTPRIO` of at least `priority`. A busy task at this priority
    /// starves ordinary threads on its core, up to the kernel's real-time throttling (`sched_rt_runtime_us`).
    public mutating func setRealtimePriority(_ priority: Int32) throws(LinuxPlatformError) {
        let range = sched_get_priority_min(SCHED_FIFO)...sched_get_priority_max(SCHED_FIFO)
        guard range.contains(priority) else { throw .realtimePriorityOutOfRange(priority, range: range) }
        var policy: Int32 = 0
        var previous = sched_param()
        pthread_getschedparam(pthread_self(), &policy, &previous)
        var parameters = sched_param(sched_priority: priority)
        switch pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters) {
        case 0: break
        case EPERM: throw .realtimeSchedulingNotPermitted(priority: priority)
        case let failure: throw .systemCall("pthread_setschedparam(SCHED_FIFO, \(priority))", errno: failure)
        }
        if schedulingAtStart == nil { schedulingAtStart = (policy, previous) }
    }

    /// Asks the kernel to keep every CPU's wake-up latency at or under `microseconds` while the platform lives
    /// (the PM QoS request `/dev/cpu_dma_latency`, which cyclictest also makes): idle CPUs then stay in shallow
    /// idle states (or poll, under a hypervisor's haltpoll), so an interrupt reaches its task sooner, at the cost
    /// of power. 0 asks for the shallowest state. Dropping the platform withdraws the request.
    ///
    /// Needs write access to `/dev/cpu_dma_latency` (root by default; a udev rule can give it to a group).
    public mutating func limitCPUWakeLatency(microseconds: Int32) throws(LinuxPlatformError) {
        let fd = wakeLatencyRequest >= 0 ? wakeLatencyRequest : open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let failure = errno
            if failure == EACCES || failure == EPERM { throw .cpuWakeLatencyNotPermitted }
            throw .systemCall("open(/dev/cpu_dma_latency)", errno: failure)
        }
        wakeLatencyRequest = fd
        var value = microseconds
        guard write(fd, &value, 4) == 4 else { throw .systemCall("write(/dev/cpu_dma_latency)", errno: errno) }
    }

    // MARK: Binding interrupt sources

    /// Binds `signal` as an interrupt: installs its handler and blocks it on this thread outside the sleep.
    public mutating func bind(signal signo: Int32) throws(LinuxPlatformError) -> SignalInterrupt {
        guard signo > 0, signo <= pw_sigrtmax(), signo != SIGKILL, signo != SIGSTOP,
              signo < 32 ? true : signo >= pw_sigrtmin() else { throw .unusableSignal(signo) }
        for index in signals.indices where signals[index]?.pointee.signo == signo {
            throw .signalAlreadyBound(signo)
        }
        guard pw_signal_context(signo) == nil else { throw .signalHandledElsewhere(signo) }
        guard vectorsUsed < vectors else { throw .vectorTableFull(capacity: vectors) }

        let irq = UInt16(vectorsUsed)
        let state = UnsafeMutablePointer<SignalState>.allocate(capacity: 1)
        state.initialize(to: SignalState(signo: signo, irq: irq, doorbell: doorbellFD))

        // Block first, so that the handler can only run inside the sleep on this thread.
        pw_isr_signals_add(signo)
        var saved = sigset_t()
        _ = pw_isr_signals_block(&saved)
        pw_set_signal_context(signo, UnsafeMutableRawPointer(state))

        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = signalInterruptHandler
        action.sa_flags = SA_SIGINFO | SA_RESTART
        pw_isr_signals(&action.sa_mask)  // handlers do not interrupt each other
        // The handler never reads `previous`, so it may be written while the handler can run on another thread.
        guard sigaction(signo, &action, &state.pointee.previous) == 0 else {
            let failure = errno
            pw_set_signal_context(signo, nil)
            pw_isr_signals_remove(signo)
            state.deinitialize(count: 1)
            state.deallocate()
            throw .systemCall("sigaction(\(signo))", errno: failure)
        }
        signals[vectorsUsed] = state
        vectorsUsed += 1
        updateWaitMask()
        return SignalInterrupt(state: state)
    }

    /// Binds SIGINT and SIGTERM: each delivery wakes their tasks, and the run stops at the next idle point.
    @discardableResult
    public mutating func bindShutdownSignals() throws(LinuxPlatformError) -> (interrupt: SignalInterrupt, terminate: SignalInterrupt) {
        let interrupt = try bind(signal: SIGINT)
        let terminate = try bind(signal: SIGTERM)
        shutdownSignals = (interrupt, terminate)
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
        guard vectorsUsed < vectors else { throw .vectorTableFull(capacity: vectors) }
        let irq = UInt16(vectorsUsed)
        pollSet[descriptorCount] = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        descriptors[descriptorCount] = Descriptor(fd: fd, irq: irq, handler: handler, context: context)
        descriptorCount += 1
        vectorsUsed += 1
        return irq
    }

    /// Stops watching the descriptor bound as `irq`, before its owner closes it. The vector number stays taken.
    public mutating func unbind(irq: UInt16) {
        for index in 2..<descriptorCount where descriptors[index]?.irq == irq {
            descriptors[index] = nil
            pollSet[index].fd = -1  // ppoll skips negative descriptors
        }
    }

    /// Stops runs on this platform at their next idle point, from a task, another thread or a signal handler.
    public var stopper: RunStopper { RunStopper(word: stopWord, doorbell: doorbellFD) }

    /// Rings the doorbell: ends the executor's sleep from any thread or signal handler.
    public func ringDoorbell() {
        var one: UInt64 = 1
        _ = write(doorbellFD, &one, 8)
    }

    // MARK: TimeDriver

    /// `CLOCK_MONOTONIC` now, or the virtual clock's reading.
    public func now() -> Instant { virtualNow ?? Instant(ticks: monotonicNanoseconds()) }

    /// Arms the timerfd for `deadline` (absolute), or disarms it. In virtual time, only records it.
    public mutating func schedule(at deadline: Instant?) {
        alarm = deadline
        guard virtualNow == nil else { return }
        var spec = itimerspec()
        if let deadline, deadline != .distantFuture {
            // A zero it_value would disarm: a deadline at the epoch is long past, so make it 1 ns.
            let ticks = max(deadline.ticks, 1)
            spec.it_value = timespec(tv_sec: Int(ticks / 1_000_000_000), tv_nsec: Int(ticks % 1_000_000_000))
        }
        timerfd_settime(timerFD, Int32(TFD_TIMER_ABSTIME), &spec, nil)
    }

    /// Reads `CLOCK_MONOTONIC`, or the virtual clock through the platform's address.
    public static var readClock: ClockReader.Function {
        { driver in
            guard let driver else { return monotonicNanoseconds() }
            return driver.assumingMemoryBound(to: LinuxPlatform.self).pointee.now().ticks
        }
    }

    // MARK: IdleHook

    /// Rings the doorbell; also blocks the interrupt signals on the executor's thread, which is calling this.
    public mutating func pender() -> Pender? {
        var saved = sigset_t()
        _ = pw_isr_signals_block(&saved)
        return Pender(context: UnsafeMutableRawPointer(doorbellWord)) { _, context in
            var one: UInt64 = 1
            _ = write(context!.assumingMemoryBound(to: Int32.self).pointee, &one, 8)
        }
    }

    /// Sleeps in `ppoll` with the interrupt signals unblocked, then runs the handlers of readable descriptors.
    public mutating func sleep(_ target: borrowing WakeTarget, whileIdle isIdle: () -> Bool) -> IdleOutcome {
        // Interrupt signals are blocked here, so none can slip between this check and ppoll.
        guard isIdle() else { return .resumed }
        // A shutdown signal stops the run at an idle point: after the tasks it woke have run and cleaned up.
        if shutdownArrived() || stopper.isStopRequested { return .stop }
        if let current = virtualNow {
            // Interrupts already pending are handled at the current virtual instant, before time moves.
            let pending = pw_ppoll_timeout(pollSet.baseAddress, nfds_t(descriptorCount), &waitMask, 0)
            if pending > 0 {
                target.endSleep()
                serviceDescriptors()
            }
            if pending != 0 { return .resumed }
            if let alarm, alarm != .distantFuture {
                virtualNow = max(current, alarm)
                virtualJumps &+= 1
                return .resumed
            }
        }
        let ready = pw_ppoll(pollSet.baseAddress, nfds_t(descriptorCount), &waitMask)
        sleeps &+= 1
        if ready > 0 {
            // Awake from here on: withdrawing the announcement first spares the descriptor handlers' wakes the
            // doorbell write (and the next sleep its read), as the executor checks the ready bits next anyway.
            target.endSleep()
            serviceDescriptors()
        }
        return .resumed
    }

    private mutating func updateWaitMask() {
        waitMask = threadMaskAtStart
        var isr = sigset_t()
        pw_isr_signals(&isr)
        for signo in 1...pw_sigrtmax() where sigismember(&isr, signo) == 1 { sigdelset(&waitMask, signo) }
    }

    private mutating func serviceDescriptors() {
        var count: UInt64 = 0
        if pollSet[0].revents != 0, read(timerFD, &count, 8) == 8 { timerExpirations &+= count }
        if pollSet[1].revents != 0 { _ = read(doorbellFD, &count, 8) }
        for index in 2..<descriptorCount where pollSet[index].revents != 0 {
            if let descriptor = descriptors[index], let handler = descriptor.handler {
                handler(descriptor.fd, descriptor.context)
            }
        }
    }

    private mutating func shutdownArrived() -> Bool {
        guard let (interrupt, terminate) = shutdownSignals else { return false }
        if interrupt.delivered > 0 { shutdownSignal = SIGINT }
        if terminate.delivered > 0 { shutdownSignal = SIGTERM }
        return shutdownSignal != nil
    }
}

/// `CLOCK_MONOTONIC` in nanoseconds. (A free function: a C function pointer cannot capture the platform's generics.)
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}
