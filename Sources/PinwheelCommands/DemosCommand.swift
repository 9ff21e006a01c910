import ArgumentParser
import PinwheelBoards
import PinwheelDemos
import PinwheelProgram
import PinwheelFlash
#if canImport(Glibc)
import Glibc
#endif

/// `pinwheel demos [NAME]`: what can be flashed, and the lines each demo needs.
struct DemosCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: ProgramList.builtIn ? "demos" : "programs",
            abstract: "List the programs, with the lines each needs; name one for its details.")
    }

    @Argument(help: "A demo to describe in full, with its built-in stimulus.")
    var name: String?

    func run() throws {
        guard let name else {
            print(ProgramList.builtIn ? "Demos (pinwheel flash NAME [--board BOARD]):" : "Programs (flash NAME [--board BOARD]):")
            for demo in ProgramList.programs {
                let marker = demo.name == ProgramList.defaultName ? " (default)" : ""
                print("  \(demo.name.rightPadded(10)) \(demo.summary)\(marker)")
                print("  \("".rightPadded(10)) needs: \(needs(demo.init().declaration))")
            }
            guard ProgramList.builtIn else { return }
            // The firmware demos, for the emulated boards: from Firmware/Demos. A tree that cannot be found or read
            // is said, not passed over (the demos above are built in and listed anyway).
            let demos: [FirmwareDemo]
            do {
                demos = try FirmwareTree.locate(besideBoards: try BoardCatalog.locate().directory).demos()
            } catch let error as CustomStringConvertible {
                show("Firmware demos: not listed: \(error.description)")
                return
            }
            print("Firmware demos (pinwheel flash NAME --board qemu-mps2-an386 | qemu-raspi3b):")
            for demo in demos {
                show("  \(demo.name.rightPadded(10)) \(demo.about)")
                show("  \("".rightPadded(10)) needs: \(demo.lines.isEmpty ? "nothing" : demo.lines.joined(separator: ", ")); "
                    + (demo.virtualTime ? "virtual time (QEMU -icount)" : "real time"))
            }
            return
        }
        guard let demo = ProgramList.named(name) else {
            reportError("unknown demo \"\(name)\": the demos are \(ProgramList.programs.map { $0.name }.joined(separator: ", "))")
            throw ExitCode(64)
        }
        let declaration = demo.init().declaration
        print("\(demo.name): \(demo.summary)")
        print("  \(demo.guide)")
        print("Lines:")
        for line in declaration.lines {
            print("  \(line.name.rightPadded(8)) \(line.isInput ? "input " : "output") \(line.purpose)")
        }
        if !declaration.signals.isEmpty { print("Signals: " + declaration.signals.map { "SIG\($0.name)" }.joined(separator: ", ")) }
        print(demo.runLength.map { "Runs for \(formatShort($0)) in virtual time unless --duration says otherwise." }
            ?? "Ends by itself.")
        if !demo.stimulus.isEmpty {
            print("Built-in stimulus (played on the simulated board when no --stimulus is given):")
            for line in demo.stimulus.split(separator: "\n") { print("  \(line)") }
        }
    }

    func needs(_ declaration: ProgramDeclaration) -> String {
        let lines = declaration.lines.map { "\($0.name) (\($0.isInput ? "in" : "out"))" }
        let all = lines + declaration.signals.map { "SIG\($0.name)" }
        return all.isEmpty ? "nothing" : all.joined(separator: ", ")
    }
}
