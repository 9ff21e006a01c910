import Pinwheel

/// A task that faults: 100 ms in, it reads an address where nothing answers. The bus error (on the Cortex-M4 it
/// escalates to a HardFault; on the Cortex-A53 it is a synchronous data abort) goes to the board's fault handler,
/// which reports the exception and the faulting instruction's address on the UART and ends the run with status 70,
/// rather than leaving the board hung.
struct Faulty: Future {
    var timer = Timer.after(.milliseconds(100))

    mutating func poll(_ context: Context) -> Poll<Void> {
        guard timer.poll(context).isReady else { return .pending }
        Log.write("reading address ")
        Log.write(hex: UInt32(truncatingIfNeeded: Board.unmappedAddress))
        Log.write(", where nothing answers")
        Log.endLine()
        _ = pw_read32(Board.unmappedAddress)
        Log.write("the read returned: no fault was raised")
        Log.endLine()
        return .ready(())
    }
}

/// The task table: the executor in static storage, where the memory map finds it (its symbol and size).
nonisolated(unsafe) var taskTable: Executor<TaskPool<Faulty, 1>, 1, 1>? = nil

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        var platform = Board.start()
        Log.write("pinwheel firmware: fault on ")
        Log.write(Board.name)
        Log.endLine()
        taskTable = try! Executor<TaskPool<Faulty, 1>, 1, 1>()
        _ = try! taskTable!.spawn(Faulty())
        _ = taskTable!.run(on: &platform)
    }
}
