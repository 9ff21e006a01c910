import Pinwheel
import PinwheelGPIO
import PinwheelText
#if canImport(Glibc)
import Glibc
#endif

extension Stimulus {
    /// Parses a stimulus file: one statement per line, `#` starts a comment. Times are a number and a unit
    /// (`ns`, `us`, `ms`, `s`); `NAME` is a line's logical name on the board.
    ///
    /// ```
    /// at 120ms press BUTTON for 40ms               # high at 120 ms, low at 160 ms
    /// at 1s set SWITCH high                         # or low
    /// at 1.5s signal USR1                           # kill -USR1 to this process
    /// at 2s bounce SWITCH to high 4 times every 200us
    /// every 250ms pulse SENSOR for 5ms from 100ms until 2s
    /// every 1s pulse SENSOR 3 times                 # a count instead of `until`
    /// ```
    ///
    /// A pulse train with neither `until` nor a count runs to `horizon`. `handled` names the signals the run handles
    /// (`USR1`; nil: any): a `signal` statement naming another is refused, as a signal nobody handles would end the
    /// run. Every mistake is reported at its line and column, with what was expected there.
    ///
    /// Limits, checked here so that no file can make a run without end: every time and duration is at most
    /// ``timeLimit`` (366 days), and so is the last change of a pulse train or a bounce; the whole stimulus expands
    /// to at most ``stepLimit`` steps (the statement that would pass it is named). The lines may come in any
    /// order; sorting them costs O(n log n).
    public static func parse(
        _ text: String, path: String, horizon: Duration, handled: [String]? = nil
    ) throws(StimulusError) -> Stimulus {
        var stimulus = Stimulus(settlingLater: ())
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var words = StimulusWords(raw.prefix(while: { $0 != "#" }), path: path, line: index + 1)
            guard let first = words.next() else { continue }
            switch first.text {
            case "at": try statementAt(&words, into: &stimulus, handled: handled)
            case "every": try statementEvery(&words, into: &stimulus, horizon: horizon)
            default: throw words.error(at: first, "expected `at TIME …` or `every PERIOD pulse …`, found `\(first.text)`")
            }
            if let extra = words.next() { throw words.error(at: extra, "unexpected `\(extra.text)` at the end of the statement") }
        }
        stimulus.settle()
        return stimulus
    }

    /// The signals a stimulus can send (and a demo can wait for), by the name `kill -NAME` takes.
    public static let signals: [(name: String, number: Int32)] = [("USR1", SIGUSR1), ("USR2", SIGUSR2), ("HUP", SIGHUP)]

    private static func statementAt(
        _ words: inout StimulusWords, into stimulus: inout Stimulus, handled: [String]?
    ) throws(StimulusError) {
        let time = try words.duration("a time after `at`, such as 120ms")
        let verb = try words.expectWord("press, set, bounce or signal")
        switch verb.text {
        case "press":
            let name = try words.name()
            try words.keyword("for")
            let length = try words.duration("how long the press lasts, such as 40ms")
            try words.makeRoom(for: 2, in: stimulus, at: verb)
            stimulus.press(name, at: time, for: length)
        case "set":
            let name = try words.name()
            let level = try words.level()
            try words.makeRoom(for: 1, in: stimulus, at: verb)
            stimulus.set(name, high: level, at: time)
        case "bounce":
            let name = try words.name()
            try words.keyword("to")
            let level = try words.level()
            var bounces = 3
            var spacing = Duration.microseconds(200)
            var countWord = verb
            var spacingWord = verb
            if let word = words.peek, word.text != "every" {
                countWord = word
                spacingWord = word
                bounces = try words.count()
            }
            if let word = words.peek, word.text == "every" {
                _ = words.next()
                spacingWord = words.peek ?? word
                spacing = try words.duration("the time between bounces, such as 200us")
            }
            // Each bounce is two changes, then the settling one; it settles 2 × bounces × spacing after `time`.
            let changes = bounces.multipliedReportingOverflow(by: 2)
            try words.makeRoom(for: (changes.partialValue &+ 1, changes.overflow || bounces == .max / 2), in: stimulus, at: countWord)
            try words.checkLast(time, plus: spacing, times: 2 * bounces, at: spacingWord, what: "the switch would settle")
            stimulus.bounce(name, to: level, at: time, bounces: bounces, spacing: spacing)
        case "signal":
            let word = try words.expectWord("a signal name such as USR1")
            let bare = word.text.hasPrefix("SIG") ? word.text.dropFirst(3) : word.text
            guard let (name, number) = signals.first(where: { $0.name == bare }) else {
                throw words.error(at: word, "expected a signal a demo can wait for (USR1, USR2 or HUP), found `\(word.text)`")
            }
            if let handled, !handled.contains(name) {
                let which = handled.isEmpty
                    ? "this run handles no signal"
                    : "this run handles only \(handled.map { "SIG" + $0 }.joined(separator: ", "))"
                throw words.error(at: word, "SIG\(name) is not handled: \(which), and a signal nobody handles would "
                    + "end the run; send one it handles, or remove the statement")
            }
            try words.makeRoom(for: 1, in: stimulus, at: verb)
            stimulus.raise(number, name: name, at: time)
        default:
            throw words.error(at: verb, "expected press, set, bounce or signal after the time, found `\(verb.text)`")
        }
    }

    private static func statementEvery(
        _ words: inout StimulusWords, into stimulus: inout Stimulus, horizon: Duration
    ) throws(StimulusError) {
        let periodWord = words.peek
        let period = try words.duration("a period after `every`, such as 250ms")
        try words.keyword("pulse")
        let name = try words.name()
        var width = Duration(nanoseconds: period.nanoseconds / 2)
        var start = Duration.zero
        var end = horizon
        var count: Int?
        var countWord: StimulusWords.Word?
        while let option = words.peek {
            switch option.text {
            case "for": _ = words.next(); width = try words.duration("the pulse width, such as 5ms")
            case "from": _ = words.next(); start = try words.duration("when the first pulse starts, such as 100ms")
            case "until": _ = words.next(); end = try words.duration("when the pulses stop, such as 2s")
            default:
                countWord = option
                count = try words.count()
            }
        }
        guard width < period else {
            throw words.error(at: periodWord!, "the pulse width must be shorter than the period")
        }
        // The count, or the pulses that start before `end` (at most one past it is tried below, so this bounds it).
        let pulses = count ?? (end > start ? Int((end - start).nanoseconds / period.nanoseconds) + 1 : 0)
        let limitWord = countWord ?? periodWord!
        try words.makeRoom(for: pulses.multipliedReportingOverflow(by: 2), in: stimulus, at: limitWord)
        if pulses > 0 {
            try words.checkLast(start, plus: period, times: pulses - 1, at: limitWord, what: "the last pulse would start")
        }
        var emitted = 0
        while emitted < pulses, count != nil || start + period * UInt64(emitted) < end {
            stimulus.press(name, at: start + period * UInt64(emitted), for: width)
            emitted += 1
        }
    }
}

