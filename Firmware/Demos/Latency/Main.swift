import Pinwheel

/// The task table: the executor in static storage, where the memory map finds it (its symbol and size).
nonisolated(unsafe) var taskTable: Executor<TaskPool<LatencyProbe, 1>, 1, 1>? = nil

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        var platform = Board.start()
        Log.write("pinwheel firmware: latency on ")
        Log.write(Board.name)
        Log.endLine()
        taskTable = try! Executor<TaskPool<LatencyProbe, 1>, 1, 1>()
        _ = try! taskTable!.spawn(LatencyProbe(ticks: 1_000, period: .milliseconds(1), from: platform.now()))
        let outcome = taskTable!.run(on: &platform)
        let stats = statistics(of: taskTable)
        Log.write("executor: ")
        Log.write(stats.polls)
        Log.write(" polls, ")
        Log.write(stats.idleEntries)
        Log.write(" idle entries, ")
        Log.write(stats.timerExpirations)
        Log.write(" timer expirations")
        Log.endLine()
        Log.write(outcome == .finished ? "latency finished" : "latency stopped")
        Log.endLine()
    }
}
