import PinwheelDemos

/// How a run ended, and the exit status `pinwheel flash` ends with.
public struct FlashOutcome: Sendable {
    /// Why the run ended.
    public let reason: StopReason?
    /// 0, 1 when the demo logged errors, 74 when an output file could not be written, or 128 + the signal that
    /// stopped it.
    public let exitCode: Int32
    /// What went wrong after the run, for the caller to report (an output file that could not be written).
    public var failure: FlashError?

    /// An outcome: why the run ended, the exit status, and a failure after the run.
    public init(reason: StopReason?, exitCode: Int32, failure: FlashError? = nil) {
        self.reason = reason
        self.exitCode = exitCode
        self.failure = failure
    }
}
