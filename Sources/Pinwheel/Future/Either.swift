/// One of two values: the output of a ``Select``.
public enum Either<First, Second> {
    /// The first future finished first.
    case first(First)
    /// The second future finished first.
    case second(Second)
}

extension Either: Equatable where First: Equatable, Second: Equatable {}
extension Either: Sendable where First: Sendable, Second: Sendable {}
