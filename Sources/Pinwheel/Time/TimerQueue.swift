/// One deadline in a ``TimerQueue``: when to wake which task slot.
public struct TimerEntry: Equatable, Sendable, BitwiseCopyable {
    /// When the task is due.
    public var deadline: Instant
    /// The task's slot.
    public var slot: Int

    /// An entry waking `slot` at `deadline`.
    @inlinable public init(deadline: Instant, slot: Int) {
        self.deadline = deadline
        self.slot = slot
    }

    /// An unused entry.
    public static let unused = TimerEntry(deadline: .distantFuture, slot: -1)

    // Deadline first; equal deadlines by slot, so expiry order never depends on insertion history.
    @inlinable func precedes(_ other: TimerEntry) -> Bool {
        deadline < other.deadline || (deadline == other.deadline && slot < other.slot)
    }
}

/// A fixed-capacity queue of deadlines, at most one per task: a binary min-heap over storage the executor owns.
///
/// Each task holds at most one entry, its earliest requested deadline; a later request for a task that already
/// has an earlier one changes nothing, and its future asks again when it is polled after the wake. So a queue
/// with as many entries as the executor has tasks can never overflow.
///
/// A smaller queue may. Then it keeps the earliest deadlines: a request later than every queued one is refused,
/// otherwise the latest queued entry is evicted to make room. Either way the task left out is marked in an
/// overflow bitmap, ``overflows`` counts it, and ``takeOverflowed(_:)`` hands it back to the executor whenever an
/// entry leaves the queue, so it can ask again. Every queued deadline is no later than the one left out, so the
/// task is always back in the queue before its deadline: an overflow costs a retry, never a lost or late timer,
/// and never a busy loop.
///
/// Earliest deadline: O(1); schedule and expiry: O(log n) plus an O(n) scan for the task's existing entry.
@safe public struct TimerQueue: @unchecked Sendable {
    // Safety (@safe): its buffers are the executor's storage, rebound to the pinned executor when a run starts; indices
    // stay below the counts.
    // Safety (Sendable): touched only on the executor's thread (the loop and the polls it makes), through the pinned
    // executor's storage.
    @usableFromInline var entries: UnsafeMutablePointer<TimerEntry>
    @usableFromInline var overflowed: UnsafeMutablePointer<UInt>
    @usableFromInline let overflowWords: Int
    @usableFromInline var hasOverflowed = false

    /// The most entries the queue holds.
    public let capacity: Int
    /// The entries held now.
    public internal(set) var count: Int = 0
    /// How many times a task was left out (refused or evicted) because the queue was full.
    public private(set) var overflows: UInt64 = 0

    /// A queue over `storage`, with `overflow` as its bitmap of left-out task slots (one bit per slot, zeroed).
    /// Both must outlive the queue and not move while it is in use.
    public init(storage: UnsafeMutableBufferPointer<TimerEntry>, overflow: UnsafeMutableBufferPointer<UInt>) {
        unsafe entries = storage.baseAddress ?? .placeholder
        unsafe overflowed = overflow.baseAddress ?? .placeholder
        overflowWords = overflow.count
        capacity = storage.count
    }

    /// Points the queue at its storage's new address; the executor calls this when a run starts.
    @usableFromInline mutating func rebind(to storage: UnsafeMutablePointer<TimerEntry>, overflow: UnsafeMutablePointer<UInt>) {
        unsafe entries = storage
        unsafe overflowed = overflow
    }

    /// Whether no deadline is queued.
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The earliest queued deadline.
    @inlinable public var earliest: Instant? { unsafe count == 0 ? nil : entries[0].deadline }

    /// The deadline queued for `slot`, if any.
    public func deadline(forSlot slot: Int) -> Instant? {
        index(ofSlot: slot).map { unsafe entries[$0].deadline }
    }

    /// Queues a wake of `slot` at `deadline`, keeping the earlier one if the slot already has a deadline.
    /// Returns false if the queue was full and `slot` was left out (it is handed back by ``takeOverflowed(_:)``).
    @discardableResult
    public mutating func schedule(slot: Int, at deadline: Instant) -> Bool {
        if let existing = index(ofSlot: slot) {
            if unsafe deadline < entries[existing].deadline {
                unsafe entries[existing].deadline = deadline
                siftUp(existing)
            }
            return true
        }
        guard count < capacity else {
            overflows &+= 1
            let latest = indexOfLatest()
            guard capacity > 0, unsafe deadline < entries[latest].deadline else {
                markOverflowed(slot)
                return false
            }
            unsafe markOverflowed(entries[latest].slot)
            remove(at: latest)
            insert(TimerEntry(deadline: deadline, slot: slot))
            return true
        }
        insert(TimerEntry(deadline: deadline, slot: slot))
        return true
    }

    /// Removes `slot`'s deadline, if any: its task finished or no longer waits. Returns whether it had one.
    @discardableResult
    public mutating func cancel(slot: Int) -> Bool {
        guard let found = index(ofSlot: slot) else { return false }
        remove(at: found)
        return true
    }

    /// Removes and returns the earliest entry if its deadline is at or before `now`.
    public mutating func popExpired(asOf now: Instant) -> TimerEntry? {
        guard count > 0, unsafe entries[0].deadline <= now else { return nil }
        let first = unsafe entries[0]
        remove(at: 0)
        return first
    }

    /// Calls `body(word, bits)` for each word of task slots left out while the queue was full, and forgets them.
    /// The executor wakes those tasks so they ask again, now that an entry has left the queue.
    public mutating func takeOverflowed(_ body: (_ word: Int, _ bits: UInt) -> Void) {
        guard hasOverflowed else { return }
        hasOverflowed = false
        for word in 0..<overflowWords where unsafe overflowed[word] != 0 {
            let bits = unsafe overflowed[word]
            unsafe overflowed[word] = 0
            body(word, bits)
        }
    }

    private mutating func markOverflowed(_ slot: Int) {
        let word = slot &>> WakeTarget.wordShift
        precondition(word < overflowWords, "TimerQueue's overflow bitmap does not cover this task slot")
        unsafe overflowed[word] |= 1 &<< UInt(slot & WakeTarget.bitMask)
        hasOverflowed = true
    }

    private func index(ofSlot slot: Int) -> Int? {
        for index in 0..<count where unsafe entries[index].slot == slot { return index }
        return nil
    }

    private func indexOfLatest() -> Int {
        var latest = 0
        for index in 0..<count where unsafe entries[latest].precedes(entries[index]) { latest = index }
        return latest
    }

    private mutating func insert(_ entry: TimerEntry) {
        unsafe entries[count] = entry
        count += 1
        siftUp(count - 1)
    }

    private mutating func remove(at index: Int) {
        count -= 1
        guard index != count else {
            unsafe entries[count] = .unused
            return
        }
        unsafe entries[index] = entries[count]
        unsafe entries[count] = .unused
        siftDown(index)
        siftUp(index)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard unsafe entries[child].precedes(entries[parent]) else { return }
            unsafe entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var least = left
            if left + 1 < count, unsafe entries[left + 1].precedes(entries[left]) { least = left + 1 }
            guard unsafe entries[least].precedes(entries[parent]) else { return }
            unsafe entries.swapAt(least, parent)
            parent = least
        }
    }
}

extension UnsafeMutablePointer {
    @inlinable mutating func swapAt(_ i: Int, _ j: Int) {
        let kept = unsafe self[i]
        unsafe self[i] = self[j]
        unsafe self[j] = kept
    }
}
