// Edge-to-task latency: from an edge's kernel timestamp to the task that awaited it running, on the executor
// (GPIOInput bound to LinuxPlatform: descriptor readable → ppoll returns → handler reads a batch into the ring →
// waker sets the ready bit → the executor polls the task), next to its floor: a minimal C reader of the same line
// that blocks in poll() and reads one event. A driver thread makes one edge per period, alternating levels.
//
//   pinwheel-gpio-latency [--quick] [--edges N] [--period-us P] [--kernel SYSFS] [--boards DIR]
//
// Without --kernel: the simulated board (its chip stamps an edge with CLOCK_MONOTONIC and writes it to the line's
// pipe). With --kernel SYSFS: the kernel's gpio-sim chip (board gpio-sim) inside Scripts/gpio-sim-vm, driven by
// writing sim_gpioN/pull under SYSFS; the kernel stamps the edge in its interrupt handler. Build in release.
import CGPIO
import CGPIOFloor
import Pinwheel
import PinwheelBoards
import PinwheelGPIO
import PinwheelLinux
import PinwheelSimulation
import PinwheelWorkloads
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    let text = "pinwheel-gpio-latency: error: \(message)\n"
    _ = write(2, text, text.utf8.count)
    exit(1)
}

func monotonic() -> UInt64 { LinuxPlatform.readClock(nil) }

func microseconds(_ ns: Double) -> String {
    let tenths = Int((ns / 100).rounded())
    let text = "\(tenths / 10).\(tenths % 10)"
    return String(repeating: " ", count: max(0, 9 - text.count)) + text
}

/// Makes `count` edges, one every `period` on absolute deadlines, from its own thread.
final class EdgeDriver: @unchecked Sendable {
    let count: Int
    let period: UInt64
    let drive: (Bool) -> Void
    private var thread = pthread_t()

    init(count: Int, periodNanoseconds: UInt64, drive: @escaping (Bool) -> Void) {
        self.count = count
        period = periodNanoseconds
        self.drive = drive
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { context in
            let driver = Unmanaged<EdgeDriver>.fromOpaque(context!).takeRetainedValue()
            driver.run()
            return nil
        }, context)
        if result != 0 { fail("pthread_create: \(result)") }
    }

    func join() { pthread_join(thread, nil) }

    private func run() {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        for edge in 0..<count {
            let next = UInt64(deadline.tv_sec) * 1_000_000_000 + UInt64(deadline.tv_nsec) + period
            deadline = timespec(tv_sec: Int(next / 1_000_000_000), tv_nsec: Int(next % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
            drive(edge % 2 == 0)
        }
    }
}

/// A task whose poll is a closure: `true` means finished.
struct LatencyTask: Future {
    let body: (Context) -> Bool
    mutating func poll(_ context: Context) -> Poll<Void> { body(context) ? .ready(()) : .pending }
}

/// The executor: a task awaiting `input`'s edges records now − timestamp for each.
func executorLatency(_ input: GPIOInput, driver: EdgeDriver) throws -> (LatencySamples, dropped: UInt64) {
    var platform = try LinuxPlatform(vectors: 4)
    try? platform.limitCPUWakeLatency(microseconds: 0)
    try input.bind(to: &platform)
    let samples = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: driver.count)
    defer { samples.deallocate() }
    var seen = 0
    var executor = try Executor<TaskPool<LatencyTask, 1>, 1, 1>()
    try executor.spawn(LatencyTask { context in
        while case .ready(let report) = input.poll(context) {
            samples[seen] = monotonic() &- report.event.timestamp.ticks
            seen += 1
        }
        return seen + Int(input.dropped) >= driver.count
    })
    driver.start()
    _ = executor.run(on: &platform)
    driver.join()
    input.release(from: &platform)
    return (LatencySamples(Array(samples[..<seen])), input.dropped)
}

/// A libgpiod request handle, used by one thread at a time.
struct FloorRequest: @unchecked Sendable {
    let handle: OpaquePointer
}

/// The floor's own request of the line through libgpiod, as a minimal C program would make it.
func requestFloorLine(_ info: pw_gpio_line_info) -> OpaquePointer {
    var request: OpaquePointer?
    let result = withUnsafePointer(to: info.chip_path) { path in
        path.withMemoryRebound(to: CChar.self, capacity: 64) { path in
            pw_gpio_request_input(
                path, info.offset, "pinwheel-floor", PW_GPIO_EDGE_BOTH, PW_GPIO_BIAS_PULL_DOWN, 0, 0, 64, &request)
        }
    }
    guard result == 0, let request else { fail("the floor's line request failed: errno \(-result)") }
    return request
}

/// The floor: `read` blocks for one event and returns its latency.
func floorLatency(driver: EdgeDriver, read: () -> UInt64) -> LatencySamples {
    var platform = try? LinuxPlatform(vectors: 2)  // holds the same CPU wake-latency request as the executor
    try? platform?.limitCPUWakeLatency(microseconds: 0)
    var samples: [UInt64] = []
    samples.reserveCapacity(driver.count)
    driver.start()
    for _ in 0..<driver.count { samples.append(read()) }
    driver.join()
    _ = platform
    return LatencySamples(samples)
}

