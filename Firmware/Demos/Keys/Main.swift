import Pinwheel

/// The task table: the executor in static storage, where the memory map finds it (its symbol and size).
nonisolated(unsafe) var taskTable: Executor<TaskPool<Keys, 4>, 1, 4>? = nil

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        var platform = Board.start()
        UARTReceiver.start()
        Log.write("pinwheel firmware: keys on ")
        Log.write(Board.name)
        Log.write("; type letters, ! to end: waiting for UART input")
        Log.endLine()
        taskTable = try! Executor<TaskPool<Keys, 4>, 1, 4>()
        _ = try! taskTable!.spawn(Keys(origin: platform.now()))
        let outcome = taskTable!.run(on: &platform)
        Log.write(outcome == .finished ? "keys finished" : "keys stopped")
        Log.endLine()
    }
}
