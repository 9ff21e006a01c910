import Pinwheel
import PinwheelDemos
import PinwheelLinux

/// Why a run ended.
public enum StopReason: Equatable, Sendable {
    /// Every demo task finished.
    case demoEnded
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
}

/// The session's own task: ends the run when the duration has passed or the demo's last task has finished, by
/// asking the platform to stop at its next idle point.
final class Supervisor {
    let name = "supervisor"
    let deadline: Instant?
    let length: Duration?
    let completion: DemoCompletion
    let stopper: RunStopper
    let log: DemoLog
    var reason: StopReason?

    init(length: Duration?, from origin: Instant, completion: DemoCompletion, stopper: RunStopper, log: DemoLog) {
        self.length = length
        deadline = length.map { origin + $0 }
        self.completion = completion
        self.stopper = stopper
        self.log = log
    }

    func poll(_ context: Context) -> Poll<Void> {
        completion.waiter.register(context.waker)
        if completion.remaining == 0 {
            finish(.demoEnded, "the demo ended")
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
        reason = why
        log.log(.info, name, message)
        stopper.stop()
    }
}
