import Pinwheel

extension Notify {
    /// Waits for the next notification after this call.
    public func notified() async {
        let future: Notified<words> = notified()
        await future.value
    }
}

extension Signal {
    /// Waits for the next value (or takes the one waiting).
    public func next() async -> Value {
        let future: SignalFuture<Value> = next()
        return await future.value
    }
}
