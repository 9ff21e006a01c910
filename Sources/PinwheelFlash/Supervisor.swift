import Pinwheel
import PinwheelDemos
import PinwheelProgram
import PinwheelLinux

/// Why a run ended.
public enum StopReason: Equatable, Sendable {
    /// Every task of the program finished.
    case programEnded
    /// The duration passed.
    case duration(Duration)
    /// The user pressed q in interactive mode.
    case quit
    /// SIGINT or SIGTERM.
    case signal(Int32)
    /// Standard input ended in interactive mode.
    case endOfInput
    /// A virtual-time run reached ``FlashOptions/pollLimit`` polls.
    case pollLimit(UInt64)
    /// Standard output could not be written.
    case outputFailed
    /// The program did something it cannot (used a handle it did not declare).
    case fault(ProgramFault)
}

/// The session's own task: ends the run when the duration has passed or the demo's last task has finished, by
/// asking the platform to stop at its next idle point.
final class Supervisor {
    let name = "supervisor"
    let deadline: Instant?
    let length: Duration?
    let completion: DemoCompletion
    let record: StopRecord
    let log: ProgramLog

    init(length: Duration?, from origin: Instant, completion: DemoCompletion, record: StopRecord, log: ProgramLog) {
        self.length = length
        deadline = length.map { origin + $0 }
        self.completion = completion
        self.record = record
        self.log = log
    }

    func poll(_ context: Context) -> Poll<Void> {
        completion.waiter.register(context.waker)
        if completion.remaining == 0 {
            finish(.programEnded, "the program ended")
            return .ready(())
        }
        if let deadline, let length {
            guard context.now() >= deadline else {
                context.wake(at: deadline)
                return .pending
            }
            finish(.duration(length), "ran for \(short: length): stopping")
            return .ready(())
        }
        return .pending
    }

    func finish(_ why: StopReason, _ message: LogMessage) {
        // Logged only when it is the run's reason: after a quit or a fault the supervisor has nothing to say.
        if record.stop(why) { log.log(.info, name, message) }
    }
}
