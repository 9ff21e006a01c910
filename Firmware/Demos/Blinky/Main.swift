import Pinwheel

/// The task table: the executor in static storage, where the memory map finds it (its symbol and size).
nonisolated(unsafe) var taskTable: Executor<TaskPool<Blinky, 4>, 1, 4>? = nil

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        var platform = Board.start()
        Log.write("pinwheel firmware: blinky on ")
        Log.write(Board.name)
        Log.endLine()
        taskTable = try! Executor<TaskPool<Blinky, 4>, 1, 4>()
        _ = try! taskTable!.spawn(Blinky(toggles: 6, origin: platform.now()))
        let outcome = taskTable!.run(on: &platform)
        Log.write(outcome == .finished ? "blinky finished" : "blinky stopped")
        Log.endLine()
    }
}
