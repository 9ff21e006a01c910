#if canImport(Glibc)
import Glibc
#endif
import PinwheelGPIO
import PinwheelText
import SystemPackage
import PinwheelLinux

/// The board files in one directory (`boards/` of the repository, or `PINWHEEL_BOARDS`), found by board name.
public struct BoardCatalog: Sendable {
    /// The directory holding `NAME.board` files.
    public let directory: String

    /// The board files in `directory`, which is not checked (``open(_:)`` checks it).
    public init(directory: String) {
        self.directory = directory
    }

    /// The board files in `directory`, which must be a directory this process can read.
    public static func open(_ directory: String) throws(BoardError) -> BoardCatalog {
        guard let stream = opendir(directory) else { throw .boardsDirectoryUnreadable(path: directory, errno: .current) }
        closedir(stream)
        return BoardCatalog(directory: directory)
    }

    /// Finds the boards directory: `$PINWHEEL_BOARDS` if set; otherwise `boards/` in the current directory or one
    /// of its parents, then beside the running executable or one of its parents (a SwiftPM build's products sit
    /// under the repository), and last the boards of the Pinwheel checkout the module was built from.
    public static func locate() throws(BoardError) -> BoardCatalog {
        if let configured = getenv("PINWHEEL_BOARDS") { return try open(String(cString: configured)) }
        var searched: [String] = []
        var starts: [String] = []
        if let cwd = getcwd(nil, 0) {
            starts.append(String(cString: cwd))
            free(cwd)
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        if length > 0 { starts.append(parent(of: String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))) }
        for start in starts {
            var directory = start
            while true {
                let candidate = directory == "/" ? "/boards" : directory + "/boards"
                if isDirectory(candidate) { return BoardCatalog(directory: candidate) }
                searched.append(candidate)
                if directory == "/" || directory.isEmpty { break }
                directory = parent(of: directory)
            }
        }
        // Last, the board files of the Pinwheel checkout this module was built from: a package that depends on
        // Pinwheel (by path, or from its repository into .build/checkouts) finds them with no setting.
        let shipped = parent(of: parent(of: parent(of: #filePath))) + "/boards"
        if isDirectory(shipped) { return BoardCatalog(directory: shipped) }
        searched.append(shipped)
        throw .noBoardsDirectory(searched: searched.count > 4 ? Array(searched.prefix(2)) + ["…"] : searched)
    }

    /// The names of the boards, sorted.
    public var boardNames: [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".board"), name.count > 6 { names.append(String(name.dropLast(6))) }
        }
        return names.sorted()
    }

    /// The path of board `name`'s file.
    public func path(of name: String) -> String { "\(directory)/\(name).board" }

    /// Loads and checks board `name`.
    public func load(_ name: String) throws(BoardError) -> BoardFile {
        let available = boardNames
        guard available.contains(name) else {
            throw .unknownBoard(name: name, available: available, directory: directory)
        }
        let path = path(of: name)
        let text = try Self.read(path)
        do {
            return try BoardFile.parse(text, path: path, expectedName: name)
        } catch {
            throw .invalidFile(error)
        }
    }

    /// Every board, in name order: each loaded, or the reason it could not be.
    public func loadAll() -> [(name: String, board: Result<BoardFile, BoardError>)] {
        boardNames.map { name in (name, Result { () throws(BoardError) in try load(name) }) }
    }

    static func read(_ path: String) throws(BoardError) -> String {
        do { return try TextFile.read(path) } catch { throw .unreadable(error) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
