/// A future that runs its children as a ``FutureGroup`` and finishes with the first to finish: its index and
/// output. The others are dropped unfinished (their wakers may still fire; that is harmless, see ``ChildWakers``).
public struct SelectFirst<Child: Future, let count: Int, let words: Int>: Future {
    /// The group: its ``FutureGroup/childPolls`` counts the child polls made.
    public var group: FutureGroup<Child, count, words>

    /// Races `children`, woken through `wakers` (static storage; see ``ChildWakers``).
    @inlinable public init(_ children: consuming InlineArray<count, Child>, wakers: UnsafeMutablePointer<ChildWakers<words>>) {
        group = unsafe FutureGroup(children, wakers: wakers)
    }

    /// Ready with the first child to finish (the lowest index when several finish in one poll).
    @inlinable public mutating func poll(_ context: Context) -> Poll<(index: Int, output: Child.Output)> {
        switch group.pollNext(context) {
        case .pending: return .pending
        case .ready(let first?):
            unsafe group.wakers.pointee.parent.clear()  // the rest are abandoned: their wakes must not wake this task
            return .ready(first)
        case .ready(nil): preconditionFailure("SelectFirst of no children")
        }
    }
}
