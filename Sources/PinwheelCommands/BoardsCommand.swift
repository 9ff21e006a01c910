import ArgumentParser
import PinwheelBoards
import PinwheelDemos
import PinwheelProgram
import PinwheelFlash
#if canImport(Glibc)
import Glibc
#endif

/// `pinwheel boards`: the board files, and which demos each can run.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards", abstract: "List the boards that can be flashed, with their chips and named lines.")

    @Option(help: ArgumentHelp("The directory of board files (default: $PINWHEEL_BOARDS, or boards/ found upwards).", valueName: "dir"))
    var boards: String?

    func run() throws {
        let catalog: BoardCatalog
        do throws(BoardError) {
            catalog = if let boards { try BoardCatalog.open(boards) } else { try BoardCatalog.locate() }
        } catch {
            reportError(error.description)
            throw ExitCode(64)
        }
        show("Boards in \(catalog.directory) (pinwheel flash DEMO --board NAME):")
        var broken = false
        for (name, result) in catalog.loadAll() {
            switch result {
            case .success(let file):
                let driver = switch file.driver {
                case .simulated: "simulated chip"
                case .libgpiod: "libgpiod, chip \(file.chipLabel)"
                case .qemu: "QEMU: \(file.emulation!.emulator) -M \(file.emulation!.machine), firmware image"
                }
                show("  \(name.rightPadded(15)) \(file.description) [\(driver)]")
                let names = file.names.map { entry in
                    let (line, pin) = file.resolve(entry.name)!
                    return "\(entry.name)=" + (pin.map { "pin \($0)" } ?? line)
                }
                show("  \("".rightPadded(15)) lines: \(names.joined(separator: ", "))")
                let runs: [String]
                if file.driver == .qemu {
                    // Firmware demos from Firmware/Demos/catalog, whose lines the board names.
                    let demos = (try? FirmwareTree.locate(besideBoards: catalog.directory).demos()) ?? []
                    runs = demos.filter { demo in demo.lines.allSatisfy { file.resolve($0) != nil } }.map { $0.name + " (firmware)" }
                } else {
                    runs = ProgramList.programs.filter { demo in demo.init().declaration.lines.allSatisfy { file.resolve($0.name) != nil } }.map { $0.name }
                }
                show("  \("".rightPadded(15)) runs: \(runs.isEmpty ? "no demo (Firmware/ not found)" : runs.joined(separator: ", "))")
            case .failure(let error):
                broken = true
                show("  \(name.rightPadded(15)) (cannot be loaded: \(error.description))")
            }
        }
        if broken { throw ExitCode(1) }
    }
}
