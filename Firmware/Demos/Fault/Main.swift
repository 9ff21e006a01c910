import Pinwheel

/// A task that faults: 100 ms in, it reads an address where nothing is mapped. The bus error escalates to a
/// HardFault, whose handler reports the exception and the faulting instruction's address on the UART and ends the
/// run with status 70, rather than leaving the board hung.
struct Faulty: Future {
    var timer = Timer.after(.milliseconds(100))

    mutating func poll(_ context: Context) -> Poll<Void> {
        guard timer.poll(context).isReady else { return .pending }
        UART.write("reading address 0xfffffff0, where nothing is mapped\r\n")
        _ = pw_read32(0xFFFF_FFF0)
        UART.write("the read returned: no fault was raised\r\n")
        return .ready(())
    }
}

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        UART.start()
        var platform = CortexMPlatform()
        UART.write("pinwheel firmware: fault on qemu-mps2-an386 (Cortex-M4)\r\n")
        var executor = try! Executor<TaskPool<Faulty, 1>, 1, 1>()
        _ = try! executor.spawn(Faulty())
        _ = executor.run(on: &platform)
    }
}
