import CLinuxInterrupts
import Pinwheel
#if canImport(Glibc)
import Glibc
#endif

/// The Linux platform's interrupt vector table: one index space for signals and descriptors, the IRQ number being
/// the index. Fixed at start-up: ``capacity`` vectors, allocated once.
///
/// Each vector has a `pollfd` at its index, the array `ppoll` sleeps on: a descriptor vector's descriptor, or -1
/// (which `ppoll` skips) for a signal vector, whose handler ends the sleep by itself, and for an unbound vector.
/// A vector number, once bound, stays taken; an unbound signal keeps its state until the table is dropped, so the
/// ``SignalInterrupt`` handles given out stay valid.
///
/// Not an `InlineArray` sized by a generic parameter: with Swift 6.3.1 a `~Copyable` struct whose layout depends on
/// its generic parameters does not get its `deinit` run when it is destroyed in another module, and this deinit is
/// what puts the signal dispositions and the thread's mask back.
struct VectorTable: ~Copyable {
    /// What a vector number is bound to.
    enum Vector {
        case free
        case descriptor(DescriptorVector)
        case signal(SignalVector)
        /// An unbound signal: no longer an interrupt; its state is freed with the table.
        case unboundSignal(SignalVector)
        /// An unbound descriptor.
        case unbound
    }

    /// How many vectors the table holds.
    let capacity: Int
    private let pollSet: UnsafeMutableBufferPointer<pollfd>
    private let entries: UnsafeMutableBufferPointer<Vector>
    /// Vectors taken so far: the next IRQ number.
    private(set) var used = 0
    /// The thread's mask when the table was made, restored when it is dropped.
    private let threadMaskAtStart: sigset_t
    /// The mask inside the sleep: the thread's own with every interrupt signal unblocked. Kept up to date by binds
    /// and unbinds, so the sleep does not rebuild it.
    private let waitMask: UnsafeMutablePointer<sigset_t>

    /// The bytes one vector takes.
    static var bytesPerVector: Int { MemoryLayout<pollfd>.stride + MemoryLayout<Vector>.stride }

    init(capacity: Int) {
        self.capacity = capacity
        pollSet = .allocate(capacity: capacity)
        pollSet.initialize(repeating: pollfd(fd: -1, events: 0, revents: 0))
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: .free)
        threadMaskAtStart = InterruptMask.current()
        waitMask = .allocate(capacity: 1)
        waitMask.initialize(to: InterruptMask.waitMask(from: threadMaskAtStart))
    }

    deinit {
        // Consume deliveries of our signals that were sent but not yet handled (they are blocked on this thread
        // outside the sleep): once a disposition is back to its default, a pending SIGUSR2 would end the process.
        var ours = sigset_t()
        sigemptyset(&ours)
        for index in 0..<used {
            if case .signal(let vector) = entries[index] { sigaddset(&ours, vector.signo) }
            if case .unboundSignal(let vector) = entries[index] { sigaddset(&ours, vector.signo) }
        }
        var immediately = timespec(tv_sec: 0, tv_nsec: 0)
        while sigtimedwait(&ours, nil, &immediately) > 0 {}
        for index in 0..<used {
            switch entries[index] {
            case .signal(let vector):
                vector.uninstall()
                vector.free()
            case .unboundSignal(let vector):
                vector.free()
            default:
                break
            }
        }
        InterruptMask.restore(threadMaskAtStart)
        pollSet.deallocate()
        entries.deallocate()
        waitMask.deallocate()
    }

    /// Binds a readable descriptor as the next vector; returns its IRQ number.
    mutating func bind(_ descriptor: DescriptorVector) throws(LinuxPlatformError) -> UInt16 {
        let irq = try take()
        pollSet[Int(irq)] = pollfd(fd: descriptor.fd, events: Int16(POLLIN), revents: 0)
        entries[Int(irq)] = .descriptor(descriptor)
        return irq
    }

    /// Binds `signo` as the next vector: installs its handler and masks it.
    mutating func bind(signal signo: Int32, doorbell: UnsafePointer<Doorbell.Shared>) throws(LinuxPlatformError) -> SignalInterrupt {
        try SignalVector.check(signo)
        for index in 0..<used {
            if case .signal(let vector) = entries[index], vector.signo == signo { throw .signalAlreadyBound(signo) }
        }
        guard pw_signal_context(signo) == nil else { throw .signalHandledElsewhere(signo) }
        guard used < capacity else { throw .vectorTableFull(capacity: capacity) }
        let vector = try SignalVector.install(signo, irq: UInt16(used), doorbell: doorbell)
        entries[used] = .signal(vector)
        used += 1
        waitMask.pointee = InterruptMask.waitMask(from: threadMaskAtStart)
        return SignalInterrupt(state: vector.state)
    }

    /// Unbinds vector `irq`: a descriptor is no longer watched (its owner may close it), a signal's disposition is
    /// put back. The number stays taken. Unbinding a free or unbound vector does nothing.
    mutating func unbind(irq: UInt16) {
        let index = Int(irq)
        guard index < used else { return }
        switch entries[index] {
        case .descriptor:
            pollSet[index].fd = -1
            entries[index] = .unbound
        case .signal(let vector):
            vector.uninstall()
            entries[index] = .unboundSignal(vector)
            waitMask.pointee = InterruptMask.waitMask(from: threadMaskAtStart)
        default:
            break
        }
    }

    /// Clears every signal's waker cell: after a run, a delivery wakes no task (and rings the doorbell instead).
    func forgetWakers() {
        for index in 0..<used {
            if case .signal(let vector) = entries[index] { vector.state.pointee.waiter.clear() }
        }
    }

    /// Sleeps in `ppoll` with the interrupt signals unblocked, for at most `nanoseconds` (nil: until an interrupt).
    /// Returns the number of readable descriptors, or -errno (-EINTR when a signal handler ran).
    func wait(nanoseconds: Int? = nil) -> Int32 {
        if let nanoseconds {
            pw_ppoll_timeout(pollSet.baseAddress, nfds_t(used), waitMask, nanoseconds)
        } else {
            pw_ppoll(pollSet.baseAddress, nfds_t(used), waitMask)
        }
    }

    /// Runs the handler of each descriptor the last ``wait(nanoseconds:)`` found readable, in IRQ order.
    func serviceReadable() {
        for index in 0..<used where pollSet[index].revents != 0 {
            if case .descriptor(let descriptor) = entries[index] { descriptor.service() }
        }
    }

    private mutating func take() throws(LinuxPlatformError) -> UInt16 {
        guard used < capacity else { throw .vectorTableFull(capacity: capacity) }
        defer { used += 1 }
        return UInt16(used)
    }
}