/// The words of one stimulus line, with their columns.
struct StimulusWords {
    struct Word {
        let text: Substring
        let column: Int
    }

    let path: String
    let line: Int
    private var words: [Word] = []
    private var position = 0
    private var endColumn: Int

    init(_ text: Substring, path: String, line: Int) {
        self.path = path
        self.line = line
        var column = 1
        var current: Substring.Index?
        var start = 1
        for index in text.indices {
            let isSpace = text[index] == " " || text[index] == "\t" || text[index] == "\r"
            if isSpace, let begin = current {
                words.append(Word(text: text[begin..<index], column: start))
                current = nil
            } else if !isSpace, current == nil {
                current = index
                start = column
            }
            column += 1
        }
        if let begin = current { words.append(Word(text: text[begin...], column: start)) }
        endColumn = column
    }

    var peek: Word? { position < words.count ? words[position] : nil }

    mutating func next() -> Word? {
        defer { position += 1 }
        return peek
    }

    func error(at word: Word, _ message: String) -> StimulusError {
        StimulusError(path: path, line: line, column: word.column, message: message)
    }

    func errorAtEnd(_ message: String) -> StimulusError {
        StimulusError(path: path, line: line, column: endColumn, message: message)
    }

    mutating func expectWord(_ what: String) throws(StimulusError) -> Word {
        guard let word = next() else { throw errorAtEnd("expected \(what) here, but the line ends") }
        return word
    }

