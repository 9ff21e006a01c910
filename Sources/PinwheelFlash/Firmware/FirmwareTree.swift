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

    /// A firmware program kept outside the checkout: the folder `directory` (a `demo` file and Swift files, as a
    /// demo's folder), named after the folder in lower case.
    public static func program(at directory: String) throws(FirmwareError) -> FirmwareDemo {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notAProgram(path: directory, reason: "there is no such directory")
        }
        let path = (directory as NSString).appendingPathComponent("demo")
        let text: String
        do { text = try TextFile.read(folder + "/demo") } catch {
            throw .notAProgram(path: directory, reason: "it has no readable `demo` file (\(error.why))")
        }
        let sources = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".swift") }
        guard !sources.isEmpty else { throw .notAProgram(path: directory, reason: "it has no Swift files") }
        return try FirmwareDemo(name: (folder as NSString).lastPathComponent.lowercased(), text: text, path: path)
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