@main
enum GPIOLatency {
    static func main() throws {
        var arguments = CommandLine.arguments.dropFirst()
        var edges = 2_000
        var period: UInt64 = 1_000_000
        var sysfs: String?
        var boards: String?
        func value(for option: String) -> String {
            guard let value = arguments.popFirst() else { fail("\(option) needs a value") }
            return value
        }
        func number(_ text: String, _ option: String) -> Int {
            guard let number = Int(text), number > 0 else { fail("\(option) needs a positive number, not \(text)") }
            return number
        }
        while let argument = arguments.popFirst() {
            switch argument {
            case "--quick": edges = 200
            case "--edges": edges = number(value(for: argument), argument)
            case "--period-us": period = UInt64(number(value(for: argument), argument)) * 1_000
            case "--kernel": sysfs = value(for: argument)
            case "--boards": boards = value(for: argument)
            default: fail("unknown argument \(argument); usage: pinwheel-gpio-latency [--quick] [--edges N] "
                + "[--period-us P] [--kernel SYSFS] [--boards DIR]")
            }
        }
        guard edges > 0, period > 0 else { fail("--edges and --period-us must be positive") }
        let catalog = try boards.map { BoardCatalog(directory: $0) } ?? BoardCatalog.locate()
        let board = try Board(try catalog.load(sysfs == nil ? "sim" : "gpio-sim"))
        let line = try board.line("BUTTON").line
        let settings = InputSettings(edges: .both, bias: .pullDown)

        let drive: (Bool) -> Void
        let what: String
        if let sysfs {
            let offset = try (board.chip as! SystemChip).find(line).offset
            let path = "\(sysfs)/sim_gpio\(offset)/pull"
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { fail("cannot open \(path): errno \(errno)") }
            drive = { high in
                let text = high ? "pull-up" : "pull-down"
                _ = pwrite(fd, text, text.utf8.count, 0)
            }
            what = "kernel gpio-sim chip, libgpiod \(SystemChip.library.version); driven through \(path)"
        } else {
            let chip = board.simulatedChip!
            drive = { high in try! chip.drive(line, high: high) }
            what = "simulated chip (board sim): stamped at the drive, delivered through the line's pipe"
        }

        print("edge-to-task latency in µs, kernel timestamp to task running: \(edges) edges, one every \(period / 1000) µs")
        print("chip: \(what)")
        print("case".padding(46) + "   median      p99      max     mean")
        func report(_ name: String, _ samples: LatencySamples, _ extra: String = "") {
            print(name.padding(46) + [Double(samples.median), Double(samples.p99), Double(samples.max), samples.mean]
                .map(microseconds).joined() + extra)
        }
        // Alternating blocks, so that drift in the machine's load falls on both sides alike.
        let blocks = 10
        let perBlock = max(1, edges / blocks)
        func executorBlock() throws -> (LatencySamples, dropped: UInt64) {
            try executorLatency(
                try board.requestInput("BUTTON", consumer: "pinwheel-latency", settings: settings),
                driver: EdgeDriver(count: perBlock, periodNanoseconds: period, drive: drive))
        }
        func floorBlock() throws -> LatencySamples {
            let driver = EdgeDriver(count: perBlock, periodNanoseconds: period, drive: drive)
            if sysfs != nil {
                let info = try (board.chip as! SystemChip).find(line)
                let request = FloorRequest(handle: requestFloorLine(info))
                defer { pw_gpio_release(request.handle) }
                return floorLatency(driver: driver) {
                    var latency: UInt64 = 0
                    let result = pw_floor_read_request(request.handle, &latency)
                    if result != 0 { fail("the floor's read failed: errno \(-result)") }
                    return latency
                }
            }
            let input = try board.requestInput("BUTTON", consumer: "pinwheel-floor", settings: settings)
            defer { input.release() }
            let fd = input.eventDescriptor
            return floorLatency(driver: driver) {
                var latency: UInt64 = 0
                let result = pw_floor_read_pipe(fd, &latency)
                if result != 0 { fail("the floor's read failed: errno \(-result)") }
                return latency
            }
        }
        var executorSamples: [UInt64] = []
        var floorSamples: [UInt64] = []
        var dropped: UInt64 = 0
        for _ in 0..<blocks {
            let (block, lost) = try executorBlock()
            executorSamples += block.sorted
            dropped += lost
            floorSamples += try floorBlock().sorted
        }
        let executor = LatencySamples(executorSamples)
        let floor = LatencySamples(floorSamples)
        report("executor: task awaiting GPIOInput.edge()", executor, dropped > 0 ? "  (\(dropped) dropped)" : "")
        report("floor: C reader (poll, read one event)", floor)
        let ratio = Double(executor.median) / Double(max(floor.median, 1))
        print("executor median / floor median: \((ratio * 100).rounded() / 100)x")
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
