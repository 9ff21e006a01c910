@_exported import Pinwheel
@_exported import PinwheelAsync
@_exported import PinwheelGPIO
@_exported import PinwheelProgram
import PinwheelCommands

extension Program {
    /// The program's executable: `@main struct Crossing: Program { … }` gets the whole `flash` command line
    /// (`--board`, `--boards`, `--stimulus`, `--trace`, `--vcd`, `--interactive`, `--real-time`, `--duration`,
    /// `--json`, `--poll-limit`), the same exit codes, and every line released on every exit path. With no
    /// arguments it flashes the program onto the simulated board in virtual time.
    public static func main() {
        PinwheelCommand.main(programs: [Self.self])
    }
}

/// The entry point for an executable of several programs: `Pinwheel.main(programs: [Crossing.self, Blink.self])`
/// in its `main.swift` (the first is the default).
public enum PinwheelMain {
    /// Runs the `flash` command line over `programs`.
    public static func run(programs: [any Program.Type]) -> Never {
        PinwheelCommand.main(programs: programs)
    }
}
