import ArgumentParser
import PinwheelDemos
import PinwheelProgram
import PinwheelFlash
#if canImport(Glibc)
import Glibc
#endif

/// `pinwheel flash DEMO`: program a demo onto a board and run it.
struct FlashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flash",
        abstract: "Flash a demo onto a board and run it, streaming its log.",
        discussion: """
            Resolves the board, checks the demo's lines against it, programs the static image (task table, waker \
            cells, interrupt vector table), prints its memory map, then runs until the demo ends, the duration \
            passes, or Ctrl-C. Every line is released however the run ends.

            On the simulated board (the default) the run is in virtual time: deterministic and instant, with the \
            demo's built-in stimulus unless --stimulus names a file. --interactive runs in real time on a terminal.

            On an emulated board (qemu-mps2-an386, qemu-raspi3b) the demo is a firmware demo from Firmware/Demos: \
            it is built into an image, its memory map is read from the ELF, and QEMU boots it with the UART on the \
            console (--interactive: the keys go to the UART). The exit status is then the firmware's own.

            Exit status:
              0    the program ended, or the duration passed
              1    the demo logged errors, a line or the platform failed while running, or a virtual-time run \
            reached --poll-limit
              64   bad input: unknown demo or board, missing lines, malformed stimulus, unwritable VCD path, an \
            option or demo the board cannot take
              69   the board's chip or lines are not available on this machine (absent, busy, no permission), or \
            QEMU or a firmware package is not installed (the message names the package)
              70   the firmware faulted (its report names the exception and the address)
              74   output could not be written (the VCD file, or standard output: a full disk, a closed pipe)
              130  stopped by Ctrl-C (SIGINT); 143 by SIGTERM. Lines are released first.
            """)

    @Argument(help: "The program to flash (see the `demos` subcommand; `programs` in your own executable).")
    var demo: String = ProgramList.defaultName

    @Option(help: "The board to flash (see `pinwheel boards`).")
    var board: String = "sim"

    @Option(help: ArgumentHelp("The directory of board files (default: $PINWHEEL_BOARDS, or boards/ found upwards).", valueName: "dir"))
    var boards: String?

    @Option(help: ArgumentHelp(
        "On an emulated board, build and flash the firmware program in this folder (its `demo` file and Swift files; `pinwheel new --firmware NAME` makes one) instead of a named demo.",
        valueName: "dir"))
    var firmware: String?

    @Option(help: ArgumentHelp("A stimulus file to play on the board's inputs (format: Pinwheel's README.md, under Stimulus files).", valueName: "file"))
    var stimulus: String?

    @Option(help: ArgumentHelp("How long to run: a number and a unit, such as 3s or 250ms.", valueName: "time"))
    var duration: DurationArgument?

    @Option(help: ArgumentHelp("Write a Value Change Dump of every line and task state (GTKWave, PulseView).", valueName: "file"))
    var vcd: String?

    @Flag(help: "Print every wake (with its source) and every poll.")
    var trace = false

    @Flag(help: "Write JSON lines instead of text.")
    var json = false

    @Flag(help: "Keys press the simulated board's inputs, lines drawn live; real time. Needs a terminal.")
    var interactive = false

    @Flag(help: "Run the simulated board in real time instead of virtual time.")
    var realTime = false

    @Option(help: ArgumentHelp(
        "The most polls a virtual-time run may make; it stops with an error at the limit (default: 20000000).",
        valueName: "count"))
    var pollLimit: UInt64 = FlashOptions.defaultPollLimit

    func run() throws {
        var options = FlashOptions(
            program: demo, board: board, boardsDirectory: boards, stimulusPath: stimulus, duration: duration?.duration,
            vcdPath: vcd, trace: trace, json: json, interactive: interactive, realTime: realTime, pollLimit: pollLimit)
        options.firmwareDirectory = firmware
        let console = Console.standardOutput(json: json)
        do {
            let outcome = try FlashSession.flash(options, programs: ProgramList.programs, console: console)
            if let failure = outcome.failure { reportError(failure.description) }
            // Output that did not reach standard output is a failed run, whatever the demo did.
            if let errno = console.writeFailure {
                let failure = FlashError.outputUnwritable(path: nil, errno: errno)
                reportError(failure.description)
                throw ExitCode(failure.exitCode)
            }
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let error as FlashError {
            reportError(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}
