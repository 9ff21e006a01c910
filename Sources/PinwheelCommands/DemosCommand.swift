import ArgumentParser
import PinwheelBoards
import PinwheelDemos
import PinwheelFlash
#if canImport(Glibc)
import Glibc
#endif

/// `pinwheel demos [NAME]`: what can be flashed, and the lines each demo needs.
struct DemosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demos", abstract: "List the demos, with the lines each needs; name one for its details.")

    @Argument(help: "A demo to describe in full, with its built-in stimulus.")
    var name: String?

    func run() throws {
        guard let name else {
            print("Demos (pinwheel flash NAME [--board BOARD]):")
            for demo in DemoCatalog.all {
                let marker = demo.name == DemoCatalog.defaultName ? " (default)" : ""
                print("  \(demo.name.rightPadded(10)) \(demo.summary)\(marker)")
                print("  \("".rightPadded(10)) needs: \(needs(demo))")
            }
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
        guard let demo = DemoCatalog.named(name) else {
            reportError("unknown demo \"\(name)\": the demos are \(DemoCatalog.all.map(\.name).joined(separator: ", "))")
            throw ExitCode(64)
        }
        print("\(demo.name): \(demo.summary)")
        print("  \(demo.guide)")
        print("Lines:")
        for line in demo.lines {
            print("  \(line.name.rightPadded(8)) \(line.isInput ? "input " : "output") \(line.purpose)")
        }
        if !demo.signals.isEmpty { print("Signals: " + demo.signals.map { "SIG\($0)" }.joined(separator: ", ")) }
        print(demo.runLength.map { "Runs for \(formatShort($0)) in virtual time unless --duration says otherwise." }
            ?? "Ends by itself.")
        if !demo.stimulus.isEmpty {
            print("Built-in stimulus (played on the simulated board when no --stimulus is given):")
            for line in demo.stimulus.split(separator: "\n") { print("  \(line)") }
        }
    }

    func needs(_ demo: Demo) -> String {
        let lines = demo.lines.map { "\($0.name) (\($0.isInput ? "in" : "out"))" }
        let all = lines + demo.signals.map { "SIG\($0)" }
        return all.isEmpty ? "nothing" : all.joined(separator: ", ")
    }
}
