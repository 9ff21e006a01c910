import Pinwheel

extension Timer {
    /// Waits `duration` from now on the executor's clock; returns the deadline.
    @discardableResult
    public static func after(_ duration: Duration) async -> Instant {
        let timer: Timer = .after(duration)
        return await timer.value
    }

    /// Waits until `instant` on the executor's clock (at once if it has passed); returns the deadline.
    @discardableResult
    public static func at(_ instant: Instant) async -> Instant {
        let timer: Timer = .at(instant)
        return await timer.value
    }
}

extension Ticker: AsyncSequence, AsyncIteratorProtocol {
    /// One tick per period.
    public typealias Element = Tick
    /// A ticker never fails.
    public typealias Failure = Never

    /// Waits for the next deadline on the ticker's grid: `for await tick in ticker { … }`. Never nil.
    public mutating func next() async -> Tick? { await awaitReady(&self) }

    /// The ticker itself: iterating a copy leaves the original's grid where it was.
    public func makeAsyncIterator() -> Ticker { self }
}
