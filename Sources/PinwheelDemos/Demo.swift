import Pinwheel

/// A demo profile: what `pinwheel flash NAME` programs onto a board.
///
/// A demo declares the lines and signals it needs, so that they can be checked against a board before anything is
/// requested, and a default stimulus that plays its inputs on the simulated board. Its ``tasks`` are ordinary
/// async functions, each spawned into a slot of the executor's static table.
public struct Demo: Sendable {
    /// The name to flash it by.
    public let name: String
    /// One line saying what it shows.
    public let summary: String
    /// What to do or watch while it runs; printed when it starts.
    public let guide: String
    /// The board lines it requests.
    public let lines: [DemoLine]
    /// The signals it binds as interrupts, by name (`USR1`).
    public let signals: [String]
    /// The stimulus played on the simulated board when none is given (the stimulus file format).
    public let stimulus: String
    /// How long a run in virtual time lasts when no `--duration` is given; nil for a demo that ends by itself.
    public let runLength: Duration?
    /// Its tasks: async functions, one slot each.
    public let tasks: [DemoTask]

    /// A demo.
    public init(
        name: String, summary: String, guide: String, lines: [DemoLine], signals: [String] = [], stimulus: String,
        runLength: Duration?, tasks: [DemoTask]
    ) {
        self.name = name
        self.summary = summary
        self.guide = guide
        self.lines = lines
        self.signals = signals
        self.stimulus = stimulus
        self.runLength = runLength
        self.tasks = tasks
    }
}
