import Pinwheel

/// A program Pinwheel flashes onto a board: its lines declared once, as typed handles in stored properties, its
/// signals, its tasks, and a default stimulus and run length for the simulated board.
///
/// ```swift
/// struct Crossing: Program {
///     let button = InputLine("BUTTON", edges: .rising, bias: .pullDown)
///     let led = OutputLine("LED")
///
///     func main(_ task: TaskEnvironment) async {
///         while true {
///             _ = await button.edge()
///             led.toggle()
///         }
///     }
/// }
/// ```
///
/// The lines are the program's stored properties of type ``InputLine``, ``OutputLine`` and ``SignalLine`` (and
/// arrays of them), in the order they are declared. Before anything is requested, every name is checked against the
/// board; a name the board lacks is an error that names it. A handle the program did not declare is never bound:
/// using one stops the run with an error naming it (exit 64).
///
/// The task table's capacity is the program's ``Slots`` (16 by default): `typealias Slots = TaskSlots<8>`.
public protocol Program: Sendable {
    /// The task table's capacity: ``TaskSlots`` with the number of slots (the program's tasks and the session's
    /// own, at most three, must fit; at most 64).
    associatedtype Slots: TaskCapacity = TaskSlots<16>

    /// A fresh instance: its handles are unbound until it is programmed onto a board.
    init()

    /// The name to flash it by (default: the type's name, lowercased).
    static var name: String { get }
    /// One line saying what it shows (default: empty).
    static var summary: String { get }
    /// What to do or watch while it runs; printed when it starts (default: empty).
    static var guide: String { get }
    /// The stimulus played on the simulated board when none is given, in the stimulus language (default: none).
    static var stimulus: String { get }
    /// How long a virtual-time run lasts when no `--duration` is given (default: nil). With nil, the run lasts until
    /// the program's tasks end, or at most 30 s of virtual time or a second after the stimulus's last step, whichever
    /// is later. A real-time run lasts until the program ends, `--duration`, or Ctrl-C.
    static var runLength: Duration? { get }

    /// Its tasks, one slot each (default: one task, named after the program, running ``main(_:)``).
    var tasks: [ProgramTask] { get }

    /// The program's one task when ``tasks`` is not given.
    func main(_ task: TaskEnvironment) async
}

extension Program {
    /// The type's name, lowercased.
    public static var name: String { String(describing: Self.self).lowercased() }
    /// Empty.
    public static var summary: String { "" }
    /// Empty.
    public static var guide: String { "" }
    /// No stimulus.
    public static var stimulus: String { "" }
    /// Nil: a virtual-time run lasts until the program ends, or at most 30 s or a second after its stimulus's end.
    public static var runLength: Duration? { nil }

    /// One task named after the program, running ``main(_:)``.
    public var tasks: [ProgramTask] { [ProgramTask(Self.name) { await self.main($0) }] }

    /// Logs an error: a program gives either ``main(_:)`` or ``tasks``.
    public func main(_ task: TaskEnvironment) async {
        task.log("\(Self.name) has no task: give it `func main(_ task: TaskEnvironment) async` or `var tasks`", level: .error)
    }

    /// What the program declares: its lines and signals, found in its stored properties.
    public var declaration: ProgramDeclaration { ProgramDeclaration(of: self) }
}
