import Synchronization

/// The executor: a static table of tasks, a ready bitmap, a timer queue, and a loop that polls the tasks whose
/// bits are set and otherwise sleeps until an interrupt.
///
/// ## The whole path from interrupt to poll
/// 1. A task's future returns pending after leaving `context.waker` where an interrupt handler will find it
///    (a ``WakerCell``, a ``Notify``, a ``Signal``, the ``TimerQueue``).
/// 2. The handler wakes the waker: one atomic fetch-or sets bit `slot` of the ready bitmap
///    (``WakeTarget/wake(slot:from:)``). If the executor announced a sleep, the waker also ends it (``Pender``).
/// 3. The loop takes a batch: each bitmap word the summary names, once, with one exchange, just before polling its
///    tasks. A task is polled at most once per batch (its word is taken once), so a task that wakes itself forever
///    cannot starve the others.
/// 4. For each set bit (count trailing zeros, clear lowest), it polls the task in that slot: the slot number is
///    both the bit and the index in the task table, which is how a waker knows which task it wakes.
/// 5. With nothing ready it arms the time driver for the earliest deadline and calls the platform's idle hook
///    under the no-lost-wake contract described at ``IdleHook``.
///
/// Capacities are type parameters: `Tasks` fixes the slots, `readyWords` the bitmap (`readyWords ×
/// UInt.bitWidth` bits, at least one per slot) and `timerCapacity` the timer queue (one entry per task that waits
/// on time at once; as many as there are slots means it never overflows). Nothing is allocated after `init`.
///
/// The executor must not move while it runs (wakers hold its address); keep it in static storage or in a
/// variable that outlives every waker, as firmware keeps its executor.
public struct Executor<Tasks: TaskTable & ~Copyable, let readyWords: Int, let timerCapacity: Int>: ~Copyable {
    @usableFromInline var tasks: Tasks
    @usableFromInline let ready: ReadySet<readyWords>
    // Which slots hold a task, in the ready bitmap's shape: a batch word ANDed with it drops wakes for empty slots.
    @usableFromInline var occupancy: InlineArray<readyWords, UInt>
    @usableFromInline var target: WakeTarget
    @usableFromInline var timerStorage: InlineArray<timerCapacity, TimerEntry>
    @usableFromInline var timerOverflow: InlineArray<readyWords, UInt>
    @usableFromInline var timers: TimerQueue
    @usableFromInline var armedDeadline: Instant?
    @usableFromInline var statsWithoutTimers = ExecutorStats()

    /// How many spawned tasks have not finished (the table's count).
    public var liveTasks: Int { tasks.count }

    /// An executor with an empty task table.
    public init() throws(ExecutorError) {
        guard Tasks.capacity <= ReadySet<readyWords>.capacity else {
            throw .readySetTooSmall(slots: Tasks.capacity, bits: ReadySet<readyWords>.capacity)
        }
        guard timerCapacity > 0 else { throw .noTimerQueue }
        tasks = Tasks()
        ready = ReadySet()
        occupancy = InlineArray(repeating: 0)
        timerStorage = InlineArray(repeating: .unused)
        timerOverflow = InlineArray(repeating: 0)
        // Both are pointed at this value's storage when a run starts, once it sits where it will run; until
        // then no waker exists and nothing reads these placeholders.
        target = unsafe WakeTarget(readyWords: UnsafePointer<AtomicWord>.placeholder, wordCount: readyWords)
        timers = unsafe TimerQueue(
            storage: UnsafeMutableBufferPointer(start: UnsafeMutablePointer<TimerEntry>.placeholder, count: timerCapacity),
            overflow: UnsafeMutableBufferPointer(start: UnsafeMutablePointer<UInt>.placeholder, count: readyWords))
    }

    /// The counters the executor keeps about itself.
    public var stats: ExecutorStats {
        var stats = statsWithoutTimers
        stats.timerOverflows = timers.overflows
        return stats
    }

    /// Whether `slot`'s ready bit is set.
    public func isReady(slot: Int) -> Bool { ready.contains(slot) }

    /// Whether `slot` holds a task.
    public func isOccupied(slot: Int) -> Bool { tasks.isOccupied(slot) }

