/// Runs `body` with every interrupt signal blocked on this thread, like cortex-m's `interrupt::free`: no
/// interrupt handler runs on this thread until `body` returns; one that arrives meanwhile runs right after.
///
/// Nests safely: the inner call restores the mask the outer one set, so interrupts stay masked until the
/// outermost body returns. Handlers may still run on other threads that have not blocked the signals; code
/// shared with handlers uses atomics regardless.
@inline(__always)
public func interruptFree<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
    let saved = InterruptMask.block()
    defer { InterruptMask.restore(saved) }
    return try body()
}
