import Pinwheel

/// Keys as firmware: each byte arriving on the UART is the button interrupt. The receive handler sends it into a
/// `Channel`, which wakes this task; the task toggles the LED for each letter or digit and logs it; other bytes are
/// only counted. A `!` ends the demo with the counts: bytes received, and bytes lost (to a full channel or in the UART).
struct Keys: Future {
    let origin: Instant
    var next = UARTReceiver.next()
    var presses: UInt32 = 0

    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready(let byte) = next.poll(context) {
            if byte == 0x21 {  // "!"
                let (received, lost) = UARTReceiver.counts
                Log.record(at: context.now() - origin, task: "keys")
                Log.write(received)
                Log.write(" bytes received, ")
                Log.write(lost)
                Log.write(" lost, ")
                Log.write(presses)
                Log.write(" keys")
                Log.endLine()
                return .ready(())
            }
            guard Self.isKey(byte) else { continue }
            presses &+= 1
            let on = LED.toggle()
            Log.record(at: context.now() - origin, task: "keys")
            Log.write("'")
            Log.write(byte)
            Log.write(on ? "' → LED on" : "' → LED off")
            Log.endLine()
        }
        return .pending
    }

    static func isKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
