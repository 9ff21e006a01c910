import Synchronization

/// The part of an executor that interrupt handlers and other threads touch: where a wake lands.
///
/// A ``Waker`` is the address of one of these plus a task slot. Waking sets the slot's bit in the ready bitmap
/// with one atomic fetch-or, then reads ``state``; only if the executor announced a sleep, or a wake hook is
/// installed, does the waker take the slow path. So a wake from task code, with the executor awake, costs one
/// fetch-or and one load, and a wake from an interrupt handler does nothing an interrupt handler may not do.
///
/// The executor owns it and binds it when a run starts; it does not move while the run lasts.
@safe public struct WakeTarget: ~Copyable {
    // Safety (@safe): its pointers are bound to the pinned executor's ready set when a run starts; the pender and hook
    // are cleared only after quiesce().
    /// ``state`` bit: the executor found nothing ready and may be asleep; a waker must call the pender.
    public static let sleeping: UInt32 = 1
    /// ``state`` bit: a wake hook is installed; every wake reports to it.
    public static let tracing: UInt32 = 2

    /// Added to ``state`` by each waker inside the slow path, so that a run can wait for them to leave before it
    /// unbinds the pender and the wake hook they use.
    public static let slowPathUnit: UInt32 = 1 << 8

    /// ``sleeping`` and ``tracing`` in the low bits; above them, how many wakers are in the slow path.
    /// 32 bits wide so that a futex can wait on it.
    public let state: Atomic<UInt32>

    // Bound at the start of each run, before any waker of that run exists, and read-only while it lasts.
    @usableFromInline var readyWords: UnsafePointer<AtomicWord>
    @usableFromInline var wordCount: Int
    /// The ready set's summary word (see ``ReadySet``), when it keeps one.
    @usableFromInline var summary: UnsafePointer<AtomicWord>?
    @usableFromInline var pender: Pender?
    @usableFromInline var wakeHook: WakeHook?

    @usableFromInline init(readyWords: UnsafePointer<AtomicWord>, wordCount: Int) {
        self.state = Atomic(0)
        unsafe self.readyWords = readyWords
        self.wordCount = wordCount
        unsafe self.summary = nil
        self.pender = nil
        self.wakeHook = nil
    }

    @usableFromInline static let wordShift = UInt.bitWidth.trailingZeroBitCount
    @usableFromInline static let bitMask = UInt.bitWidth &- 1

    /// Marks `slot` ready. Safe from any thread and from a signal handler.
    @inlinable @inline(__always)
    public func wake(slot: Int, from source: WakeSource) {
        let bit: UInt = 1 &<< UInt(slot & Self.bitMask)
        wake(word: slot &>> Self.wordShift, bits: bit, from: source)
    }

    /// Marks every slot whose bit is set in `bits` within ready word `word` ready, with one fetch-or.
    @inlinable @inline(__always)
    public func wake(word: Int, bits: UInt, from source: WakeSource) {
        // Sequentially consistent, paired with announceSleep(): either this load sees `sleeping`, or the
        // executor's re-check of the ready words sees our bit. That pairing is the whole no-lost-wake argument.
        unsafe readyWords[word].value.bitwiseOr(bits, ordering: .sequentiallyConsistent)
        // Name the word in the summary, after the word (so a batch that sees the bit sees the marks), unless it is
        // named already: a word woken again and again costs one atomic write. The load pairs with the batch's clear
        // of a stale bit (ReadySet.take(namedWord:)). A one-word set has no summary and pays a branch.
        if let summary = unsafe summary {
            let named: UInt = 1 &<< UInt(word)
            if unsafe summary.pointee.value.load(ordering: .sequentiallyConsistent) & named == 0 {
                unsafe summary.pointee.value.bitwiseOr(named, ordering: .sequentiallyConsistent)
            }
        }
        if state.load(ordering: .sequentiallyConsistent) != 0 {
            wakeSlowly(word: word, bits: bits, from: source)
        }
    }

    @usableFromInline
    func wakeSlowly(word: Int, bits: UInt, from source: WakeSource) {
        // Entering counts us in; a run that ends clears `tracing` and then waits for the count to drain before it
        // unbinds the hook and pender, so neither is read while being changed nor called after its run is gone.
        let entry = state.wrappingAdd(Self.slowPathUnit, ordering: .sequentiallyConsistent).oldValue
        defer { state.wrappingSubtract(Self.slowPathUnit, ordering: .sequentiallyConsistent) }
        if entry & Self.tracing != 0, let hook = wakeHook {
            var remaining = bits
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                remaining &= remaining &- 1
                unsafe hook.function(hook.context, word &<< Self.wordShift | bit, source.rawValue)
            }
        }
        // Only the waker that clears `sleeping` pends, so a sleep is ended by at most one pender call.
        let before = state.bitwiseAnd(~Self.sleeping, ordering: .sequentiallyConsistent).oldValue
        if before & Self.sleeping != 0, let pender {
            unsafe withUnsafePointer(to: self) { unsafe pender.function(UnsafeRawPointer($0), pender.context) }
        }
    }

    /// Announces that the executor is about to sleep. The executor calls this, then re-checks the ready bitmap,
    /// then calls the idle hook; see ``IdleHook`` for the whole contract.
    @inlinable
    public func announceSleep() {
        state.bitwiseOr(Self.sleeping, ordering: .sequentiallyConsistent)
    }

    /// Withdraws the sleep announcement after the idle hook returned.
    @inlinable
    public func endSleep() {
        state.bitwiseAnd(~Self.sleeping, ordering: .sequentiallyConsistent)
    }

    /// The address of ``state`` as a plain word, for a platform that sleeps on it (a futex).
    public var stateAddress: UnsafePointer<UInt32> {
        unsafe withUnsafePointer(to: state) { unsafe UnsafeRawPointer($0).assumingMemoryBound(to: UInt32.self) }
    }

    /// Stops reporting to the wake hook and waits until no waker is inside the slow path; afterwards the pender and
    /// the hook may be changed (``Executor`` clears each field by itself). The executor calls this when a run ends.
    ///
    /// Borrowing, not mutating: other threads may still be waking through `state`, and a mutating access to the
    /// whole target while they do is a conflicting access (ThreadSanitizer reported it as one).
    @usableFromInline func quiesce() {
        state.bitwiseAnd(~Self.tracing, ordering: .sequentiallyConsistent)
        // Wakers stay in the slow path for at most a hook call and a pender call (a futex wake, an eventfd write).
        while state.load(ordering: .sequentiallyConsistent) >= Self.slowPathUnit {}
    }

    /// Whether any ready bit is set. A sequentially consistent read: the re-check half of the sleep protocol.
    @inlinable
    public var hasReadyTask: Bool {
        // With a summary, only the words it names: a waker names its word (or finds it named) before it reads
        // `state`. A named word may be empty (a stale bit), so each is looked at.
        if let summary = unsafe summary {
            var named = unsafe summary.pointee.value.load(ordering: .sequentiallyConsistent)
            while named != 0 {
                let word = named.trailingZeroBitCount
                named &= named &- 1
                if word < wordCount, unsafe readyWords[word].value.load(ordering: .sequentiallyConsistent) != 0 { return true }
            }
            return false
        }
        for word in 0..<wordCount where unsafe readyWords[word].value.load(ordering: .sequentiallyConsistent) != 0 {
            return true
        }
        return false
    }
}
