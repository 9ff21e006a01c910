import Foundation
import PinwheelHost
import PinwheelLinux
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// QEMU booting a firmware image: started in its own process group (so the terminal's Ctrl-C reaches pinwheel,
/// which stops QEMU and reports it, rather than QEMU alone), its UART output read line by line, its exit status
/// the firmware's (semihosting).
final class QEMUProcess {
    /// Where QEMU's UART input comes from.
    enum Input {
        /// Nothing: the UART receives nothing.
        case none
        /// A pipe pinwheel writes to (the keys of an interactive run): see ``send(_:)``.
        case pipe
    }

    /// How the run ended.
    enum Ending: Equatable {
        /// The firmware ended the run with this status (QEMU's own exit status when it failed to start the board).
        case exited(Int32)
        /// QEMU died of this signal.
        case killed(Int32)
        /// pinwheel stopped it: the duration passed, or a signal or Ctrl-C asked it to stop (the signal's number).
        case stopped(signal: Int32?)
    }

    let pid: pid_t
    private let output: Int32
    private let input: Int32?

    /// Starts `arguments` (the program first, found on PATH).
    init(_ arguments: [String], input: Input) throws(FirmwareError) {
        var outputPipe: [Int32] = [0, 0]
        var inputPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { throw .launch(program: arguments[0], errno: .current) }
        if case .pipe = input, pipe(&inputPipe) != 0 {
            close(outputPipe[0]); close(outputPipe[1])
            throw .launch(program: arguments[0], errno: .current)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch input {
        case .none: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .pipe: posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        // The child keeps only 0, 1 and 2: the pipes' other ends are closed in it.
        for fd in [outputPipe[0], outputPipe[1], inputPipe[0], inputPipe[1]] where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signo in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signo) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(outputPipe[1])
        if inputPipe[0] >= 0 { close(inputPipe[0]) }
        guard status == 0 else {
            close(outputPipe[0])
            if inputPipe[1] >= 0 { close(inputPipe[1]) }
            throw .launch(program: arguments[0], errno: Errno(rawValue: status))
        }
        self.pid = pid
        self.output = outputPipe[0]
        self.input = inputPipe[1] >= 0 ? inputPipe[1] : nil
    }

    deinit {
        close(output)
        if let input { close(input) }
    }

    /// Hands `bytes` to the UART (an interactive run's keys).
    func send(_ bytes: [UInt8]) {
        guard let input else { return }
        _ = bytes.withUnsafeBufferPointer { write(input, $0.baseAddress, $0.count) }
    }

    /// Reads QEMU's UART output and hands each line (without its line ending) to `line`, until QEMU ends, `deadline`
    /// (CLOCK_MONOTONIC nanoseconds) passes, or `stopRequest` becomes readable (a byte there is the signal that asks
    /// to stop). With `keys`, bytes readable on that descriptor are passed to `key`, which says whether to stop.
    func stream(
        deadline: UInt64?, stopRequest: Int32, keys: Int32? = nil, key: (UInt8) -> Bool = { _ in false },
        line: (String) -> Void
    ) -> Ending {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        func flush(all: Bool) {
            while let end = pending.firstIndex(of: 0x0A) {
                line(Self.text(pending[..<end]))
                pending.removeSubrange(...end)
            }
            if all, !pending.isEmpty {
                line(Self.text(pending[...]))
                pending.removeAll()
            }
        }
        var stopSignal: Int32? = nil
        var stopped = false
        while !stopped {
            var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: stopRequest, events: Int16(POLLIN), revents: 0)]
            if let keys { fds.append(pollfd(fd: keys, events: Int16(POLLIN), revents: 0)) }
            var timeout: Int32 = -1
            if let deadline {
                let now = MonotonicClock.nanoseconds()
                if now >= deadline { stopped = true; break }
                timeout = Int32(min((deadline - now) / 1_000_000 + 1, 60_000))
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0, errno == EINTR { continue }
            if fds[1].revents & Int16(POLLIN) != 0 {
                var signo: UInt8 = 0
                _ = read(stopRequest, &signo, 1)
                stopSignal = Int32(signo)
                stopped = true
            }
            if fds.count > 2, fds[2].revents & Int16(POLLIN | POLLHUP) != 0 {
                let count = read(fds[2].fd, &buffer, buffer.count)
                if count > 0 {
                    for byte in buffer[..<count] where key(byte) { stopped = true; stopSignal = SIGINT }
                }
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                let count = read(output, &buffer, buffer.count)
                if count <= 0 { break }  // QEMU closed its output: it is ending
                pending += buffer[..<count]
                flush(all: false)
            }
        }
        if stopped {
            kill(pid, SIGTERM)
            // Whatever it printed before it stopped is still shown.
            var count = 0
            repeat {
                count = read(output, &buffer, buffer.count)
                if count > 0 { pending += buffer[..<count] }
            } while count > 0
        }
        flush(all: true)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if stopped { return .stopped(signal: stopSignal) }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, written out: Glibc's macros do not import into Swift.
        if status & 0x7F == 0 { return .exited((status >> 8) & 0xFF) }
        return .killed(status & 0x7F)
    }

    /// A line of UART output as text: invalid UTF-8 repaired, the carriage return of CR LF dropped.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var bytes = bytes
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
