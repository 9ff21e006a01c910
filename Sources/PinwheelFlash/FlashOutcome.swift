import PinwheelDemos

/// How a run ended, and the exit status `pinwheel flash` ends with.
public struct FlashOutcome: Sendable {
    /// Why the run ended.
    public let reason: StopReason?
    /// 0, 1 when the demo logged errors, or 128 + the signal that stopped it.
    public let exitCode: Int32
}
