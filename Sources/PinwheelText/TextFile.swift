import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Reads the text files a user hands to Pinwheel (board files, stimulus files): a regular file of at most
/// ``sizeLimit`` bytes, read with a bounded buffer, with `\r\n` line ends taken as `\n`.
///
/// A path that is not a regular file (a FIFO, a device such as `/dev/zero`, a directory) is refused before anything
/// is read, so nothing can make a read block forever or run without end; `/dev/null` reads as the empty file.
public enum TextFile {
    /// The largest file read: 64 MiB, room for a stimulus of a million lines.
    public static let sizeLimit = 64 << 20

    /// A file that could not be read: its path and why.
    public struct ReadError: Error, Equatable, CustomStringConvertible {
        /// Why a file could not be read.
        public enum Reason: Equatable, Sendable {
            /// A system call failed with this `errno` (no such file, no permission, …).
            case system(errno: Errno)
            /// The path names something other than a regular file: what it is ("a FIFO", "a character device", …).
            case notRegularFile(kind: String)
            /// The file is larger than ``TextFile/sizeLimit``.
            case tooLarge(bytes: Int)
        }

        /// The path.
        public let path: String
        /// Why.
        public let reason: Reason

        /// Why, in words, without the path: the system's message, or what the path is and what to give instead.
        public var why: String {
            switch reason {
            case .system(let errno): errno.description
            case .notRegularFile(let kind): "it is \(kind), not a regular file; give the path of a text file"
            case .tooLarge(let bytes):
                "it has \(bytes) bytes, more than the limit of \(TextFile.sizeLimit >> 20) MiB for a board or stimulus file"
            }
        }

        /// The path and why.
        public var description: String { "\(path): \(why)" }
    }

    /// The file's contents as UTF-8 (invalid bytes become U+FFFD), with `\r\n` taken as `\n`.
    public static func read(_ path: String) throws(ReadError) -> String {
        // Non-blocking, so that opening a FIFO with no writer returns at once; the type check below refuses it.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: .system(errno: Errno(rawValue: errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(path: path, reason: .system(errno: Errno(rawValue: errno))) }
        // /dev/null (by its device number, whatever the path) is the empty file: `--stimulus /dev/null` means none.
        if status.st_mode & S_IFMT == S_IFCHR, status.st_rdev == nullDevice { return "" }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw ReadError(path: path, reason: .notRegularFile(kind: kind(of: status.st_mode)))
        }
        guard Int(status.st_size) <= sizeLimit else { throw ReadError(path: path, reason: .tooLarge(bytes: Int(status.st_size))) }
        // Read at most one byte past the limit: a file that grew since fstat is refused too, never read without end.
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + total, min(buffer.count - total, 1 << 20))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: .system(errno: Errno(rawValue: errno)))
            }
            if count == 0 { break }
            total += count
            if total == bytes.count, total <= sizeLimit {
                bytes.append(contentsOf: repeatElement(0, count: min(1 << 20, sizeLimit + 1 - total)))
            }
        }
        guard total <= sizeLimit else { throw ReadError(path: path, reason: .tooLarge(bytes: total)) }
        let text = String(decoding: bytes[..<total], as: UTF8.self)
        return text.contains("\r\n") ? text.replacing("\r\n", with: "\n") : text
    }

    /// /dev/null's device number on Linux: major 1, minor 3, in glibc's encoding (makedev: minor's low byte, then
    /// major's low 12 bits from bit 8; both numbers are small).
    static let nullDevice: UInt = 1 << 8 | 3

    /// What a file mode names, for a message.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a directory"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
