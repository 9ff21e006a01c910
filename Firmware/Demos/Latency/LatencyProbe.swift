import Pinwheel

/// The latency probe as firmware: a ticker every millisecond for `ticks` ticks. At each tick the task reads the
/// clock and compares it with the tick's deadline: how late the task runs after its timer interrupt, and whether
/// the ticks drift (tick n is due at the start plus n periods exactly, whatever happened before). Under QEMU's
/// `-icount shift=0` one instruction is one nanosecond, so lateness in nanoseconds is instructions, measured in the
/// board's clock ticks (40 ns on the Cortex-M4's 25 MHz SysTick, 16 ns on the 62.5 MHz generic timer).
struct LatencyProbe: Future {
    let ticks: UInt64
    let origin: Instant
    var ticker: Ticker
    var count: UInt64 = 0
    var missed: UInt64 = 0
    var offGrid: UInt32 = 0
    var least: UInt64 = .max
    var most: UInt64 = 0
    var total: UInt64 = 0

    init(ticks: UInt64, period: Duration, from origin: Instant) {
        self.ticks = ticks
        self.origin = origin
        ticker = Ticker(every: period, startingAt: origin + period)
    }

    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready(let tick) = ticker.poll(context) {
            let late = (context.now() - tick.deadline).nanoseconds
            count &+= 1
            missed &+= tick.missed
            // No drift: the n-th tick's deadline (counting skipped ones) is the origin plus n periods, exactly.
            if tick.deadline != origin + ticker.period * (count &+ missed) { offGrid &+= 1 }
            least = min(least, late)
            most = max(most, late)
            total &+= late
            if count == ticks {
                Log.record(at: context.now() - origin, task: "latency")
                Log.write(count)
                Log.write(" ticks every 1 ms: the last was due at ")
                Log.write((tick.deadline - origin).nanoseconds / 1_000)
                Log.write(" us; ")
                Log.write(offGrid)
                Log.write(" off the grid, ")
                Log.write(missed)
                Log.write(" missed")
                Log.endLine()
                Log.record(at: context.now() - origin, task: "latency")
                Log.write("task ran after its deadline by: least ")
                Log.write(least)
                Log.write(" ns, most ")
                Log.write(most)
                Log.write(" ns, mean ")
                Log.write(total / count)
                Log.write(" ns")
                Log.endLine()
                return .ready(())
            }
        }
        return .pending
    }
}
