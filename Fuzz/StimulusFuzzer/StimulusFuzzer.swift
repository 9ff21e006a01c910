import Pinwheel
import PinwheelGPIO
import PinwheelSimulation
import PinwheelText

/// The fuzzed function: any bytes as a stimulus file. The parser must return a stimulus or an error at a line and
/// column inside the text, never crash or hang; a stimulus it accepts is in time order and within its limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStimulus(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let stimulus = try Stimulus.parse(text, path: "fuzz.stim", horizon: .seconds(1), handled: ["USR1"])
        precondition(stimulus.steps.count <= Stimulus.stepLimit, "more steps than the limit")
        var previous = Duration.zero
        for step in stimulus.steps {
            precondition(step.offset >= previous, "steps out of time order")
            precondition(step.offset.nanoseconds <= 2 * Stimulus.timeLimit.nanoseconds, "a step past the time limit")
            previous = step.offset
            if case .raise(_, let name) = step.action { precondition(name == "USR1", "a signal the run does not handle") }
        }
        _ = stimulus.lines
    } catch {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        precondition(error.line >= 1 && error.line <= lines && error.column >= 1, "an error outside the text: \(error)")
        _ = error.description.shown
    }
    return 0
}
