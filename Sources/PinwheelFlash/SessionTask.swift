import Pinwheel
import PinwheelAsync

/// What one slot of the flashed task table holds: a demo's async task, or one of the session's own poll tasks.
typealias FirmwareTask = MixedTask<SessionTask>

/// The session's own tasks, written as poll futures beside the demo's async ones: the stimulus player, the
/// keyboard in interactive mode, and the supervisor that ends the run. A closed set, so the poll is a `switch`.
enum SessionTask: Future {
    case stimulus(StimulusTask)
    case keyboard(Keyboard)
    case supervisor(Supervisor)

    /// The name shown in the log, the trace and the waveform.
    var name: String {
        switch self {
        case .stimulus(let task): task.name
        case .keyboard(let task): task.name
        case .supervisor(let task): task.name
        }
    }

    /// The object holding the task's state.
    var object: AnyObject {
        switch self {
        case .stimulus(let task): task
        case .keyboard(let task): task
        case .supervisor(let task): task
        }
    }

    mutating func poll(_ context: Context) -> Poll<Void> {
        switch self {
        case .stimulus(let task): task.poll(context)
        case .keyboard(let task): task.poll(context)
        case .supervisor(let task): task.poll(context)
        }
    }
}

/// Counts the demo's tasks still running and wakes the supervisor when the last one ends.
final class DemoCompletion {
    private(set) var remaining: Int
    let waiter = WakerCell()

    init(tasks: Int) { remaining = tasks }

    func taskFinished() {
        remaining -= 1
        if remaining == 0 { waiter.wake() }
    }
}
