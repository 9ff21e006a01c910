/// The answer to one poll of a ``Future``: finished with a value, or not yet.
public enum Poll<Value> {
    /// The future finished with this value; it must not be polled again unless its type says it may be.
    case ready(Value)
    /// Not finished. The future has arranged for its task's waker to be woken when it can make progress.
    case pending

    /// Whether this is ``ready(_:)``.
    @inlinable public var isReady: Bool {
        if case .ready = self { return true }
        return false
    }

    /// The value, if ready.
    @inlinable public var value: Value? {
        if case .ready(let value) = self { return value }
        return nil
    }
}

extension Poll: Equatable where Value: Equatable {}
extension Poll: Sendable where Value: Sendable {}
