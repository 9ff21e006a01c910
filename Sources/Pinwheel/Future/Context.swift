/// What a future is given when polled: its task's waker and the executor's time services.
///
/// A context is only valid during the poll it was passed to; keep the ``waker``, not the context.
@safe public struct Context: @unchecked Sendable {
    // Safety (@safe): its pointers are into the executor, pinned for the run; a context is used only during its poll.
    // Safety (Sendable): a context is used only during its poll, on the executor's thread; its pointers are into the
    // executor, which is pinned for the run.
    /// The waker that makes the task being polled ready again.
    public let waker: Waker

    /// The executor slot a deadline wakes: the task's own, also for the children of a ``FutureGroup`` in it.
    @usableFromInline let timerSlot: Int
    @usableFromInline let timers: UnsafeMutablePointer<TimerQueue>
    @usableFromInline let clock: ClockReader
    /// For a child of a ``FutureGroup``: where it notes that it asked for a deadline. Nil for a task.
    @usableFromInline let relay: UnsafeMutablePointer<TimerRelay>?

    @inlinable init(
        waker: Waker, timerSlot: Int, timers: UnsafeMutablePointer<TimerQueue>, clock: ClockReader,
        relay: UnsafeMutablePointer<TimerRelay>? = nil
    ) {
        self.waker = waker
        self.timerSlot = timerSlot
        unsafe self.timers = timers
        self.clock = clock
        unsafe self.relay = relay
    }

    /// The current instant from the executor's time driver.
    @inlinable public func now() -> Instant { clock.now() }

    /// Wakes this task at `deadline` or soon after. Each task holds at most one deadline in the timer queue, the
    /// earliest it asked for; a future whose own deadline is later asks again when it is polled.
    ///
    /// If the queue is full, the task is woken to ask again as soon as an entry leaves the queue, which is always
    /// before its deadline (see ``TimerQueue``); ``ExecutorStats/timerOverflows`` counts it.
    @inlinable public func wake(at deadline: Instant) {
        unsafe relay?.pointee.note(child: waker.slot, at: deadline)
        unsafe timers.pointee.schedule(slot: timerSlot, at: deadline)
    }
}
