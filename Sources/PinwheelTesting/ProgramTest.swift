import CAllocationCounter
@_exported import PinwheelFlash
@_exported import PinwheelSimulation
import Pinwheel
import PinwheelProgram
import Synchronization

/// Runs a program the way `flash` does, in this process, on the simulated board in virtual time, and returns its
/// record: deterministic, instant, no subprocess and no sleeping.
///
/// ```swift
/// @Test func amberFollowsAPress() throws {
///     let run = try ProgramTest.run(Crossing.self, stimulus: "at 500ms press BUTTON for 100ms", for: .seconds(5))
///     #expect(run.changes(of: "AMBER") == [.high(at: .seconds(2)), .low(at: .seconds(3))])
///     #expect(run.logged("red: walk", at: .seconds(3)))
/// }
/// ```
public enum ProgramTest {
    /// Runs `program` on `board` (the simulated board by default) with `stimulus` (stimulus-language text; nil for
    /// the program's own) for `duration` (nil for the program's run length). Throws what `flash` would report
    /// before running (a line the board lacks, a mistake in the stimulus), with the same message.
    public static func run<P: Program>(
        _ program: P.Type, stimulus: String? = nil, for duration: Duration? = nil, board: String = "sim",
        boardsDirectory: String? = nil
    ) throws(FlashError) -> ProgramRun {
        var options = FlashOptions(program: P.name, board: board, boardsDirectory: boardsDirectory, duration: duration)
        options.stimulusText = stimulus
        return try run(program, options: options)
    }

    /// Runs `program` with a stimulus built in code (`var s = Stimulus(); s.press("BUTTON", at: …, for: …)`).
    public static func run<P: Program>(
        _ program: P.Type, stimulus: Stimulus, for duration: Duration? = nil, board: String = "sim",
        boardsDirectory: String? = nil
    ) throws(FlashError) -> ProgramRun {
        var options = FlashOptions(program: P.name, board: board, boardsDirectory: boardsDirectory, duration: duration)
        options.stimulusValue = stimulus
        return try run(program, options: options)
    }

    /// One run at a time in a process: a run binds process-wide things (SIGINT, SIGTERM, the program's signals),
    /// and a virtual-time run takes no time, so tests that run in parallel wait their turn here.
    static let oneAtATime = Mutex(())

    /// Runs `program` with `options` as given (their `recording` is replaced).
    public static func run<P: Program>(_ program: P.Type, options: FlashOptions) throws(FlashError) -> ProgramRun {
        try oneAtATime.withLock { _ throws(FlashError) in try runAlone(program, options: options) }
    }

    /// Whether runs count the executor thread's allocations (``ProgramRun/allocationsAfterStartUp``): false under a
    /// sanitizer.
    public static var countsAllocations: Bool { pw_allocation_counter_available() != 0 }

    static func runAlone<P: Program>(_ program: P.Type, options: FlashOptions) throws(FlashError) -> ProgramRun {
        var options = options
        if countsAllocations { options.allocationCounter = { pw_thread_allocations() } }
        let recording = RunRecording()
        options.recording = recording
        let output = OutputText()
        let console = Console(json: options.json, isTerminal: false) { output.text += $0 }
        let outcome = try FlashSession.flash(options, programs: [P.self], console: console)
        return ProgramRun(recording: recording, outcome: outcome, output: output.text)
    }
}

/// What a run printed, collected on the thread that prints.
final class OutputText: @unchecked Sendable {
    // Safety (Sendable): written by the console's writer, which is called on one thread at a time (the executor's,
    // or the log's printer while the executor runs), and read after the run.
    var text = ""
}
