/// A task of a demo: a name and an async function, spawned into one slot of the executor's static table.
///
/// The function is an ordinary program: it awaits edges, deadlines and signals (`await button.edge()`,
/// `for await tick in ticker`), and each `await` that must wait parks the task in its slot until an interrupt
/// sets the slot's ready bit. It is given its ``DemoIO`` once: the lines, the log, the signals.
public struct DemoTask: Sendable {
    /// The name shown in the log, the trace and the waveform.
    public let name: String
    /// The program.
    public let body: @Sendable (DemoIO) async -> Void

    /// A task called `name` running `body`.
    public init(_ name: String, _ body: @escaping @Sendable (DemoIO) async -> Void) {
        self.name = name
        self.body = body
    }
}
