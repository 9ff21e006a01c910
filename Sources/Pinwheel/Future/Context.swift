/// What a future is given when polled: its task's waker and the executor's time services.
///
/// A context is only valid during the poll it was passed to; keep the ``waker``, not the context.
public struct Context: @unchecked Sendable {
    /// The waker that makes the task being polled ready again.
    public let waker: Waker

    @usableFromInline let timers: UnsafeMutablePointer<TimerQueue>
    @usableFromInline let clock: ClockReader

    @inlinable init(waker: Waker, timers: UnsafeMutablePointer<TimerQueue>, clock: ClockReader) {
        self.waker = waker
        self.timers = timers
        self.clock = clock
    }

    /// The current instant from the executor's time driver.
    @inlinable public func now() -> Instant { clock.now() }

    /// Wakes this task at `deadline` or soon after. Each task holds at most one deadline in the timer queue, the
    /// earliest it asked for; a future whose own deadline is later asks again when it is polled.
    ///
    /// If the queue is full, the task is woken to ask again as soon as an entry leaves the queue, which is always
    /// before its deadline (see ``TimerQueue``); ``ExecutorStats/timerOverflows`` counts it.
    @inlinable public func wake(at deadline: Instant) {
        timers.pointee.schedule(slot: waker.slot, at: deadline)
    }
}
