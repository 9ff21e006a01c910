/// A future that runs its children as a ``FutureGroup`` and finishes when all have, with their outputs in the
/// children's order (not the order they finished in).
public struct JoinAll<Child: Future, let count: Int, let words: Int>: Future {
    /// The group: its ``FutureGroup/childPolls`` counts the child polls made.
    public var group: FutureGroup<Child, count, words>
    @usableFromInline var outputs: InlineArray<count, Child.Output?> = InlineArray(repeating: nil)

    /// Joins `children`, woken through `wakers` (static storage; see ``ChildWakers``).
    @inlinable public init(_ children: consuming InlineArray<count, Child>, wakers: UnsafeMutablePointer<ChildWakers<words>>) {
        group = unsafe FutureGroup(children, wakers: wakers)
    }

    /// Ready, with every output in order, once the last child has finished.
    @inlinable public mutating func poll(_ context: Context) -> Poll<InlineArray<count, Child.Output>> {
        while case .ready(let next) = group.pollNext(context) {
            guard let (index, output) = next else {
                let done = outputs
                return .ready(InlineArray { done[$0]! })
            }
            outputs[index] = output
        }
        return .pending
    }
}
