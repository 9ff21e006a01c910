/// A trace hook that sees every wake, with its task slot and source, in the context that woke.
///
/// It runs inside interrupt handlers and on foreign threads, so the same rules bind it as an interrupt handler:
/// atomics and fixed storage only; no locks, no allocation.
@safe public struct WakeHook {
    // Safety (@safe): the trace that installs it keeps the context alive for the run, and the executor calls it only
    // inside the run.
    /// The C-callable body: `context` is ``context``; `source` is a ``WakeSource/rawValue``.
    public typealias Function = @convention(c) (_ context: UnsafeMutableRawPointer?, _ slot: Int, _ source: UInt32) -> Void

    /// Opaque state for ``function``, such as the address of a counter array.
    public let context: UnsafeMutableRawPointer?
    /// The body.
    public let function: Function

    /// A hook calling `function` with `context`.
    public init(context: UnsafeMutableRawPointer?, function: Function) {
        unsafe self.context = context
        unsafe self.function = function
    }
}

// Safety (Sendable): a C function that must be callable from any thread and handler (the contract above) and the
// context it is given back.
extension WakeHook: @unchecked Sendable {}
