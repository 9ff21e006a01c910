import Pinwheel

/// A task whose poll is a closure: `true` means finished. Tests close over a ``Log`` to record what happened.
struct ClosureTask: Future {
    let body: (Context) -> Bool
    init(_ body: @escaping (Context) -> Bool) { self.body = body }
    mutating func poll(_ context: Context) -> Poll<Void> { body(context) ? .ready(()) : .pending }
}

/// A task that polls an inner future until it finishes and hands the output to a closure.
struct Await<Inner: Future>: Future {
    var inner: Inner
    let done: (Inner.Output, Context) -> Void
    init(_ inner: Inner, done: @escaping (Inner.Output, Context) -> Void) {
        self.inner = inner
        self.done = done
    }
    mutating func poll(_ context: Context) -> Poll<Void> {
        guard case .ready(let output) = inner.poll(context) else { return .pending }
        done(output, context)
        return .ready(())
    }
}

/// Mutable state shared between a test and its tasks (tasks run on the test's thread).
final class Log<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

typealias SmallExecutor = Executor<TaskPool<ClosureTask, 8>, 1, 8>