    /// The deadline `slot` waits for in the timer queue, if any.
    public func deadline(slot: Int) -> Instant? {
        // From the storage itself: the queue's pointer to it is only rebound when a run starts.
        for index in 0..<timers.count where timerStorage[index].slot == slot { return timerStorage[index].deadline }
        return nil
    }

    /// Stores `task` in a free slot and marks it ready; returns the slot. A full table throws
    /// ``SpawnError/poolFull(capacity:)``; nothing is allocated either way.
    @discardableResult
    @inlinable public mutating func spawn(_ task: Tasks.Task) throws(SpawnError) -> Int {
        let slot = try tasks.insert(task)
        occupancy[slot &>> WakeTarget.wordShift] |= 1 &<< UInt(slot & WakeTarget.bitMask)
        ready.insert(slot)
        return slot
    }

    /// Runs until every task has finished or the platform's idle hook says stop, sleeping in the idle hook
    /// whenever nothing is ready.
    @inlinable public mutating func run<P: Platform & ~Copyable, T: ExecutorTrace & ~Copyable>(
        on platform: inout P, trace: inout T
    ) -> RunOutcome {
        pinned(platform: &platform, trace: &trace, mayIdle: true)
    }

    /// Runs without a trace.
    @inlinable public mutating func run<P: Platform & ~Copyable>(on platform: inout P) -> RunOutcome {
        var trace = NoTrace()
        return pinned(platform: &platform, trace: &trace, mayIdle: true)
    }

    /// Polls until nothing is ready and no deadline is due at the platform's current time, without sleeping.
    /// Tests step a ``VirtualClock`` with this: advance, run until idle, look.
    @inlinable public mutating func runUntilIdle<P: Platform & ~Copyable, T: ExecutorTrace & ~Copyable>(
        on platform: inout P, trace: inout T
    ) -> RunOutcome {
        pinned(platform: &platform, trace: &trace, mayIdle: false)
    }

    /// Polls until idle, without a trace.
    @inlinable public mutating func runUntilIdle<P: Platform & ~Copyable>(on platform: inout P) -> RunOutcome {
        var trace = NoTrace()
        return pinned(platform: &platform, trace: &trace, mayIdle: false)
    }

    // Fixes the executor, the platform and the trace at their addresses for the run and runs the loop through
    // those addresses. Everything the loop touches is reached through `me`, never through an inout `self`: tasks
    // change the timer queue through their context while the loop runs, so the optimiser must not assume it has
    // the executor to itself.
    @inlinable mutating func pinned<P: Platform & ~Copyable, T: ExecutorTrace & ~Copyable>(
        platform: inout P, trace: inout T, mayIdle: Bool
    ) -> RunOutcome {
        unsafe withUnsafeMutablePointer(to: &self) { me in
            unsafe withUnsafeMutablePointer(to: &platform) { platform in
                unsafe withUnsafeMutablePointer(to: &trace) { trace in
                    unsafe Self.bind(me, pender: platform.pointee.pender(), hook: trace.pointee.wakeHook(slots: Tasks.capacity))
                    defer {
                        unsafe me.pointee.target.quiesce()
                        // Field by field: wakers on other threads may still touch `state` (fast path only).
                        unsafe me.pointee.target.wakeHook = nil
                        unsafe me.pointee.target.pender = nil
                        // The platform forgets the wakers its handlers keep: none outlives the run in them.
                        unsafe platform.pointee.runEnded()
                    }
                    let clock = unsafe ClockReader(driver: UnsafeRawPointer(platform), read: P.readClock)
                    return unsafe Self.loop(me, platform: platform, trace: trace, clock: clock, mayIdle: mayIdle)
                }
            }
        }
    }

