import Pinwheel

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        var platform = Board.start()
        Log.write("pinwheel firmware: blinky on ")
        Log.write(Board.name)
        Log.endLine()
        var executor = try! Executor<TaskPool<Blinky, 4>, 1, 4>()
        _ = try! executor.spawn(Blinky(toggles: 6, origin: platform.now()))
        let outcome = executor.run(on: &platform)
        Log.write(outcome == .finished ? "blinky finished" : "blinky stopped")
        Log.endLine()
    }
}
