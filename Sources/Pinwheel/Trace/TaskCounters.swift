import Synchronization

/// A trace that counts, per task slot, polls and wakes (each wake, including ones that coalesce into a bit
/// already set), plus idle entries: the numbers behind "who ran, who woke whom, how often did the core sleep".
///
/// Wakes are counted by the wake hook with one relaxed atomic add in the waking context.
public struct TaskCounters<let slots: Int>: ExecutorTrace, ~Copyable {
    private var pollCounts: InlineArray<slots, UInt64>
    private let wakeCounts: InlineArray<slots, AtomicWord>

    /// How many times the executor went idle.
    public private(set) var idleEntries: UInt64 = 0

    /// All counts zero.
    public init() {
        pollCounts = InlineArray(repeating: 0)
        wakeCounts = InlineArray { _ in AtomicWord() }
    }

    /// How many times the task in `slot` was polled.
    public func polls(slot: Int) -> UInt64 { pollCounts[slot] }

    /// How many times the task in `slot` was woken.
    public func wakes(slot: Int) -> UInt { wakeCounts[slot].value.load(ordering: .relaxed) }

    /// Counts a poll.
    public mutating func pollStarted(slot: Int, context: Context) { pollCounts[slot] &+= 1 }

    /// Counts an idle entry.
    public mutating func idleEntered() { idleEntries &+= 1 }

    /// A hook adding one to the woken slot's counter.
    public mutating func wakeHook(slots tableSlots: Int) -> WakeHook? {
        precondition(tableSlots <= slots, "TaskCounters has fewer slots than the executor's task table")
        // The counters' address escapes for the run: the contract pins this trace for that long.
        let base = unsafe withUnsafePointer(to: wakeCounts) { unsafe UnsafeMutableRawPointer(mutating: UnsafeRawPointer($0)) }
        return unsafe WakeHook(context: base) { base, slot, _ in
            unsafe base!.assumingMemoryBound(to: AtomicWord.self)[slot].value.wrappingAdd(1, ordering: .relaxed)
        }
    }
}
