import Pinwheel
import PinwheelAsync
import PinwheelLinux

/// A Unix signal a program declares as an interrupt, by name (`USR1`): a stored property of the program.
///
/// ```swift
/// let usr1 = SignalLine("USR1")
/// // in a task:
/// let events = await usr1.next()
/// ```
public final class SignalLine: @unchecked Sendable {
    // Safety (Sendable): `interrupt` is set once, while the program is programmed and before any task runs.

    /// The signal's name without `SIG`: `USR1`, `USR2`, `HUP`, or a real-time signal `RTMIN+n`.
    public let name: String
    /// The bound interrupt, once programmed.
    public package(set) var interrupt: SignalInterrupt?

    /// The IRQ it is bound to, once programmed.
    public var irq: UInt16? { interrupt?.irq }

    /// The signal `name` (`USR1`).
    public init(_ name: String) {
        self.name = name
        HandleCensus.note(self, name: "SIG\(name)")
    }

    /// Waits for the next delivery (deliveries since the last one coalesce into one report).
    public func next() async -> SignalEvents {
        guard let interrupt else {
            TaskEnvironment.current?.report(.undeclaredSignal(name))
            return await NeverReady().value
        }
        return await interrupt.next().value
    }
}

/// A future that is never ready: what an await on a mistake waits for while the run stops.
struct NeverReady: Future {
    mutating func poll(_ context: Context) -> Poll<SignalEvents> { .pending }
}
