// swift-tools-version: 6.2
import Foundation
import PackageDescription

// libgpiod is linked when its header is installed (Debian: libgpiod-dev). `PINWHEEL_LIBGPIOD_PREFIX` points at
// another installation (for example libgpiod v2 unpacked from bookworm-backports): its include/ and lib/ are used.
// `PINWHEEL_LIBGPIOD=none` builds without libgpiod even where it is installed (the tests use it to check what a
// machine without it gets).
let environment = ProcessInfo.processInfo.environment
let withoutLibgpiod = environment["PINWHEEL_LIBGPIOD"] == "none"
let libgpiodPrefix = withoutLibgpiod ? nil : environment["PINWHEEL_LIBGPIOD_PREFIX"]
let libgpiodLinkage: [LinkerSetting] = {
    if withoutLibgpiod { return [] }
    if let prefix = libgpiodPrefix {
        return [.unsafeFlags(["-L\(prefix)/lib", "-Xlinker", "-rpath", "-Xlinker", "\(prefix)/lib"]), .linkedLibrary("gpiod")]
    }
    let headers = ["/usr/include/gpiod.h", "/usr/local/include/gpiod.h"]
    return headers.contains(where: FileManager.default.fileExists(atPath:)) ? [.linkedLibrary("gpiod")] : []
}()
let libgpiodCompilation: [CSetting] =
    withoutLibgpiod ? [.define("PW_GPIO_FORCE_NO_LIBRARY")] : libgpiodPrefix.map { [.unsafeFlags(["-I\($0)/include"])] } ?? []

