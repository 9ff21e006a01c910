import PinwheelLinux
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A file a run writes (the VCD): written to a temporary name beside its path and renamed onto the path only when
/// ``commit()`` finds every write succeeded, so a run that fails, or fails to write, leaves no file, or only the
/// one that was there before. A path that names something other than a regular file (a FIFO, `/dev/stdout`, a
/// device) is written in place, as renaming onto it would replace it.
///
/// Writes are buffered (stdio); the first error is kept and reported by ``commit()``, and later writes are skipped.
final class OutputFile {
    /// Why an output file could not be written.
    struct Failure: Error, Equatable {
        /// The path asked for.
        let path: String
        /// The system's error number.
        let errno: Errno
    }

    /// The path asked for.
    let path: String
    /// Where the bytes go until ``commit()``: a temporary file beside `path`, or nil when writing in place.
    private var temporary: String?
    private var file: UnsafeMutablePointer<FILE>?
    private var failure: Errno?

    /// Creates the temporary file beside `path` (or opens `path` itself, if it is not a regular file).
    init(path: String) throws(Failure) {
        self.path = path
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard let file = fopen(path, "we") else { throw Failure(path: path, errno: .current) }
            self.file = file
            return
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory).\(name).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(path: path, errno: .current) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkostemp creates 0600; a result file gets the usual 0666 less the umask, as fopen would give it.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        guard let file = fdopen(descriptor, "w") else {
            let error = Errno.current
            close(descriptor)
            unlink(temporary)
            throw Failure(path: path, errno: error)
        }
        self.temporary = temporary
        self.file = file
    }

    /// Appends `text`; after a failed write, does nothing (the failure waits for ``commit()``).
    func write(_ text: String) {
        guard failure == nil, let file else { return }
        if fputs(text, file) == EOF { failure = .current }
    }

    /// Flushes and closes the file, then renames it onto the path. Throws the first write error instead, after
    /// removing the temporary file.
    func commit() throws(Failure) {
        guard let file else { return }
        self.file = nil
        if failure == nil, fflush(file) != 0 { failure = .current }
        if failure == nil, ferror(file) != 0 { failure = .ioError }
        if fclose(file) != 0, failure == nil { failure = .current }
        if let temporary {
            self.temporary = nil
            if failure == nil, rename(temporary, path) != 0 { failure = .current }
            if failure != nil { unlink(temporary) }
        }
        if let failure { throw Failure(path: path, errno: failure) }
    }

    /// A file never committed is removed: the run failed before its end.
    deinit {
        if let file { fclose(file) }
        if let temporary { unlink(temporary) }
    }
}
