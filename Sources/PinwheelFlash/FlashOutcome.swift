import PinwheelDemos
import PinwheelProgram

/// How a run ended, and the exit status `pinwheel flash` ends with.
public struct FlashOutcome: Sendable {
    /// Why the run ended.
    public let reason: StopReason?
    /// 0, 1 when the demo logged errors, 74 when an output file could not be written, or 128 + the signal that
    /// stopped it.
    public let exitCode: Int32
    /// What went wrong after the run, for the caller to report (an output file that could not be written).
    public var failure: FlashError?
    /// Allocations the executor's thread made while the executor ran, when ``FlashOptions/allocationCounter`` was
    /// given; nil otherwise, and for a firmware board (the firmware's own allocations are disallowed at compile time).
    public var runAllocations: UInt64?
    /// Of those, the ones made after start-up: from the executor's first idle entry (every task waiting at its
    /// first await) to the end of the run.
    public var steadyAllocations: UInt64?

    /// An outcome: why the run ended, the exit status, and a failure after the run.
    public init(reason: StopReason?, exitCode: Int32, failure: FlashError? = nil) {
        self.reason = reason
        self.exitCode = exitCode
        self.failure = failure
    }
}
