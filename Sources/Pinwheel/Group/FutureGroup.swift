import Synchronization

/// A fixed number of child futures run in one task, each with a waker of its own, so that a wake polls only the
/// child it is for: the FuturesUnordered idea with static storage.
///
/// The children are stored inline; their wakers point at a ``ChildWakers`` in static storage. On the first poll
/// every child is polled once. After that the group polls only the children whose bits are set in that set: one
/// interrupt among 1,000 children costs one child poll, not 1,000. A child woken twice before the group looks is
/// polled once. A child that finishes is dropped and never polled again.
///
/// Use it through ``JoinAll`` (every output, in the children's order), ``SelectFirst`` (the first to finish), or
/// directly as a stream of outputs in completion order with ``pollNext(_:)``.
///
/// Timers work inside children: a child asking to be woken at a deadline has the parent task woken then (through
/// the executor's timer queue), and the group polls the children that asked once the earliest of their deadlines
/// has passed.
@safe public struct FutureGroup<Child: Future, let count: Int, let words: Int> {
    // Safety (@safe): the group is polled in place (in its task's slot), so the addresses its child wakers carry stay
    // valid while it lives, and a waker outliving it finds no parent.
    @usableFromInline var children: InlineArray<count, Child?>
    @usableFromInline let wakers: UnsafeMutablePointer<ChildWakers<words>>
    @usableFromInline var remaining: Int
    @usableFromInline var started = false
    /// Children that asked for a deadline, and the earliest one asked for.
    @usableFromInline var timedBits = InlineArray<words, UInt>(repeating: 0)
    @usableFromInline var deadlines: InlineArray<count, Instant>
    @usableFromInline var relay = TimerRelay()
    /// Completions found by a poll and not yet handed out (a poll may finish several children at once).
    @usableFromInline var finished = ReadyMarks<words>()
    @usableFromInline var outputs: InlineArray<count, Child.Output?>
    /// Child polls so far: what the group saves over a join that polls every child shows here.
    public var childPolls: UInt64 { polls }
    @usableFromInline var polls: UInt64 = 0

    /// A group of `children`, woken through `wakers`, which must be static storage (see ``ChildWakers``) with room
    /// for `count` children and used by one group at a time.
    @inlinable public init(_ children: consuming InlineArray<count, Child>, wakers: UnsafeMutablePointer<ChildWakers<words>>) {
        precondition(count <= ChildWakers<words>.capacity, "the ChildWakers storage has fewer bits than the group has children")
        precondition(words <= UInt.bitWidth, "a group's ready set has at most one summary word of words")
        var stored = InlineArray<count, Child?>(repeating: nil)
        for index in 0..<count { stored[index] = children[index] }
        self.children = stored
        unsafe self.wakers = wakers
        self.remaining = count
        self.outputs = InlineArray(repeating: nil)
        self.deadlines = InlineArray(repeating: .distantFuture)
    }

    /// The children not yet finished.
    @inlinable public var unfinished: Int { remaining + finished.count }

    /// The next child to finish and its output, in completion order; `nil` once every child has been handed out.
    @inlinable public mutating func pollNext(_ context: Context) -> Poll<(index: Int, output: Child.Output)?> {
        if let index = finished.takeFirst() { return .ready((index, outputs[index].take()!)) }
        guard remaining > 0 else { return .ready(nil) }
        pollChildren(context)
        if let index = finished.takeFirst() { return .ready((index, outputs[index].take()!)) }
        return remaining > 0 ? .pending : .ready(nil)
    }

    /// Polls every child whose bit is set (all of them on the first poll), again while children are woken during the
    /// pass, then announces the group's sleep so that the next child wake wakes the parent. Past `count` child polls
    /// in one call it yields instead: it wakes the parent and returns, so that the executor's other tasks run.
    @inlinable mutating func pollChildren(_ context: Context) {
        let storage = unsafe wakers
        if !started {
            started = true
            unsafe storage.pointee.bind()
            for index in 0..<count { unsafe storage.pointee.ready.insert(index) }
        }
        unsafe storage.pointee.parent.set(context.waker)
        // The wake that got the parent here usually withdrew the announcement already (the pender's caller does).
        if unsafe storage.pointee.target.state.load(ordering: .relaxed) & WakeTarget.sleeping != 0 {
            unsafe storage.pointee.target.endSleep()
        }
        // Children whose deadline has passed are polled as if woken; the rest keep theirs, and the parent's timer
        // is armed again for the earliest of them.
        // (The clock is read only when a child is waiting for a deadline.)
        if relay.earliest != .distantFuture, case let now = context.now(), relay.earliest <= now {
            var earliest = Instant.distantFuture
            for word in 0..<words {
                var bits = timedBits[word]
                while bits != 0 {
                    let bit = bits & (0 &- bits)
                    bits &= bits &- 1
                    let index = word &* UInt.bitWidth &+ bit.trailingZeroBitCount
                    if deadlines[index] <= now {
                        timedBits[word] &= ~bit
                        unsafe storage.pointee.ready.insert(index)
                    } else if deadlines[index] < earliest {
                        earliest = deadlines[index]
                    }
                }
            }
            relay.earliest = earliest
            if earliest != .distantFuture { context.wake(at: earliest) }
        }
        unsafe relay.timed = unsafe withUnsafeMutablePointer(to: &timedBits) { unsafe UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt.self) }
        unsafe relay.deadlines = unsafe withUnsafeMutablePointer(to: &deadlines) { unsafe UnsafeMutableRawPointer($0).assumingMemoryBound(to: Instant.self) }
        let target = unsafe withUnsafePointer(to: storage.pointee.target) { unsafe $0 }
        var polledNow = 0  // child polls in this call (an Int: Embedded Swift on 32-bit cannot widen to UInt64 here)
        while true {
            var named = unsafe storage.pointee.ready.namedWords()
            while named != 0 {
                let word = named.trailingZeroBitCount
                named &= named &- 1
                guard word < words else { break }
                var bits = unsafe storage.pointee.ready.take(namedWord: word)
                while bits != 0 {
                    let index = word &* UInt.bitWidth &+ bits.trailingZeroBitCount
                    bits &= bits &- 1
                    guard index < count, children[index] != nil else { continue }  // a stale or late wake
                    polls &+= 1
                    polledNow &+= 1
                    let child = unsafe Context(
                        waker: Waker(target: target, slot: index), timerSlot: context.timerSlot, timers: context.timers,
                        clock: context.clock, relay: withUnsafeMutablePointer(to: &relay) { unsafe $0 })
                    if case .ready(let output) = children[index]!.poll(child) {
                        children[index] = nil
                        outputs[index] = output
                        finished.insert(index)
                        remaining &-= 1
                    }
                }
            }
            if remaining == 0 {
                // Done: a child waker that fires later finds no parent to wake.
                unsafe storage.pointee.parent.clear()
                return
            }
            // Children woken while the group polled: poll them too, up to `count` child polls in one parent poll;
            // past that, the parent yields (wakes itself, so the executor's other tasks run first), as the executor
            // itself polls a self-waking task once per batch. A child that wakes itself forever cannot starve them.
            if unsafe storage.pointee.target.hasReadyTask {
                guard polledNow < count else {
                    context.waker.wake()
                    return
                }
                continue
            }
            // The sleep protocol, one level down: announce, then look again; a wake after the announcement
            // calls the pender, which wakes the parent task.
            unsafe storage.pointee.target.announceSleep()
            guard unsafe storage.pointee.target.hasReadyTask else { return }
            unsafe storage.pointee.target.endSleep()
        }
    }
}
