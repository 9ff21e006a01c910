import Pinwheel
import PinwheelGPIO
import PinwheelLinux
import PinwheelTestSupport

/// One GPIO behaviour check: a name, when it applies, and a body that throws ``BehaviourFailure`` when the rig
/// does not behave.
public struct BehaviourCheck: Sendable {
    /// What the check shows, as a sentence.
    public let name: String
    /// Why the check does not apply to a rig (nil: it applies).
    public let skipReason: @Sendable (any GPIORig) -> String?
    let body: @Sendable (any GPIORig) throws -> Void

    init(
        _ name: String, skipReason: @escaping @Sendable (any GPIORig) -> String? = { _ in nil },
        _ body: @escaping @Sendable (any GPIORig) throws -> Void
    ) {
        self.name = name
        self.skipReason = skipReason
        self.body = body
    }

    /// Prepares `rig` and runs the check on it.
    public func run(on rig: any GPIORig) throws {
        try rig.prepare()
        try body(rig)
    }
}

/// A behaviour the rig did not show: what was expected, and the line of the check that expected it.
public struct BehaviourFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// The line in GPIOBehaviour.swift.
    public let line: Int

    /// A failure saying `message`.
    public init(_ message: String, line: Int = #line) {
        self.message = message
        self.line = line
    }

    public var description: String { "\(message) (GPIOBehaviour.swift:\(line))" }
}

/// Fails the check with `message` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws(BehaviourFailure) {
    if !condition { throw BehaviourFailure(message(), line: line) }
}

/// Fails the check unless `actual == expected`.
func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ what: String, line: Int = #line) throws(BehaviourFailure) {
    if actual != expected { throw BehaviourFailure("\(what): expected \(expected), got \(actual)", line: line) }
}

/// Fails the check unless `body` throws an error whose description is `expected`; returns the error.
@discardableResult
func expectError<E: Error & CustomStringConvertible>(
    _ expected: String, line: Int = #line, _ body: () throws(E) -> Void
) throws(BehaviourFailure) -> E {
    do {
        try body()
    } catch {
        try expectEqual(error.description, expected, "the error message", line: line)
        return error
    }
    throw BehaviourFailure("expected the error \"\(expected)\", but nothing was thrown", line: line)
}

/// Runs `body` as a task on a fresh platform of `rig` with `inputs` bound, until `body` returns true or `timeout`
/// passes on the platform's clock (then the check fails: the edges it waited for never came). The inputs are
/// unbound afterwards, not released.
func runTask(
    on rig: any GPIORig, binding inputs: [GPIOInput], timeout: Duration = .seconds(5), line: Int = #line,
    _ body: @escaping (Context) throws -> Bool
) throws {
    var platform = try rig.makePlatform()
    for input in inputs { try input.bind(to: &platform) }
    defer { for input in inputs { input.unbind(from: &platform) } }
    var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 4>()
    var deadline = Timer.after(timeout)
    var timedOut = false
    var failure: Error?
    try executor.spawn(ClosureTask { context in
        do {
            if try body(context) { return true }
        } catch {
            failure = error
            return true
        }
        if deadline.poll(context).isReady {
            timedOut = true
            return true
        }
        return false
    })
    let outcome = executor.run(on: &platform)
    if let failure { throw failure }
    try expectEqual(outcome, .finished, "the run's outcome", line: line)
    try expect(!timedOut, "timed out after \(timeout.nanoseconds / 1_000_000) ms", line: line)
}
