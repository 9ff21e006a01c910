import Foundation
import PinwheelGPIO
import PinwheelText
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The firmware sources: `Firmware/` with its `build` script, board folders and demos, found beside the boards
/// directory, upwards from the current directory, or at `$PINWHEEL_FIRMWARE`.
public struct FirmwareTree {
    /// The `Firmware` directory.
    public let directory: String

    /// Finds the tree: `$PINWHEEL_FIRMWARE`; else `Firmware` beside `boardsDirectory`; else `Firmware` in the current
    /// directory or one above it.
    public static func locate(besideBoards boardsDirectory: String) throws(FirmwareError) -> FirmwareTree {
        if let configured = ProcessInfo.processInfo.environment["PINWHEEL_FIRMWARE"] {
            return FirmwareTree(directory: configured)
        }
        var candidates = [(boardsDirectory as NSString).appendingPathComponent("../Firmware")]
        var directory = FileManager.default.currentDirectoryPath
        while true {
            candidates.append((directory as NSString).appendingPathComponent("Firmware"))
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory { break }
            directory = parent
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate + "/build") {
            return FirmwareTree(directory: (candidate as NSString).standardizingPath)
        }
        throw .noFirmwareTree(searched: candidates.prefix(3).map { ($0 as NSString).standardizingPath })
    }

    /// The demos: each folder of `Demos` with a `demo` file, by name.
    public func demos() throws(FirmwareError) -> [FirmwareDemo] {
        let folder = directory + "/Demos"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var demos: [FirmwareDemo] = []
        for name in names {
            let path = "\(folder)/\(name)/demo"
            let text: String
            do {
                text = try TextFile.read(path)
            } catch {
                if error.reason == .system(errno: .noSuchFileOrDirectory) || error.reason == .system(errno: .notDirectory) { continue }
                throw .demoFile(path: shown(path), line: 0, error.why)
            }
            demos.append(try FirmwareDemo(name: name.lowercased(), text: text, path: shown(path)))
        }
        return demos
    }

    /// The build script.
    var buildScript: String { directory + "/build" }

    /// `path` relative to the repository (the tree's parent), as messages show it.
    func shown(_ path: String) -> String {
        let root = (directory as NSString).deletingLastPathComponent + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// Where `Firmware/build` puts the objects and image for `board`: `.build-firmware/BOARD` in the repository.
    func outputDirectory(board: String) -> String {
        ((directory as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".build-firmware/\(board)")
    }
}
