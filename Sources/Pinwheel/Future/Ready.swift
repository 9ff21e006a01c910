/// A future that is ready at once with a value: a building block for combinators and tests.
public struct Ready<Output>: Future {
    @usableFromInline let output: Output

    /// A future ready with `output`.
    @inlinable public init(_ output: Output) { self.output = output }

    /// Always ready.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Output> { .ready(output) }
}

/// A future that is pending once, waking its own task, and ready on the next poll: gives the other ready tasks
/// a turn, like a yield.
public struct YieldOnce: Future {
    @usableFromInline var yielded = false

    /// A fresh yield.
    @inlinable public init() {}

    /// Pending the first time (after waking itself), ready after.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Void> {
        if yielded { return .ready(()) }
        yielded = true
        context.waker.wake()
        return .pending
    }
}
