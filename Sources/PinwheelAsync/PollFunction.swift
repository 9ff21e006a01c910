import Pinwheel

/// A future whose poll is a closure: a leaf future written in place, to pass where a future is expected (to
/// ``select(_:_:)``, say). To await one directly, ``waitUntil(_:)`` takes the closure without storing it.
public struct PollFunction<Output>: Future {
    @usableFromInline let body: (Context) -> Poll<Output>

    /// A future polled by calling `body`, which must register `context.waker` wherever it returns pending.
    @inlinable public init(_ body: @escaping (Context) -> Poll<Output>) { self.body = body }

    /// Calls the closure.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Output> { body(context) }
}
