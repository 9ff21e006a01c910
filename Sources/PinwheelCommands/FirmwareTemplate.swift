import Foundation

/// The files `pinwheel new --firmware NAME` writes: a firmware program kept outside the Pinwheel checkout, laid out
/// as a folder of `Firmware/Demos` is (its `demo` file, its entry and its task), which `pinwheel flash --firmware DIR`
/// builds for an emulated board and boots in QEMU.
struct FirmwareTemplate {
    let name: String
    let directory: String
    /// The task's type: the name in upper camel case (`door-bell` → `DoorBell`).
    let typeName: String

    init(name: String, directory: String) throws(PackageTemplate.Problem) {
        let package = try PackageTemplate(name: name, dependency: .path(PackageTemplate.checkout), directory: directory)
        self.name = name
        self.directory = directory
        typeName = package.typeName
    }

    /// The files, by path in the folder.
    var files: [(path: String, text: String)] {
        [("demo", demo), ("Main.swift", main), ("\(typeName).swift", task), ("README.md", readme),
         (".gitignore", ".build-firmware/\n")]
    }

    /// Writes every file; refuses a directory that exists.
    func write() throws(PackageTemplate.Problem) {
        try PackageTemplate.write(files, into: directory)
    }

    var demo: String {
        """
        # What `pinwheel flash --firmware` needs to know about this program (key = value; # starts a comment).
        about = A heartbeat: the LED beats twice a second, eight times; each beat is logged over the UART with its time.
        # The board lines it drives: the board file must name each.
        lines = LED
        # virtual: under QEMU's -icount (1 instruction = 1 ns, idle time skipped): the same output every run, instantly.
        time = virtual

        """
    }

    var main: String {
        """
        import Pinwheel

        /// The task table: the executor in static storage, where the memory map finds it (its symbol and size).
        nonisolated(unsafe) var taskTable: Executor<TaskPool<\(typeName), 2>, 1, 2>? = nil

        /// The firmware's entry, called by the reset handler; its return value is the run's exit status.
        @main
        struct Firmware {
            static func main() {
                var platform = Board.start()
                Log.write("pinwheel firmware: \(name) on ")
                Log.write(Board.name)
                Log.endLine()
                taskTable = try! Executor<TaskPool<\(typeName), 2>, 1, 2>()
                _ = try! taskTable!.spawn(\(typeName)(beats: 8, origin: platform.now()))
                let outcome = taskTable!.run(on: &platform)
                Log.write(outcome == .finished ? "\(name) finished" : "\(name) stopped")
                Log.endLine()
            }
        }

        """
    }

    var task: String {
        """
        import Pinwheel

        /// The LED beats every 500 ms on a drift-free ticker: on for 100 ms, then off. Each beat is logged over the
        /// UART with its time; the task ends after `beats` beats. Firmware tasks are poll futures (Embedded Swift
        /// has no concurrency runtime): `poll` does what is due and says when to be woken.
        struct \(typeName): Future {
            let beats: UInt32
            let origin: Instant
            var ticker = Ticker(every: .milliseconds(500))
            var off: Timer?
            var count: UInt32 = 0

            mutating func poll(_ context: Context) -> Poll<Void> {
                if var timer = off {
                    guard timer.poll(context).isReady else {
                        off = timer
                        return .pending
                    }
                    off = nil
                    _ = LED.toggle()
                    if count == beats { return .ready(()) }
                }
                guard case .ready = ticker.poll(context) else { return .pending }
                _ = LED.toggle()
                count &+= 1
                Log.record(at: context.now() - origin, task: "\(name)")
                Log.write("beat ")
                Log.write(count)
                Log.endLine()
                // The LED goes off 100 ms later: the first poll starts the timer and registers its deadline.
                var timer = Timer.after(.milliseconds(100))
                _ = timer.poll(context)
                off = timer
                return .pending
            }
        }

        """
    }

    var readme: String {
        """
        # \(name)

        A firmware program for Pinwheel's emulated boards: the core compiled as Embedded Swift with
        `-no-allocations`, this folder's Swift files with the board's platform and drivers, booted in QEMU.

        ```sh
        pinwheel flash --firmware . --board qemu-mps2-an386    # or --board qemu-raspi3b
        ```

        The layout is a firmware demo's: `demo` (what `pinwheel flash` needs to know: `about`, `lines`, `time`, and
        `drivers`, `input`, `instructions` when the program uses them), `Main.swift` (the entry and the task table,
        `taskTable`, where the memory map finds it) and the task. The image is built into `.build-firmware/BOARD/`
        here. Firmware tasks are poll futures: Embedded Swift has no concurrency runtime.

        """
    }
}
