/// One task of a ``Program``: a name and an async function, spawned into one slot of the executor's static table.
///
/// The function awaits edges, deadlines and signals (`await button.edge()`, `for await tick in ticker`); each
/// `await` that must wait parks the task in its slot until an interrupt sets the slot's ready bit. It is given its
/// ``TaskEnvironment`` once: its log, its slot, the run's facts.
public struct ProgramTask: Sendable {
    /// The name shown in the log, the trace and the waveform.
    public let name: String
    /// The task's function.
    public let body: @Sendable (TaskEnvironment) async -> Void

    /// A task called `name` running `body`.
    public init(_ name: String, _ body: @escaping @Sendable (TaskEnvironment) async -> Void) {
        self.name = name
        self.body = body
    }
}
