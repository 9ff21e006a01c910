/// A future that runs two futures in one task and finishes with the first to finish; the other is dropped.
///
/// On a poll in which both could finish, the first one wins: the order is the argument order, fixed and
/// documented, so a program's behaviour does not depend on chance.
public struct Select<First: Future, Second: Future>: Future {
    @usableFromInline var first: First
    @usableFromInline var second: Second

    /// Races `first` against `second`.
    @inlinable public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    /// Ready with whichever finished.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Either<First.Output, Second.Output>> {
        if case .ready(let value) = first.poll(context) { return .ready(.first(value)) }
        if case .ready(let value) = second.poll(context) { return .ready(.second(value)) }
        return .pending
    }
}

/// A future that runs `count` futures of one type and finishes with the index and output of the first to finish.
public struct SelectAny<Base: Future, let count: Int>: Future {
    @usableFromInline var futures: InlineArray<count, Base>

    /// Races every future in `futures`; on a tie the lowest index wins.
    @inlinable public init(_ futures: InlineArray<count, Base>) { self.futures = futures }

    /// Ready with the index and output of the first to finish.
    @inlinable public mutating func poll(_ context: Context) -> Poll<(index: Int, output: Base.Output)> {
        for index in futures.indices {
            if case .ready(let value) = futures[index].poll(context) { return .ready((index, value)) }
        }
        return .pending
    }
}

/// A future that finishes with the first of `first` and `second` to finish.
@inlinable public func select<A: Future, B: Future>(_ first: A, _ second: B) -> Select<A, B> { Select(first, second) }

/// A future that finishes with the first of three to finish.
@inlinable public func select<A: Future, B: Future, C: Future>(
    _ first: A, _ second: B, _ third: C
) -> Select<A, Select<B, C>> {
    Select(first, Select(second, third))
}
