import Pinwheel
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
    /// Plays the presses: the run's one stimulus player.
    let player: StimulusTask
    let level: (String) -> Bool
    let stop: (StopReason) -> Void
    private var decoder = KeyDecoder()

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

    /// Keys bound by `bindings`, pressed through `player`; `level` reads an input's level, `stop` ends the run.
    init(
        bindings: [Binding], log: ProgramLog, player: StimulusTask, level: @escaping (String) -> Bool,
        stop: @escaping (StopReason) -> Void
    ) {
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: Buffer())
        self.bindings = bindings
        self.log = log
        self.player = player
        self.level = level
        self.stop = stop
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
        // Safety: the context is the keyboard's buffer, which outlives the binding (released before the keyboard).
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
            guard let byte = decoder.key(after: buffer.pointee.bytes[index]) else { continue }
            let key = Character(Unicode.Scalar(byte))
            if key == "q" {
                log.log(.info, name, "q: quitting")
                stop(.quit)
                return .ready(())
            }
            if let press = press(key) { player.play(press, at: now) }
        }
        decoder.endOfRead()
        buffer.pointee.count = 0
        if buffer.pointee.ended {
            log.log(.info, name, "standard input ended: quitting")
            stop(.endOfInput)
            return .ready(())
        }
        return .pending
    }

    /// What `key` does, as steps from now, logged: a press (or a bouncing flip, for a debounced input) for its
    /// letter; for the shifted letter, the button held down or let go (a terminal reports no key releases).
    private func press(_ key: Character) -> Stimulus? {
        var stimulus = Stimulus()
        if let binding = bindings.first(where: { $0.key == key }) {
            if binding.bounces {
                let target = !level(binding.name)
                stimulus.bounce(binding.name, to: target, at: .zero, bounces: 3, spacing: .microseconds(500))
                log.log(.info, name, "\(key): \(binding.name) flips \(target ? "high" : "low"), bouncing")
            } else {
                stimulus.press(binding.name, at: .zero, for: .milliseconds(150))
                log.log(.info, name, "\(key): \(binding.name) pressed for 150 ms")
            }
        } else if let binding = bindings.first(where: { !$0.bounces && $0.key.uppercased() == String(key) }) {
            let target = !level(binding.name)
            stimulus.set(binding.name, high: target, at: .zero)
            log.log(.info, name, "\(key): \(binding.name) \(target ? "held down" : "let go")")
        } else {
            return nil
        }
        return stimulus
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
