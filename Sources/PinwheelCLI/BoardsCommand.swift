import ArgumentParser
import PinwheelBoards
import PinwheelDemos
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
            catalog = if let boards { BoardCatalog(directory: boards) } else { try BoardCatalog.locate() }
        } catch {
            reportError(error.description)
            throw ExitCode(64)
        }
        print("Boards in \(catalog.directory) (pinwheel flash DEMO --board NAME):")
        var broken = false
        for (name, result) in catalog.loadAll() {
            switch result {
            case .success(let file):
                let driver = file.driver == .simulated ? "simulated chip" : "libgpiod, chip \(file.chipLabel)"
                print("  \(name.rightPadded(9)) \(file.description) [\(driver)]")
                let names = file.names.map { entry in
                    let (line, pin) = file.resolve(entry.name)!
                    return "\(entry.name)=" + (pin.map { "pin \($0)" } ?? line)
                }
                print("  \("".rightPadded(9)) lines: \(names.joined(separator: ", "))")
                let runs = DemoCatalog.all.filter { demo in demo.lines.allSatisfy { file.resolve($0.name) != nil } }
                print("  \("".rightPadded(9)) runs: \(runs.map(\.name).joined(separator: ", "))")
            case .failure(let error):
                broken = true
                print("  \(name.rightPadded(9)) (cannot be loaded: \(error.description))")
            }
        }
        if broken { throw ExitCode(1) }
    }
}
