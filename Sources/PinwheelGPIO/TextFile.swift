#if canImport(Glibc)
import Glibc
#endif

/// Reads the text files a user hands to Pinwheel (board files, stimulus files), keeping the `errno` of a failure
/// so that the caller's error can say why.
public enum TextFile {
    /// A file that could not be read: its path and the system's reason.
    public struct ReadError: Error, Equatable {
        /// The path.
        public let path: String
        /// The `errno` of the failing call.
        public let errno: Int32
    }

    /// The file's contents as UTF-8 (invalid bytes become U+FFFD).
    public static func read(_ path: String) throws(ReadError) -> String {
        guard let file = fopen(path, "r") else { throw ReadError(path: path, errno: errno) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes.append(contentsOf: chunk[..<count])
            if count < chunk.count { break }
        }
        if ferror(file) != 0 { throw ReadError(path: path, errno: errno) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
