/// How a child of a ``FutureGroup`` asks for a deadline: the group notes the child and its deadline, and the
/// executor's timer queue wakes the parent task's slot. Reached through the child's ``Context``.
@safe public struct TimerRelay {
    // Safety (@safe): its pointers are into the group and the executor running it, both pinned while the group is
    // polled.
    /// The earliest deadline any noted child asked for.
    @usableFromInline var earliest: Instant = .distantFuture
    /// The group's bits of children that asked, and their deadlines, one per child (in the group; valid during the
    /// group's poll).
    @usableFromInline var timed: UnsafeMutablePointer<UInt>?
    @usableFromInline var deadlines: UnsafeMutablePointer<Instant>?

    @inlinable init() {}

    /// Notes that child `index` wants to be polled at `deadline` (its earliest, if it asks for several).
    @inlinable mutating func note(child index: Int, at deadline: Instant) {
        let bit: UInt = 1 &<< UInt(index & WakeTarget.bitMask)
        let word = index &>> WakeTarget.wordShift
        if unsafe timed![word] & bit == 0 || deadline < deadlines![index] { unsafe deadlines![index] = deadline }
        unsafe timed![word] |= bit
        if deadline < earliest { earliest = deadline }
    }
}
