import ArgumentParser
import Pinwheel
import PinwheelGPIO

/// A `--duration` value: a number and a unit, as in stimulus files (`3s`, `250ms`).
struct DurationArgument: ExpressibleByArgument {
    let duration: Pinwheel.Duration

    init?(argument: String) {
        guard let duration = Pinwheel.Duration(parsing: argument), duration > .zero else { return nil }
        self.duration = duration
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
