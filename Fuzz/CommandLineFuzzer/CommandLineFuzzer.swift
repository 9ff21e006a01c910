import ArgumentParser
import PinwheelCommands

/// The fuzzed function: the bytes, split at NUL, as `pinwheel`'s arguments. Parsing (and validating) must give a
/// command or an error with a message, never crash or hang. Nothing is run: flashing is the other tests' job.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    do {
        _ = try PinwheelCommand.parseAsRoot(arguments)
    } catch {
        let message = PinwheelCommand.fullMessage(for: error)
        _ = PinwheelCommand.exitCode(for: error)
        precondition(!message.isEmpty || PinwheelCommand.exitCode(for: error) == .success, "an error without a message")
    }
    return 0
}
