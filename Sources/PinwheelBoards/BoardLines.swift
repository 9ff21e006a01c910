import PinwheelGPIO
import PinwheelLinux

/// The lines a start requested from a board, by logical name. Dropping it, or ``release(from:)``, gives every
/// line back.
public final class BoardLines {
    /// The inputs, by logical name.
    public private(set) var inputs: [String: GPIOInput] = [:]
    /// The outputs, by logical name.
    public private(set) var outputs: [String: GPIOOutput] = [:]

    init() {}

    func add(_ name: String, input: GPIOInput) { inputs[name] = input }
    func add(_ name: String, output: GPIOOutput) { outputs[name] = output }

    /// Binds every input that detects edges to `platform` as an interrupt.
    public func bind(to platform: inout LinuxPlatform) throws(GPIOError) {
        for name in inputs.keys.sorted() { try inputs[name]!.bind(to: &platform) }
    }

    /// Unbinds the inputs from `platform` and gives every line back.
    public func release(from platform: inout LinuxPlatform) {
        for input in inputs.values { input.release(from: &platform) }
        release()
    }

    /// Gives every line back (unbind from a running platform first: ``release(from:)``).
    public func release() {
        for input in inputs.values { input.release() }
        for output in outputs.values { output.release() }
    }

    deinit { release() }
}
