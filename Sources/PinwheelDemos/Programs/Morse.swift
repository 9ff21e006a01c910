import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// Text blinked on the LED in Morse code, timed by the timer queue; the demo ends after the message.
public struct Morse: Program {
    static let message = "PINWHEEL"
    static let unit = Duration.milliseconds(100)
    static let codes: [Character: String] = [
        "A": ".-", "B": "-...", "C": "-.-.", "D": "-..", "E": ".", "F": "..-.", "G": "--.", "H": "....", "I": "..",
        "J": ".---", "K": "-.-", "L": ".-..", "M": "--", "N": "-.", "O": "---", "P": ".--.", "Q": "--.-", "R": ".-.",
        "S": "...", "T": "-", "U": "..-", "V": "...-", "W": ".--", "X": "-..-", "Y": "-.--", "Z": "--..",
        "0": "-----", "1": ".----", "2": "..---", "3": "...--", "4": "....-", "5": ".....", "6": "-....",
        "7": "--...", "8": "---..", "9": "----.",
    ]

    /// The name to flash it by.
    public static let name = "morse"
    /// What it shows.
    public static let summary = "\"\(message)\" blinked on LED in Morse code, then the demo ends"
    /// What to watch while it runs.
    public static let guide = "Watch LED: dot 1 unit (100 ms), dash 3, gap 1 inside a letter, 3 between letters, 7 between words."
    /// Its inputs on the simulated board.
    public static let stimulus = ""
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = nil

    let led = OutputLine("LED", purpose: "blinks the code")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("morse") { await Self.send(Self.message, $0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    /// The LED's schedule for `text`: (on, units) pairs.
    static func schedule(_ text: String) -> Schedule {
        var steps: [(Bool, UInt64, Character?)] = []
        for (index, word) in text.split(separator: " ").enumerated() {
            if index > 0 { steps.append((false, 7, nil)) }
            for (letterIndex, letter) in word.enumerated() {
                if letterIndex > 0 { steps.append((false, 3, nil)) }
                for (symbolIndex, symbol) in (codes[letter] ?? "").enumerated() {
                    if symbolIndex > 0 { steps.append((false, 1, nil)) }
                    steps.append((true, symbol == "." ? 1 : 3, symbolIndex == 0 ? letter : nil))
                }
            }
        }
        return Schedule(steps: steps)
    }

    /// The steps of a message, made before it is sent. Its own iterator: a `for step in schedule` reads the array by
    /// index, where an array's own iterator went through an unspecialised accessor that allocated per step in a
    /// debug build.
    struct Schedule: Sequence, IteratorProtocol {
        /// One step: the LED's level, for how many units, and the letter it begins.
        typealias Step = (on: Bool, units: UInt64, letter: Character?)
        private let steps: [Step]
        private var position = 0

        init(steps: [Step]) { self.steps = steps }

        /// How many steps.
        var count: Int { steps.count }

        /// Step `index`.
        subscript(index: Int) -> Step { steps[index] }

        /// The next step, or nil after the last.
        mutating func next() -> Step? {
            guard position < steps.count else { return nil }
            defer { position += 1 }
            return steps[position]
        }
    }

    /// Blinks `text`: each step's deadline on a grid from the start, so lateness never adds up.
    static func send(_ text: String, _ io: TaskEnvironment, _ program: Self) async {
        let led = program.led
        var deadline = Instant.now
        for step in schedule(text) {
            if let letter = step.letter { io.log("\(letter)  \(codes[letter]!)") }
            led.set(step.on)
            deadline = deadline + unit * step.units
            await Timer.at(deadline)
        }
        led.set(false)
        io.log("message sent: \(text)")
    }
}
