import Pinwheel

/// The task table: the executor in static storage, where the memory map finds it (its symbol and size).
nonisolated(unsafe) var taskTable: Executor<TaskPool<Walkthrough, 1>, 1, 1>? = nil

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        var platform = Board.start()
        Log.write("pinwheel firmware: wake on ")
        Log.write(Board.name)
        Log.endLine()
        taskTable = try! Executor<TaskPool<Walkthrough, 1>, 1, 1>()
        _ = try! taskTable!.spawn(Walkthrough(origin: platform.now()))
        let outcome = taskTable!.run(on: &platform)
        let stats = statistics(of: taskTable)
        let (interrupts, wakes) = DeviceTimerWaiter.counts
        Log.write("the timer's handler ran ")
        Log.write(interrupts)
        Log.write(" time(s) and woke the task ")
        Log.write(wakes)
        Log.write(" time(s); the core polled ")
        Log.write(stats.polls)
        Log.write(" time(s) and went idle (wfi) ")
        Log.write(stats.idleEntries)
        Log.write(" time(s)")
        Log.endLine()
        Log.write(outcome == .finished ? "wake finished" : "wake stopped")
        Log.endLine()
    }
}
