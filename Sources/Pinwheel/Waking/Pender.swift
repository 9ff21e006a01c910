/// How a wake from another thread ends the executor's sleep, supplied by the platform's ``IdleHook``.
///
/// The core calls it at most once per sleep, after a ready bit was set while the executor had announced that it
/// sleeps. It must be callable from any thread and from a signal handler: async-signal-safe, no locks, no
/// allocation (a futex wake, an eventfd write, an SEV instruction).
@safe public struct Pender {
    // Safety (@safe): the platform that supplies it keeps the context alive for as long as its executor runs.
    /// The C-callable body: `target` is the executor's ``WakeTarget``, `context` is ``context``.
    public typealias Function = @convention(c) (_ target: UnsafeRawPointer, _ context: UnsafeMutableRawPointer?) -> Void

    /// Opaque state the platform needs (a file descriptor, a pointer), passed back to ``function``.
    public let context: UnsafeMutableRawPointer?
    /// The body.
    public let function: Function

    /// A pender calling `function` with `context`.
    public init(context: UnsafeMutableRawPointer? = nil, function: Function) {
        unsafe self.context = context
        unsafe self.function = function
    }
}

// Safety (Sendable): a C function that must be callable from any thread and handler (the contract above) and the
// context it is given back.
extension Pender: @unchecked Sendable {}