let package = Package(
    name: "Pinwheel",
    products: [
        .library(name: "Pinwheel", targets: ["Pinwheel"]),
        .library(name: "PinwheelHost", targets: ["PinwheelHost"]),
        .library(name: "PinwheelAsync", targets: ["PinwheelAsync"]),
        .library(name: "PinwheelLinux", targets: ["PinwheelLinux"]),
        .library(name: "PinwheelGPIO", targets: ["PinwheelGPIO"]),
        .library(name: "PinwheelText", targets: ["PinwheelText"]),
        .library(name: "PinwheelSimulation", targets: ["PinwheelSimulation"]),
        .library(name: "PinwheelBoards", targets: ["PinwheelBoards"]),
        .library(name: "PinwheelProgram", targets: ["PinwheelProgram"]),
        .library(name: "PinwheelDemos", targets: ["PinwheelDemos"]),
        .library(name: "PinwheelFlash", targets: ["PinwheelFlash"]),
        .library(name: "PinwheelApp", targets: ["PinwheelApp"]),
        .library(name: "PinwheelTesting", targets: ["PinwheelTesting"]),
        .executable(name: "pinwheel", targets: ["PinwheelCLI"]),
        .executable(name: "pinwheel-core-demo", targets: ["CoreDemo"]),
        .executable(name: "pinwheel-benchmarks", targets: ["CoreBenchmarks"]),
        .executable(name: "pinwheel-latency", targets: ["LatencyBenchmarks"]),
        .executable(name: "pinwheel-example-worker", targets: ["WorkerThreadExample"]),
        .executable(name: "pinwheel-example-crossing", targets: ["CrossingExample"]),
        .executable(name: "pinwheel-gpio-behaviour", targets: ["GPIOBehaviourRunner"]),
        .executable(name: "pinwheel-gpio-latency", targets: ["GPIOLatencyBenchmarks"]),
        .executable(name: "pinwheel-soak", targets: ["SoakRunner"]),
        .executable(name: "pinwheel-scaling", targets: ["ScalingBenchmarks"]),
        .executable(name: "pinwheel-allocation-check", targets: ["RunAllocationCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Tests only: runs the built `pinwheel` and tmux as child processes, watched through a pidfd.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // Documentation only: `swift package generate-documentation` builds the DocC catalogs (the guide).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Core: ready bitmap, wakers, task pool, executor loop, timers. Builds as Embedded Swift with
        // -no-allocations (Scripts/embedded-check); it imports nothing but Synchronization. Strict memory safety
        // (SE-0458): every unsafe expression is marked `unsafe`, every type holding pointers says why it is `@safe`.
        .target(name: "Pinwheel", swiftSettings: [.strictMemorySafety()]),

        // Async layer (hosted): Swift async functions as tasks in the static slots, and `await` on any future.
        // Outside the core: this toolchain has no Embedded concurrency runtime for ARM.
        .target(name: "CPinwheelAsync"),
        .target(name: "PinwheelAsync", dependencies: ["Pinwheel", "CPinwheelAsync"]),

        // Host platform: a futex idle hook and a CLOCK_MONOTONIC time driver, so the core runs (and is tested)
        // on any Linux thread without the interrupt controller of the Linux platform.
        .target(name: "CFutex"),
        .target(name: "PinwheelHost", dependencies: ["Pinwheel", "CFutex"]),

        // Linux platform: signals, timerfd, eventfd and file descriptors as interrupt sources; ppoll as WFI.
        .target(name: "CLinuxInterrupts"),
        .target(
            name: "PinwheelLinux",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "PinwheelHost", "CLinuxInterrupts",
                .product(name: "SystemPackage", package: "swift-system"),
            ]),

        // GPIO: lines as interrupt sources, through libgpiod (v1 or v2, whichever gpiod.h the build sees) or a
        // simulated chip. Without libgpiod the shim builds as stubs that report it missing; the simulated chip
        // works everywhere.
        .target(
            name: "CGPIO",
            cSettings: libgpiodCompilation,
            linkerSettings: libgpiodLinkage
        ),
        .target(
            name: "PinwheelGPIO",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "PinwheelLinux", "CGPIO", .product(name: "SystemPackage", package: "swift-system"),
            ]),
        // Text input: the bounded file reader, parse errors at file:line:column, and text shown escaped. Board files
        // and the stimulus language both read through it.
        .target(name: "PinwheelText", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        // Simulation: the simulated chip (lines on pipes, on any clock), the stimulus language and its player, and
        // the pull of gpio-sim's lines through sysfs.
        .target(
            name: "PinwheelSimulation",
            dependencies: [
                "Pinwheel", "PinwheelHost", "PinwheelLinux", "PinwheelGPIO", "PinwheelText", "CGPIO",
                .product(name: "SystemPackage", package: "swift-system"),
            ]),
        // Boards: board files (boards/*.board) that map logical names and header pins to lines on a chip.
        .target(
            name: "PinwheelBoards",
            dependencies: [
                "Pinwheel", "PinwheelLinux", "PinwheelGPIO", "PinwheelSimulation", "PinwheelText",
                .product(name: "SystemPackage", package: "swift-system"),
            ]),

        // Programs: what a user writes and Pinwheel flashes: `Program` (lines declared once as typed handles, tasks,
        // a default stimulus), the task's environment and log.
        .target(
            name: "PinwheelProgram",
            dependencies: ["Pinwheel", "PinwheelAsync", "PinwheelHost", "PinwheelLinux", "PinwheelGPIO", "PinwheelBoards"]),
        // Demos: ordinary programs on the executor, written against a board's logical line names.
        .target(
            name: "PinwheelDemos",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "PinwheelHost", "PinwheelLinux", "PinwheelGPIO", "PinwheelSimulation",
                "PinwheelBoards", "PinwheelProgram",
            ]
        ),
        // Flashing: a demo programmed onto a board (the static image, its memory map), run with stimulus, log,
        // trace and waveform; the engine under the `pinwheel` command.
        .target(
            name: "PinwheelFlash",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "CPinwheelAsync", "PinwheelHost", "PinwheelLinux", "PinwheelGPIO",
                "PinwheelSimulation", "PinwheelText", "PinwheelBoards", "PinwheelProgram", "PinwheelDemos",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The `pinwheel` command line: its commands as a library (the fuzzer parses with them), and the executable.
        .target(
            name: "PinwheelCommands",
            dependencies: [
                "PinwheelFlash", "PinwheelProgram", "PinwheelDemos", "PinwheelBoards", "PinwheelGPIO", "PinwheelSimulation", "PinwheelText",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "PinwheelCLI", dependencies: ["PinwheelCommands"]),
        // What a user's package imports: `PinwheelApp` (a program's whole `flash` command line from `@main`, and the
        // modules a program is written with) and `PinwheelTesting` (a program run in process, in virtual time, and
        // its record).
        .target(
            name: "PinwheelApp",
            dependencies: ["Pinwheel", "PinwheelAsync", "PinwheelGPIO", "PinwheelProgram", "PinwheelCommands"]),
        .target(
            name: "PinwheelTesting",
            // CAllocationCounter interposes malloc in the test executable, to count the executor thread's allocations.
            dependencies: ["Pinwheel", "PinwheelProgram", "PinwheelFlash", "PinwheelSimulation", "CAllocationCounter"]),

        .executableTarget(name: "CoreDemo", dependencies: ["Pinwheel", "PinwheelHost"]),
        // Examples: small programs on the platforms, one per folder.
        .executableTarget(
            name: "WorkerThreadExample", dependencies: ["Pinwheel", "PinwheelHost", "PinwheelLinux"], path: "Examples/WorkerThread"
        ),
        // A user's program, written as a user writes it (`@main struct Crossing: Program`), with Pinwheel's whole
        // `flash` command line; its log is `pinwheel flash traffic`'s (PinwheelTestingTests checks it).
        .executableTarget(name: "CrossingExample", dependencies: ["PinwheelApp"], path: "Examples/Crossing"),
        // The workloads the benchmarks time; the allocation tests run the same code.
        .target(name: "PinwheelWorkloads", dependencies: ["Pinwheel", "PinwheelAsync"], path: "Benchmarks/Workloads"),
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: ["Pinwheel", "PinwheelAsync", "PinwheelHost", "PinwheelWorkloads"],
            path: "Benchmarks/CoreBenchmarks"
        ),
        .executableTarget(
            name: "LatencyBenchmarks",
            dependencies: ["Pinwheel", "PinwheelAsync", "PinwheelLinux", "CLinuxInterrupts", "PinwheelWorkloads"],
            path: "Benchmarks/LatencyBenchmarks"
        ),
        // How a virtual-time run's cost grows with edges, stimulus lines and board entries; memory over long runs.
        .executableTarget(
            name: "ScalingBenchmarks",
            dependencies: ["Pinwheel", "PinwheelBoards", "PinwheelFlash", "PinwheelGPIO", "PinwheelSimulation"],
            path: "Benchmarks/ScalingBenchmarks"),
        // Edge-to-task latency on a GPIO line, next to a minimal C reader of the same line (the floor).
        .target(name: "CGPIOFloor", dependencies: ["CGPIO"], path: "Benchmarks/CGPIOFloor"),
        .executableTarget(
            name: "GPIOLatencyBenchmarks",
            dependencies: [
                "Pinwheel", "PinwheelLinux", "PinwheelGPIO", "PinwheelSimulation", "PinwheelBoards", "CGPIO", "CGPIOFloor",
                "PinwheelWorkloads",
            ],
            path: "Benchmarks/GPIOLatency"
        ),

        // Test support: counts heap allocations per thread by interposing malloc in the test executable.
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),
        .target(name: "PinwheelTestSupport", dependencies: ["Pinwheel", "CAllocationCounter"], path: "Tests/PinwheelTestSupport"),
        .testTarget(name: "PinwheelTests", dependencies: ["Pinwheel", "PinwheelTestSupport", "PinwheelWorkloads"]),
        .target(name: "CSignalSender", path: "Tests/CSignalSender"),
        // The soak (Scripts/soak): long runs, sampled for memory, descriptors and live heap blocks.
        .executableTarget(
            name: "SoakRunner",
            dependencies: ["Pinwheel", "PinwheelLinux", "PinwheelProgram", "PinwheelDemos", "PinwheelFlash", "CAllocationCounter"],
            path: "Tests/SoakRunner"),
        // Counts the allocations of the executor's thread over a whole `pinwheel flash` run of every demo.
        .executableTarget(
            name: "RunAllocationCheck",
            dependencies: ["Pinwheel", "PinwheelProgram", "PinwheelDemos", "PinwheelFlash", "CAllocationCounter"],
            path: "Tests/RunAllocationCheck"),
        .testTarget(
            name: "PinwheelLinuxTests",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "PinwheelLinux", "CLinuxInterrupts", "PinwheelTestSupport", "CSignalSender",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The GPIO behaviour checks, one list for every chip: Swift Testing runs them on the simulated chip, and
        // the runner (single-threaded, no test framework) runs them inside the gpio-sim VM on a kernel chip.
        .target(
            name: "PinwheelGPIOBehaviour",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "PinwheelLinux", "PinwheelGPIO", "PinwheelSimulation", "PinwheelBoards",
                "PinwheelTestSupport",
            ],
            path: "Tests/PinwheelGPIOBehaviour"
        ),
        .executableTarget(
            name: "GPIOBehaviourRunner",
            dependencies: ["PinwheelGPIO", "PinwheelBoards", "PinwheelGPIOBehaviour"],
            path: "Tests/GPIOBehaviourRunner"
        ),
        .testTarget(
            name: "PinwheelGPIOTests",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "PinwheelLinux", "PinwheelGPIO", "PinwheelSimulation", "PinwheelGPIOBehaviour",
                "PinwheelTestSupport",
            ]
        ),
        .testTarget(
            name: "PinwheelDemosTests",
            dependencies: ["Pinwheel", "PinwheelAsync", "PinwheelProgram", "PinwheelDemos", "PinwheelGPIO", "PinwheelSimulation"]),
        // Runs the built `pinwheel` executable: golden outputs, errors and exit codes, VCD files, tmux.
        .testTarget(
            name: "PinwheelCLITests",
            dependencies: [
                "PinwheelCLI", "RunAllocationCheck",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            // Read from the source tree by path (so PINWHEEL_UPDATE_GOLDEN=1 can rewrite them), not bundled.
            exclude: ["Golden"]),
        .testTarget(
            name: "PinwheelBoardsTests",
            dependencies: [
                "PinwheelBoards", "PinwheelGPIO", "PinwheelText", .product(name: "SystemPackage", package: "swift-system"),
            ]),
        // Programs run in process with PinwheelTesting: the demos' behaviour, the crossing example, errors found
        // before anything is requested, and the flash pipeline's stages.
        .testTarget(
            name: "PinwheelTestingTests",
            dependencies: [
                "CrossingExample", "Pinwheel", "PinwheelTesting", "PinwheelProgram", "PinwheelDemos", "PinwheelFlash",
                "PinwheelBoards", "PinwheelSimulation",
            ]),
        .testTarget(
            name: "PinwheelFlashTests",
            dependencies: [
                "Pinwheel", "PinwheelBoards", "PinwheelDemos", "PinwheelFlash", "PinwheelProgram", "PinwheelSimulation",
                "PinwheelText",
            ]),
        .testTarget(name: "PinwheelHostTests", dependencies: ["Pinwheel", "PinwheelHost", "PinwheelTestSupport"]),
        .testTarget(
            name: "PinwheelAsyncTests",
            dependencies: [
                "Pinwheel", "PinwheelAsync", "PinwheelHost", "PinwheelLinux", "PinwheelTestSupport", "PinwheelWorkloads",
                "CLinuxInterrupts",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzzing (Scripts/fuzz sets PINWHEEL_FUZZ=1 and builds with -sanitize=fuzzer,address): libFuzzer harnesses for the
// parsers people feed. They have no main of their own (libFuzzer's is linked in), so an ordinary build leaves them out.
if environment["PINWHEEL_FUZZ"] == "1" {
    package.products += [
        .executable(name: "pinwheel-fuzz-board-file", targets: ["BoardFileFuzzer"]),
        .executable(name: "pinwheel-fuzz-stimulus", targets: ["StimulusFuzzer"]),
        .executable(name: "pinwheel-fuzz-command-line", targets: ["CommandLineFuzzer"]),
    ]
    package.targets += [
        .target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(
            name: "BoardFileFuzzer", dependencies: ["CLibFuzzer", "PinwheelBoards", "PinwheelGPIO", "PinwheelText"], path: "Fuzz/BoardFileFuzzer"),
        .executableTarget(
            name: "StimulusFuzzer",
            dependencies: ["CLibFuzzer", "Pinwheel", "PinwheelGPIO", "PinwheelSimulation", "PinwheelText"], path: "Fuzz/StimulusFuzzer"),
        .executableTarget(
            name: "CommandLineFuzzer",
            dependencies: ["CLibFuzzer", "PinwheelCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Fuzz/CommandLineFuzzer"),
    ]
}
