#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM while QEMU runs, turned into a byte on a pipe that the output loop polls: the handler only
/// writes the signal's number (async-signal-safe), and the loop stops QEMU and reports it. The previous handlers
/// come back with ``restore()``.
final class StopRequest {
    /// The end the output loop polls.
    let descriptor: Int32
    private var previous: [(Int32, sigaction)] = []

    init() {
        var ends: [Int32] = [0, 0]
        if pipe(&ends) != 0 { ends = [-1, -1] }
        for end in ends where end >= 0 {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        descriptor = ends[0]
        stopRequestWriteEnd = ends[1]
        for signo in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signo in
                var byte = UInt8(truncatingIfNeeded: signo)
                // Safety: write(2) is async-signal-safe; the descriptor was set before the handler was installed.
                _ = write(stopRequestWriteEnd, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signo, &action, &old)
            previous.append((signo, old))
        }
    }

    /// Puts back the handlers that were there before, and closes the pipe.
    func restore() {
        for (signo, var action) in previous { sigaction(signo, &action, nil) }
        previous.removeAll()
        close(descriptor)
        close(stopRequestWriteEnd)
    }
}

/// The pipe's write end, for the handler (a C function pointer cannot capture it).
nonisolated(unsafe) private var stopRequestWriteEnd: Int32 = -1