    // Points the wake path and the timer queue at this run's addresses. No waker of this run exists yet.
    @inlinable static func bind(_ me: UnsafeMutablePointer<Self>, pender: Pender?, hook: WakeHook?) {
        unsafe me.pointee.target.readyWords = me.pointee.ready.baseAddress()
        unsafe me.pointee.target.summary = me.pointee.ready.summaryAddress()
        unsafe me.pointee.timers.rebind(
            to: withUnsafeMutablePointer(to: &me.pointee.timerStorage) {
                unsafe UnsafeMutableRawPointer($0).assumingMemoryBound(to: TimerEntry.self)
            },
            overflow: unsafe withUnsafeMutablePointer(to: &me.pointee.timerOverflow) {
                unsafe UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt.self)
            })
        unsafe me.pointee.target.pender = pender
        unsafe me.pointee.target.wakeHook = hook
        if hook != nil { unsafe me.pointee.target.state.bitwiseOr(WakeTarget.tracing, ordering: .sequentiallyConsistent) }
    }

    @inlinable static func loop<P: Platform & ~Copyable, T: ExecutorTrace & ~Copyable>(
        _ me: UnsafeMutablePointer<Self>, platform: UnsafeMutablePointer<P>, trace: UnsafeMutablePointer<T>,
        clock: ClockReader, mayIdle: Bool
    ) -> RunOutcome {
        // Addresses inside the pinned executor, stable for the run.
        let wakeTarget = unsafe withUnsafePointer(to: me.pointee.target) { unsafe $0 }
        let timers = unsafe withUnsafeMutablePointer(to: &me.pointee.timers) { unsafe $0 }
        // Reach the table through its address: borrowing it let the optimiser copy the whole table
        // (capacity × task size bytes) to a temporary around a poll.
        let table = unsafe withUnsafeMutablePointer(to: &me.pointee.tasks) { unsafe $0 }
        // Without a pender nothing reads the announcement: every wake source is an interrupt that ends the sleep
        // by itself (`wfi`), so the executor does not announce, and a waker never leaves its fast path.
        let announces = unsafe wakeTarget.pointee.pender != nil
        while true {
            if unsafe table.pointee.count == 0 { return .finished }
            if unsafe !timers.pointee.isEmpty || me.pointee.armedDeadline != nil {
                unsafe serviceTimers(me, platform: platform, timers: timers, wakeTarget: wakeTarget)
            }
            if unsafe pollBatch(me, table: table, trace: trace, wakeTarget: wakeTarget, timers: timers, clock: clock) {
                continue
            }
            guard mayIdle else { return unsafe table.pointee.count == 0 ? .finished : .idle }

            // Nothing was ready. Announce the sleep, then let the platform re-check and sleep (IdleHook).
            unsafe me.pointee.statsWithoutTimers.idleEntries &+= 1
            unsafe trace.pointee.idleEntered()
            if announces { unsafe wakeTarget.pointee.announceSleep() }
            let outcome = unsafe platform.pointee.sleep(wakeTarget.pointee) { unsafe !wakeTarget.pointee.hasReadyTask }
            if announces { unsafe wakeTarget.pointee.endSleep() }
            unsafe trace.pointee.idleExited()
            if outcome == .stop { return .stopped }
        }
    }

    // Takes one batch and polls it: each word the summary names (every word without a summary) is taken once,
    // with one exchange, and its tasks polled before the next word is taken. Returns whether any bit was set.
    // Always inlined into the loop, its one caller: as a call, the 16-word executor's batch paid a call and a
    // stack-protected frame per wake.
    @inlinable @inline(__always) static func pollBatch<T: ExecutorTrace & ~Copyable>(
        _ me: UnsafeMutablePointer<Self>, table: UnsafeMutablePointer<Tasks>, trace: UnsafeMutablePointer<T>,
        wakeTarget: UnsafePointer<WakeTarget>, timers: UnsafeMutablePointer<TimerQueue>, clock: ClockReader
    ) -> Bool {
        var found = false
        if ReadySet<readyWords>.summarized {
            // Only the words the summary names: one wake among 1,024 slots touches one word, not 16.
            var named = unsafe me.pointee.ready.namedWords()
            while named != 0 {
                let word = named.trailingZeroBitCount
                named &= named &- 1
                let marks = unsafe me.pointee.ready.take(namedWord: word)
                guard marks != 0 else { continue }
                if !found { unsafe me.pointee.statsWithoutTimers.batches &+= 1 }
                found = true
                unsafe pollWord(me, word: word, marks: marks, table: table, trace: trace, wakeTarget: wakeTarget, timers: timers, clock: clock)
            }
        } else {
            for word in 0..<readyWords {
                let marks = unsafe me.pointee.ready.take(word: word)
                guard marks != 0 else { continue }
                if !found { unsafe me.pointee.statsWithoutTimers.batches &+= 1 }
                found = true
                unsafe pollWord(me, word: word, marks: marks, table: table, trace: trace, wakeTarget: wakeTarget, timers: timers, clock: clock)
            }
        }
        return found
    }

    // Polls the tasks whose bits are set in `marks`, taken from ready word `word`: the slot is the bit's index.
    @inlinable @inline(__always) static func pollWord<T: ExecutorTrace & ~Copyable>(
        _ me: UnsafeMutablePointer<Self>, word: Int, marks: UInt, table: UnsafeMutablePointer<Tasks>,
        trace: UnsafeMutablePointer<T>, wakeTarget: UnsafePointer<WakeTarget>, timers: UnsafeMutablePointer<TimerQueue>,
        clock: ClockReader
    ) {
        let occupied = unsafe me.pointee.occupancy[word]
        var bits = marks & occupied
        // Bits for empty slots (a waker that outlived its task): rare, counted one by one.
        var stale = marks & ~occupied
        while stale != 0 {
            unsafe me.pointee.statsWithoutTimers.staleWakes &+= 1
            stale &= stale &- 1
        }
        while bits != 0 {
            let bit = bits.trailingZeroBitCount
            bits &= bits &- 1
            let slot = word &<< WakeTarget.wordShift | bit
            let context = unsafe Context(waker: Waker(target: wakeTarget, slot: slot), timerSlot: slot, timers: timers, clock: clock)
            unsafe me.pointee.statsWithoutTimers.polls &+= 1
            unsafe trace.pointee.pollStarted(slot: slot, context: context)
            let finished = unsafe table.pointee.poll(slot: slot, context: context)
            unsafe trace.pointee.pollEnded(slot: slot, finished: finished, context: context)
            if finished {
                unsafe me.pointee.occupancy[word] &= ~(1 &<< UInt(bit))
                if unsafe !timers.pointee.isEmpty, unsafe timers.pointee.cancel(slot: slot) {
                    unsafe wakeOverflowedTimers(timers, wakeTarget: wakeTarget)
                }
            }
        }
    }

    // Space left the timer queue: tasks it had to leave out ask again.
    @inlinable static func wakeOverflowedTimers(
        _ timers: UnsafeMutablePointer<TimerQueue>, wakeTarget: UnsafePointer<WakeTarget>
    ) {
        unsafe timers.pointee.takeOverflowed { word, bits in
            unsafe wakeTarget.pointee.wake(word: word, bits: bits, from: .timerOverflow)
        }
    }

    // Wakes every task whose deadline passed and arms the alarm for the earliest remaining one. Reads the
    // clock again after arming: a deadline that passed meanwhile is expired now, not lost.
    @inlinable static func serviceTimers<P: Platform & ~Copyable>(
        _ me: UnsafeMutablePointer<Self>, platform: UnsafeMutablePointer<P>,
        timers: UnsafeMutablePointer<TimerQueue>, wakeTarget: UnsafePointer<WakeTarget>
    ) {
        while true {
            let now = unsafe platform.pointee.now()
            var expired = false
            while let due = unsafe timers.pointee.popExpired(asOf: now) {
                expired = true
                unsafe me.pointee.statsWithoutTimers.timerExpirations &+= 1
                unsafe wakeTarget.pointee.wake(slot: due.slot, from: .timer)
            }
            if expired { unsafe wakeOverflowedTimers(timers, wakeTarget: wakeTarget) }
            let next = unsafe timers.pointee.earliest
            if unsafe next != me.pointee.armedDeadline {
                unsafe platform.pointee.schedule(at: next)
                unsafe me.pointee.armedDeadline = next
            }
            guard let next, unsafe platform.pointee.now() >= next else { return }
        }
    }
}

extension UnsafePointer where Pointee: ~Copyable {
    // A well-aligned address that is never dereferenced: what pointers hold before a run binds them.
    @usableFromInline static var placeholder: UnsafePointer { unsafe UnsafePointer(bitPattern: MemoryLayout<Pointee>.alignment)! }
}

extension UnsafeMutablePointer where Pointee: ~Copyable {
    @usableFromInline static var placeholder: UnsafeMutablePointer { unsafe UnsafeMutablePointer(bitPattern: MemoryLayout<Pointee>.alignment)! }
}
