import PinwheelDemos
import PinwheelProgram

/// The programs the running executable flashes: the built-in demos for `pinwheel`, or the programs a user's
/// executable hands ``PinwheelCommand/main(programs:)``. Set once, before the command line is parsed.
public enum ProgramList {
    // Safety (nonisolated(unsafe)): written once by the entry point before anything reads it, on the main thread.
    nonisolated(unsafe) static var programs: [any Program.Type] = DemoCatalog.all
    nonisolated(unsafe) static var defaultName = DemoCatalog.defaultName
    /// Whether these are Pinwheel's own demos (the `pinwheel` executable) rather than a user's programs.
    nonisolated(unsafe) static var builtIn = true

    /// The program called `name`.
    static func named(_ name: String) -> (any Program.Type)? { programs.first { $0.name == name } }
}
