import Pinwheel
import PinwheelDemos

/// What one slot of the flashed task table holds: a reference to a task. Demo tasks also report their end, so the
/// session knows when the demo as a whole has ended.
struct FirmwareTask: Future {
    let task: any DemoTask
    let completion: DemoCompletion?

    mutating func poll(_ context: Context) -> Poll<Void> {
        let result = task.poll(context)
        if result.isReady { completion?.taskFinished() }
        return result
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
