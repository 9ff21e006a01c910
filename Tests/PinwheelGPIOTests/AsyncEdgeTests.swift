import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelLinux
import PinwheelSimulation
import PinwheelTestSupport
import Testing

/// GPIO edges awaited from async tasks on the simulated chip, through the Linux platform's real descriptors and
/// handlers, in virtual time.
@Suite struct AsyncEdgeTests {
    @Test func anAsyncTaskAwaitsEdgesAndASelectOfEdgeAndTimeout() throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let button = try chip.requestInput("BUTTON", consumer: "test", settings: InputSettings(edges: .both, bias: .pullDown))
        for (index, high) in [true, false].enumerated() {
            try chip.drive("BUTTON", high: high, at: .zero + .milliseconds(UInt64(10 * (index + 1))))
        }
        var platform = try LinuxPlatform(vectors: 4, virtualTimeFrom: .zero)
        try button.bind(to: &platform)
        defer { button.release(from: &platform) }
        let log = Log<[String]>([])
        var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
        try executor.spawn(AsyncTask {
            let first = await button.edge()
            log.value.append("\(first.event.edge) at \(first.event.timestamp.ticks / 1_000_000) ms")
            switch await select(button.edge(), Timer.after(.seconds(1))) {
            case .first(let report): log.value.append("\(report.event.edge) before the timeout")
            case .second: log.value.append("timeout")
            }
            switch await select(button.edge(), Timer.after(.seconds(1))) {
            case .first(let report): log.value.append("\(report.event.edge) before the timeout")
            case .second(let deadline): log.value.append("timeout at \(deadline.ticks / 1_000_000) ms")
            }
        })
        #expect(executor.run(on: &platform) == .finished)
        // Both edges were driven before the run, so both are waiting at virtual time 0 (carrying their own
        // timestamps); the third wait starts at 0 and times out at 1 s.
        #expect(log.value == ["rising at 10 ms", "falling before the timeout", "timeout at 1000 ms"])
    }
}
