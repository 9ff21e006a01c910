import Pinwheel

extension WakeSource {
    /// Who woke a task, in words, for a log or a trace: `IRQ 2`, `timer queue (deadline passed)`, `a task`. Building
    /// it allocates nothing. The one place sources are named: the trace adds an interrupt's vector name after it.
    public var words: LogMessage {
        if let irq { return "IRQ \(irq)" }
        switch self {
        case .task: return "a task"
        case .timer: return "timer queue (deadline passed)"
        case .timerOverflow: return "timer queue (room again after overflow)"
        case .thread: return "another thread"
        case .notify: return "Notify"
        case .signal: return "Signal"
        case .group: return "a child of its FutureGroup"
        default: return "source \(rawValue)"
        }
    }
}
