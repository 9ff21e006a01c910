import Pinwheel
import PinwheelDemos
import PinwheelProgram
import PinwheelGPIO
import PinwheelLinux
import PinwheelSimulation
#if canImport(Glibc)
import Glibc
#endif

/// Interactive mode's input: standard input bound as an interrupt. Its handler reads the keys into fixed storage
/// and wakes the keyboard task, which turns them into presses on the simulated board's inputs.
final class Keyboard {
    /// What the handler fills: bytes read from the terminal, and keys that did not fit (counted, never lost
    /// silently). Touched by the handler and the task, both on the executor's thread.
    struct Buffer: ~Copyable {
        static let capacity = 64
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: Buffer.capacity)
        var count = 0
        var overflowed: UInt64 = 0
        var ended = false
        let waiter = WakerCell()
    }

    /// One key's effect.
    struct Binding {
        let key: Character
        let name: String
        let bounces: Bool
    }

    let name = "keys"
    let buffer: UnsafeMutablePointer<Buffer>
    let bindings: [Binding]
    let log: ProgramLog
    let drive: (String, Bool, Instant) throws(GPIOError) -> Void
    let level: (String) -> Bool
    let stop: (StopReason) -> Void
    let afterStep: (Instant) -> Void
    private var pending: [(time: Instant, name: String, high: Bool)] = []

    /// Keys for `inputs` (name, debounced): the first free letter of each name.
    static func bindings(for inputs: [(name: String, debounced: Bool)]) -> [Binding] {
        var used: Set<Character> = ["q"]
        var result: [Binding] = []
        for input in inputs {
            guard let key = input.name.lowercased().first(where: { $0.isLetter && !used.contains($0) }) else { continue }
            used.insert(key)
            result.append(Binding(key: key, name: input.name, bounces: input.debounced))
        }
        return result
    }

    init(
        bindings: [Binding], log: ProgramLog, drive: @escaping (String, Bool, Instant) throws(GPIOError) -> Void,
        level: @escaping (String) -> Bool, stop: @escaping (StopReason) -> Void, afterStep: @escaping (Instant) -> Void
    ) {
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: Buffer())
        self.bindings = bindings
        self.log = log
        self.drive = drive
        self.level = level
        self.stop = stop
        self.afterStep = afterStep
    }

    deinit {
        buffer.pointee.bytes.deallocate()
        buffer.deinitialize(count: 1)
        buffer.deallocate()
    }

    /// The legend shown in the status line.
    var legend: String {
        (bindings.map { binding in
            binding.bounces ? "\(binding.key) flips \(binding.name)"
                : "\(binding.key) presses \(binding.name) (\(binding.key.uppercased()) holds)"
        } + ["q quits"]).joined(separator: ", ")
    }

    /// The handler bound to standard input: read, store, wake.
    static let handler: LinuxPlatform.DescriptorHandler = { fd, context in
        let buffer = context!.assumingMemoryBound(to: Buffer.self)
        let room = Buffer.capacity - buffer.pointee.count
        if room == 0 {
            var scratch: (UInt64, UInt64) = (0, 0)
            let lost = read(fd, &scratch, 16)
            if lost > 0 { buffer.pointee.overflowed &+= UInt64(lost) }
        } else {
            let got = read(fd, buffer.pointee.bytes + buffer.pointee.count, room)
            if got > 0 { buffer.pointee.count += got } else if got == 0 { buffer.pointee.ended = true }
        }
        _ = buffer.pointee.waiter.wake()
    }

    func poll(_ context: Context) -> Poll<Void> {
        buffer.pointee.waiter.register(context.waker)
        let now = context.now()
        if buffer.pointee.overflowed > 0 {
            log.log(.warn, name, "\(buffer.pointee.overflowed) key(s) arrived faster than the task could take them and were dropped")
            buffer.pointee.overflowed = 0
        }
        for index in 0..<buffer.pointee.count {
            let key = Character(Unicode.Scalar(buffer.pointee.bytes[index]))
            if key == "q" {
                log.log(.info, name, "q: quitting")
                stop(.quit)
                return .ready(())
            }
            if let binding = bindings.first(where: { $0.key == key }) {
                schedule(binding, at: now)
            } else if let binding = bindings.first(where: { !$0.bounces && $0.key.uppercased() == String(key) }) {
                // A terminal reports no key releases: the shifted key holds the button down until pressed again.
                let target = !level(binding.name)
                log.log(.info, name, "\(key): \(binding.name) \(target ? "held down" : "let go")")
                pending.append((now, binding.name, target))
                pending.sort { $0.time < $1.time }
            }
        }
        buffer.pointee.count = 0
        if buffer.pointee.ended {
            log.log(.info, name, "standard input ended: quitting")
            stop(.endOfInput)
            return .ready(())
        }
        var drove = false
        while let first = pending.first, first.time <= now {
            pending.removeFirst()
            do { try drive(first.name, first.high, now) } catch {
                log.log(.error, name, "could not drive \(first.name): \(error)")
            }
            drove = true
        }
        if drove { afterStep(now) }
        if let next = pending.first { context.wake(at: next.time) }
        return .pending
    }

    private func schedule(_ binding: Binding, at now: Instant) {
        var stimulus = Stimulus()
        if binding.bounces {
            let target = !level(binding.name)
            stimulus.bounce(binding.name, to: target, at: .zero, bounces: 3, spacing: .microseconds(500))
            log.log(.info, name, "\(binding.key): \(binding.name) flips \(target ? "high" : "low"), bouncing")
        } else {
            stimulus.press(binding.name, at: .zero, for: .milliseconds(150))
            log.log(.info, name, "\(binding.key): \(binding.name) pressed for 150 ms")
        }
        for step in stimulus.steps {
            guard case .drive(let line, let high) = step.action else { continue }
            pending.append((now + step.offset, line, high))
        }
        pending.sort { $0.time < $1.time }
    }
}

/// The terminal in the mode interactive mode needs: keys arrive one at a time, unechoed; Ctrl-C still sends
/// SIGINT. Restored when released.
final class TerminalMode {
    private var saved = termios()
    private var active = false

    init() throws(FlashError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else {
            throw .interactiveNeedsTerminal
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        active = true
    }

    func restore() {
        guard active else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        active = false
    }

    deinit { restore() }
}
