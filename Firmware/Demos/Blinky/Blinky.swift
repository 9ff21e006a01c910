import Pinwheel

/// Blinky as firmware: LED 0 of the board's FPGA I/O toggles every 500 ms on a drift-free ticker, and each toggle
/// is logged over the UART with its time. Ends after `toggles` toggles.
struct Blinky: Future {
    let toggles: Int
    let origin: Instant
    var ticker = Ticker(every: .milliseconds(500))
    var count = 0

    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready = ticker.poll(context) {
            let on = pw_read32(Register.fpgaLEDs) & 1 == 0
            pw_write32(Register.fpgaLEDs, on ? 1 : 0)
            count += 1
            UART.record(at: context.now() - origin, task: "blinky")
            UART.write(on ? "LED on  (toggle " : "LED off (toggle ")
            UART.write(UInt64(widening: UInt32(truncatingIfNeeded: count)))
            UART.write(")\r\n")
            if count == toggles { return .ready(()) }
        }
        return .pending
    }
}
