import Pinwheel

/// Blinky as firmware: the board's LED toggles every 500 ms on a drift-free ticker, and each toggle is logged over
/// the UART with its time. Ends after `toggles` toggles.
struct Blinky: Future {
    let toggles: UInt32
    let origin: Instant
    var ticker = Ticker(every: .milliseconds(500))
    var count: UInt32 = 0

    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready = ticker.poll(context) {
            let on = LED.toggle()
            count &+= 1
            Log.record(at: context.now() - origin, task: "blinky")
            Log.write(on ? "LED on  (toggle " : "LED off (toggle ")
            Log.write(count)
            Log.write(")")
            Log.endLine()
            if count == toggles { return .ready(()) }
        }
        return .pending
    }
}
