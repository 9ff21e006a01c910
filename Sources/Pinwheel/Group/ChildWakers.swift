/// Where the wakers of a ``FutureGroup``'s children point: the group's own ready set, one bit per child, and the
/// cell that holds the parent task's waker.
///
/// *How does a join of 1,000 futures avoid polling all 1,000 when one is woken?* Each child is polled with a waker
/// of its own: this set's ``WakeTarget`` and the child's index. Waking it sets the child's bit here (one fetch-or)
/// and, the first time since the group last looked, wakes the parent task. The group then polls
/// only the children whose bits it finds set. The mechanism is the executor's own, one level down: the group
/// announces a sleep before it returns pending, and the first child wake after that calls the pender, which wakes
/// the parent.
///
/// A child's waker may be kept by an interrupt handler long after its group is gone, so this storage must outlive
/// every child waker: keep it in static storage, as the executor is (`ChildWakers<16>` holds 1,024 children's bits).
/// A stale waker then only sets a bit here (a later group polls that child index once more, which futures allow) and
/// finds no parent (a group forgets it when it ends): it does nothing harmful.
public struct ChildWakers<let words: Int>: ~Copyable, @unchecked Sendable {
    // Safety (Sendable): the marks and the parent link are atomics; a child waker only sets bits and reads the link.
    @usableFromInline let ready = ReadySet<words>()
    @usableFromInline var target: WakeTarget
    /// The parent task's waker, for the pender.
    @usableFromInline let parent = ParentLink()

    /// Empty storage. It is bound to its address when a group first polls through it.
    public init() {
        // Safety: a placeholder until `bind()` gives the real address; no waker exists before that.
        target = unsafe WakeTarget(readyWords: UnsafePointer(bitPattern: 1 &* MemoryLayout<AtomicWord>.alignment)!, wordCount: 0)
    }

    /// How many children the set can mark.
    public static var capacity: Int { ReadySet<words>.capacity }

    /// Points the wake path at this storage's address: its ready words, and a pender that wakes the parent.
    /// Called by a group before it hands out any child waker; the storage must not move afterwards.
    @usableFromInline mutating func bind() {
        unsafe target.readyWords = ready.baseAddress()
        target.wordCount = words
        unsafe target.summary = ready.summaryAddress()
        target.pender = unsafe Pender(
            context: UnsafeMutableRawPointer(mutating: withUnsafePointer(to: parent) { unsafe UnsafeRawPointer($0) }),
            function: { _, link in
                // Safety: `link` is this storage's `parent`, which lives as long as any child waker (static).
                unsafe link!.assumingMemoryBound(to: ParentLink.self).pointee.wake()
            })
    }
}
