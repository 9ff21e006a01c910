import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Why a demo could not be built for, or booted on, an emulated board: what, where, and how to fix it.
public enum FirmwareError: Error, CustomStringConvertible {
    /// No `Firmware/` tree (with its `build` script) was found.
    case noFirmwareTree(searched: [String])
    /// `--firmware DIR` names no firmware program's folder (one with a `demo` file and Swift files).
    case notAProgram(path: String, reason: String)
    /// A demo's `demo` file has a mistake.
    case demoFile(path: String, line: Int, String)
    /// No firmware demo has that name; `hosted` when it is one of the Linux demos.
    case unknownDemo(String, board: String, available: [String], hosted: Bool)
    /// A program the run needs is not installed.
    case toolMissing(String, package: String)
    /// `Firmware/build` failed with `status`; its messages were shown.
    case buildFailed(status: Int32)
    /// The linked image could not be read.
    case image(ELFError)
    /// QEMU could not be started.
    case launch(program: String, errno: Errno)

    /// The exit status: 69 for a missing program or package, 64 for bad input, 1 for anything else.
    public var exitCode: Int32 {
        switch self {
        case .toolMissing, .launch: 69
        case .buildFailed(let status): status == 69 || status == 64 ? status : 1
        case .noFirmwareTree, .notAProgram, .demoFile, .unknownDemo: 64
        case .image: 1
        }
    }

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .noFirmwareTree(let searched):
            "no Firmware/ directory with a build script found (looked in \(searched.joined(separator: ", "))): run "
                + "pinwheel from the repository, or set PINWHEEL_FIRMWARE to its Firmware directory"
        case .notAProgram(let path, let reason):
            "\(path) is not a firmware program's folder: \(reason); `pinwheel new --firmware NAME` makes one (the layout: "
                + "README.md, under Firmware programs of your own)"
        case .demoFile(let path, let line, let message):
            line > 0 ? "\(path):\(line): \(message)" : "cannot read \(path): \(message)"
        case .unknownDemo(let name, let board, let available, let hosted):
            (hosted ? "demo \"\(name)\" runs on Linux boards only (it is an async program, and the firmware has no "
                + "Swift concurrency runtime): " : "unknown demo \"\(name)\": ")
                + "the firmware demos for \(board) are \(available.joined(separator: ", ")) (see `pinwheel demos`)"
        case .toolMissing(let tool, let package):
            "\(tool) is not installed: apt-get install \(package)"
        case .buildFailed(let status):
            "building the firmware image failed (Firmware/build exited with status \(status); its messages are above)"
        case .image(let error):
            error.description
        case .launch(let program, let errno):
            "cannot start \(program): \(errno)"
        }
    }
}
