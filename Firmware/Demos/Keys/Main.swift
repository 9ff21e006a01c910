import Pinwheel

/// The firmware's entry, called by the reset handler; its return value is the run's exit status.
@main
struct Firmware {
    static func main() {
        UART.start()
        UARTReceiver.start()
        var platform = CortexMPlatform()
        UART.write("pinwheel firmware: keys on qemu-mps2-an386 (Cortex-M4); type letters, ! to end\r\n")
        var executor = try! Executor<TaskPool<Keys, 4>, 1, 4>()
        _ = try! executor.spawn(Keys(origin: platform.now()))
        let outcome = executor.run(on: &platform)
        UART.write(outcome == .finished ? "keys finished\r\n" : "keys stopped\r\n")
    }
}
