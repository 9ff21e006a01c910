import Pinwheel

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        UART.start()
        var platform = CortexMPlatform()
        UART.write("pinwheel firmware: blinky on qemu-mps2-an386 (Cortex-M4)\r\n")
        var executor = try! Executor<TaskPool<Blinky, 4>, 1, 4>()
        _ = try! executor.spawn(Blinky(toggles: 6, origin: platform.now()))
        let outcome = executor.run(on: &platform)
        UART.write(outcome == .finished ? "blinky finished\r\n" : "blinky stopped\r\n")
    }
}