    mutating func keyword(_ keyword: String) throws(StimulusError) {
        let word = try expectWord("`\(keyword)`")
        guard word.text == keyword else { throw error(at: word, "expected `\(keyword)`, found `\(word.text)`") }
    }

    mutating func name() throws(StimulusError) -> String {
        let word = try expectWord("a line name such as BUTTON")
        guard let first = word.text.first, first.isLetter || first == "_",
              word.text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else { throw error(at: word, "expected a line name (letters, digits, _), found `\(word.text)`") }
        return String(word.text)
    }

    mutating func level() throws(StimulusError) -> Bool {
        let word = try expectWord("high or low")
        switch word.text {
        case "high": return true
        case "low": return false
        default: throw error(at: word, "expected high or low, found `\(word.text)`")
        }
    }

    mutating func count() throws(StimulusError) -> Int {
        let number = try expectWord("a count such as `3 times`")
        guard let count = Int(number.text), count > 0 else {
            throw error(at: number, "expected a count (a whole number above 0) followed by `times`, found `\(number.text)`")
        }
        try keyword("times")
        return count
    }

    /// A number and a unit: 120ms, 1.5s, 200us, 50ns; at most ``Stimulus/timeLimit``.
    mutating func duration(_ what: String) throws(StimulusError) -> Duration {
        let word = try expectWord(what)
        guard let duration = Duration(parsing: word.text) else {
            throw error(at: word, "expected \(what) (a number and a unit: ns, us, ms or s), found `\(word.text)`")
        }
        guard duration <= Stimulus.timeLimit else {
            throw error(at: word, "`\(word.text)` is longer than a stimulus allows: times and durations go up to "
                + "\(Stimulus.timeLimit.nanoseconds / 1_000_000_000)s (366 days)")
        }
        return duration
    }

    /// Refuses a statement that would take `stimulus` past ``Stimulus/stepLimit`` steps, at `word`. `steps` with an
    /// overflow flag: what a count times a step count gives.
    func makeRoom(
        for steps: (partialValue: Int, overflow: Bool), in stimulus: Stimulus, at word: Word
    ) throws(StimulusError) {
        let (total, overflow) = stimulus.steps.count.addingReportingOverflow(steps.partialValue)
        guard steps.overflow || overflow || total > Stimulus.stepLimit else { return }
        let adds = steps.overflow ? "more than \(Int.max)" : "\(steps.partialValue)"
        throw error(at: word, "this statement adds \(adds) steps, which takes the stimulus past its limit of "
            + "\(Stimulus.stepLimit) steps (it has \(stimulus.steps.count) before it); use a longer period, "
            + "fewer times, or `until`")
    }

    /// ``makeRoom(for:in:at:)`` for a step count that cannot overflow.
    func makeRoom(for steps: Int, in stimulus: Stimulus, at word: Word) throws(StimulusError) {
        try makeRoom(for: (steps, false), in: stimulus, at: word)
    }

    /// Refuses a repetition whose last change, `start + step × times`, lies past ``Stimulus/timeLimit``, at `word`.
    func checkLast(_ start: Duration, plus step: Duration, times: Int, at word: Word, what: String) throws(StimulusError) {
        let (span, overflow) = step.nanoseconds.multipliedReportingOverflow(by: UInt64(times))
        guard overflow || span > Stimulus.timeLimit.nanoseconds - min(start.nanoseconds, Stimulus.timeLimit.nanoseconds)
        else { return }
        throw error(at: word, "\(what) after the stimulus's time limit of \(Stimulus.timeLimit.nanoseconds / 1_000_000_000)s "
            + "(366 days); use fewer times or a shorter period")
    }
}

extension Duration {
    /// A duration written as a number and a unit, as stimulus files and `--duration` take it: `120ms`, `1.5s`,
    /// `200us` (or `µs`), `50ns`. Nil if the text is not one.
    public init?(parsing text: some StringProtocol) {
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            let number = text.dropLast(unit.count)
            guard let value = Double(number), value >= 0, value.isFinite, value * scale < 1.8e19 else { return nil }
            self.init(nanoseconds: UInt64((value * scale).rounded()))
            return
        }
        return nil
    }
}
