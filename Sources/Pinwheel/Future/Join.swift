/// A future that runs two futures in one task and finishes when both have, with both outputs.
///
/// Each poll polls whichever is unfinished; both share the task's waker, so a wake for either polls both.
public struct Join<First: Future, Second: Future>: Future {
    @usableFromInline var first: First
    @usableFromInline var second: Second
    @usableFromInline var firstOutput: First.Output?
    @usableFromInline var secondOutput: Second.Output?

    /// Joins `first` and `second`.
    @inlinable public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    /// Ready when both are.
    @inlinable public mutating func poll(_ context: Context) -> Poll<(First.Output, Second.Output)> {
        if firstOutput == nil { firstOutput = first.poll(context).value }
        if secondOutput == nil { secondOutput = second.poll(context).value }
        guard let a = firstOutput, let b = secondOutput else { return .pending }
        return .ready((a, b))
    }
}

/// A future that finishes when both `first` and `second` have.
@inlinable public func join<A: Future, B: Future>(_ first: A, _ second: B) -> Join<A, B> { Join(first, second) }
