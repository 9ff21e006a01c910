import Pinwheel

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        var platform = Board.start()
        UARTReceiver.start()
        Log.write("pinwheel firmware: keys on ")
        Log.write(Board.name)
        Log.write("; type letters, ! to end")
        Log.endLine()
        var executor = try! Executor<TaskPool<Keys, 4>, 1, 4>()
        _ = try! executor.spawn(Keys(origin: platform.now()))
        let outcome = executor.run(on: &platform)
        Log.write(outcome == .finished ? "keys finished" : "keys stopped")
        Log.endLine()
    }
}
