import Pinwheel

/// A task whose poll is a closure: `true` means finished. Tests close over a ``Log`` to record what happened.
public struct ClosureTask: Future {
    let body: (Context) -> Bool
    /// A task running `body` on each poll.
    public init(_ body: @escaping (Context) -> Bool) { self.body = body }
    /// Ready when `body` says so.
    public mutating func poll(_ context: Context) -> Poll<Void> { body(context) ? .ready(()) : .pending }
}

/// A task that polls an inner future until it finishes and hands the output to a closure.
public struct Await<Inner: Future>: Future {
    var inner: Inner
    let done: (Inner.Output, Context) -> Void
    /// A task awaiting `inner`, then calling `done`.
    public init(_ inner: Inner, done: @escaping (Inner.Output, Context) -> Void) {
        self.inner = inner
        self.done = done
    }
    /// Ready when `inner` is.
    public mutating func poll(_ context: Context) -> Poll<Void> {
        guard case .ready(let output) = inner.poll(context) else { return .pending }
        done(output, context)
        return .ready(())
    }
}

/// Mutable state shared between a test and its tasks (tasks run on the test's thread).
public final class Log<Value>: @unchecked Sendable {
    /// The recorded value.
    public var value: Value
    /// A log starting at `value`.
    public init(_ value: Value) { self.value = value }
}
