import Pinwheel

/// Keys as firmware: each byte arriving on the UART is the button interrupt. The receive handler puts it in the
/// ring and wakes this task, which toggles LED 0 for each letter or digit and logs it; other bytes are only counted.
/// A `!` ends the demo with the counts: bytes received, and bytes lost to a full ring.
struct Keys: Future {
    let origin: Instant
    var next = UARTReceiver.next()
    var presses: UInt32 = 0

    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready(let byte) = next.poll(context) {
            if byte == 0x21 {  // "!"
                let (received, lost) = UARTReceiver.counts
                UART.record(at: context.now() - origin, task: "keys")
                UART.write(UInt64(widening: received))
                UART.write(" bytes received, ")
                UART.write(UInt64(widening: lost))
                UART.write(" lost, ")
                UART.write(UInt64(widening: presses))
                UART.write(" keys\r\n")
                return .ready(())
            }
            guard Self.isKey(byte) else { continue }
            presses &+= 1
            let on = pw_read32(Register.fpgaLEDs) & 1 == 0
            pw_write32(Register.fpgaLEDs, on ? 1 : 0)
            UART.record(at: context.now() - origin, task: "keys")
            UART.write("'")
            UART.write(byte)
            UART.write(on ? "' → LED on\r\n" : "' → LED off\r\n")
        }
        return .pending
    }

    static func isKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
