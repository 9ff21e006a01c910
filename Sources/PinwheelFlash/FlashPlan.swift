import Pinwheel
import PinwheelBoards
import PinwheelProgram
import PinwheelSimulation
import PinwheelText

/// What a flash of a Linux board works from, resolved before anything is requested: the options, the board file
/// and the program, each of the program's names checked against the board, the stimulus parsed and checked, the
/// run's clock and length. Making one is pure (no file but the stimulus is read, no line requested), so every
/// mistake it finds is reported before the board is touched.
struct FlashPlan {
    let options: FlashOptions
    let board: BoardFile
    /// The program's name, summary and guide.
    let name: String
    let summary: String
    let guide: String
    /// Its lines and signals.
    let declaration: ProgramDeclaration
    /// Its tasks.
    let tasks: [ProgramTask]
    /// Makes the machine of the program's table size.
    let makeMachine: (MachineMaker) -> Result<any FlashMachine, FlashError>
    /// The table's capacity.
    let taskSlots: Int
    /// On the simulated board's virtual clock (deterministic, instant) rather than CLOCK_MONOTONIC.
    let virtual: Bool
    /// gpio-sim's sysfs directory (PINWHEEL_GPIO_SIM_SYSFS), through which a stimulus pulls the kernel chip's lines.
    let simSysfs: String?
    let stimulus: Stimulus?
    /// Where the stimulus came from, for messages.
    let stimulusSource: String
    /// How long the run lasts; nil until the program ends or Ctrl-C.
    let length: Duration?
    /// The session's own tasks beside the program's: the supervisor; the stimulus player when there is a stimulus or
    /// keys (interactive mode's presses are played by it); the keys.
    var sessionTasks: Int { 1 + (stimulus != nil || options.interactive ? 1 : 0) + (options.interactive ? 1 : 0) }

    /// Resolves `program` for `board` under `options`; `environment` is the process's (PINWHEEL_GPIO_SIM_SYSFS).
    /// `readStimulus` reads the stimulus file named by `--stimulus`.
    init<P: Program>(
        _ options: FlashOptions, board: BoardFile, program: P, environment: [String: String],
        readStimulus: (String) throws(TextFile.ReadError) -> String = { path throws(TextFile.ReadError) in try TextFile.read(path) }
    ) throws(FlashError) {
        self.options = options
        self.board = board
        name = P.name
        summary = P.summary
        guide = P.guide
        declaration = program.declaration
        tasks = program.tasks
        taskSlots = P.Slots.slots
        makeMachine = { maker in P.Slots.open(maker) }
        let duplicates = declaration.duplicates
        guard duplicates.isEmpty else { throw .declaredTwice(program: P.name, names: duplicates) }
        let missing = declaration.lines.map(\.name).filter { board.resolve($0) == nil }
        guard missing.isEmpty else {
            throw .missingLines(demo: P.name, board: board.name, missing: missing, available: board.names.map(\.name))
        }
        for signal in declaration.signals where !Stimulus.signals.contains(where: { $0.name == signal.name }) {
            throw .unknownSignal(program: P.name, name: signal.name, available: Stimulus.signals.map(\.name))
        }
        let simulated = board.driver == .simulated
        if options.interactive, !simulated { throw .interactiveNeedsSimulatedBoard(board: board.name) }
        virtual = simulated && !options.interactive && !options.realTime
        simSysfs = environment["PINWHEEL_GPIO_SIM_SYSFS"]

        // The stimulus: the file given, or the program's own on the simulated board when nobody is at the keys.
        let horizon = options.duration ?? P.runLength ?? .seconds(30)
        let signals = declaration.signals.map(\.name)
        func parse(_ text: String, path: String) throws(FlashError) -> Stimulus {
            // A stimulus may send only the signals the program binds: any other would meet its default action.
            do { return try Stimulus.parse(text, path: path, horizon: horizon, handled: signals) } catch { throw .stimulus(error) }
        }
        if let path = options.stimulusPath {
            let text: String
            do { text = try readStimulus(path) } catch { throw .stimulusUnreadable(error) }
            stimulus = try parse(text, path: path)
            stimulusSource = path
        } else if let text = options.stimulusText {
            stimulus = try parse(text, path: "the stimulus given")
            stimulusSource = "the stimulus given"
        } else if let value = options.stimulusValue {
            stimulus = value
            stimulusSource = "the stimulus given"
        } else if simulated, !options.interactive, !P.stimulus.isEmpty {
            stimulus = try parse(P.stimulus, path: "\(P.name) (built-in stimulus)")
            stimulusSource = "the program's built-in stimulus"
        } else {
            stimulus = nil
            stimulusSource = ""
        }
        if let stimulus {
            for line in stimulus.lines where board.resolve(line) == nil {
                throw .stimulusUnknownLine(path: stimulusSource, line: line, board: board.name, available: board.names.map(\.name))
            }
            if !simulated, simSysfs == nil, !stimulus.lines.isEmpty { throw .stimulusNeedsSimulatedLines(board: board.name) }
        }
        length = options.duration ?? (virtual ? P.runLength ?? max(.seconds(30), (stimulus?.end ?? .zero) + .seconds(1)) : nil)
        let needed = tasks.count + sessionTasks
        guard needed <= taskSlots else { throw .tableTooSmall(program: P.name, slots: taskSlots, needed: needed) }
    }

    /// The signal number of a declared signal's name (checked in ``init``).
    static func signalNumber(_ name: String) -> Int32 { Stimulus.signals.first { $0.name == name }!.number }
}
