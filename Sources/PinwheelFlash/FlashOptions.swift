import Pinwheel
import PinwheelSimulation

/// What `pinwheel flash` was asked to do.
public struct FlashOptions: Sendable {
    /// The program's name: a built-in demo, or one of the programs the calling executable hands Pinwheel.
    public var program: String
    /// The board's name (a file in the boards directory).
    public var board: String
    /// The boards directory; by default `$PINWHEEL_BOARDS` or `boards/` found upwards.
    public var boardsDirectory: String?
    /// A stimulus file to play on the board's inputs; by default the demo's own on the simulated board.
    public var stimulusPath: String?
    /// How long to run; by default until the demo ends or Ctrl-C (in virtual time: the demo's run length).
    public var duration: Duration?
    /// Where to write a Value Change Dump of every line and task state.
    public var vcdPath: String?
    /// Print every wake and poll.
    public var trace: Bool
    /// Write JSON lines instead of text.
    public var json: Bool
    /// Keys press buttons, LEDs drawn live; real time.
    public var interactive: Bool
    /// Run the simulated board in real time rather than virtual time.
    public var realTime: Bool
    /// The most polls a virtual-time run may make before it is stopped with an error (``defaultPollLimit``): in
    /// virtual time a long duration costs no waiting, only work, so the work is what is bounded.
    public var pollLimit: UInt64
    /// Reads the calling thread's allocation count (a malloc interposer's, in a test or the soak). When set, the
    /// outcome reports the allocations the executor's thread made from the first poll to the end of the run
    /// (``FlashOutcome/runAllocations``): the proof that a run allocates nothing after start-up.
    public var allocationCounter: (@Sendable () -> UInt64)?
    /// A stimulus given as text rather than a file (a test's); used when ``stimulusPath`` is nil.
    public var stimulusText: String?
    /// A stimulus built in code (a test's); used when neither ``stimulusPath`` nor ``stimulusText`` is given.
    public var stimulusValue: Stimulus?
    /// Where the run's record is kept in memory (log records, line changes, task figures), for a program's tests.
    public var recording: RunRecording?

    /// A firmware program's folder kept outside the checkout (`--firmware DIR`), flashed instead of a named demo on
    /// an emulated board.
    public var firmwareDirectory: String?

    /// The longest `--duration`: 366 days, the longest time a stimulus may name.
    public static let durationLimit = Duration.seconds(366 * 86_400)
    /// The default ``pollLimit``: 20,000,000 polls, about half a minute of the busiest demo (pwm, at 190 polls per
    /// second of virtual time, reaches it after about 29 hours of virtual time); blinky for a week takes 1.2 million.
    public static let defaultPollLimit: UInt64 = 20_000_000

    /// Options for flashing `program` onto `board`.
    public init(
        program: String, board: String = "sim", boardsDirectory: String? = nil, stimulusPath: String? = nil,
        duration: Duration? = nil, vcdPath: String? = nil, trace: Bool = false, json: Bool = false,
        interactive: Bool = false, realTime: Bool = false, pollLimit: UInt64 = FlashOptions.defaultPollLimit
    ) {
        self.program = program
        self.board = board
        self.boardsDirectory = boardsDirectory
        self.stimulusPath = stimulusPath
        self.duration = duration
        self.vcdPath = vcdPath
        self.trace = trace
        self.json = json
        self.interactive = interactive
        self.realTime = realTime
        self.pollLimit = pollLimit
    }
}
