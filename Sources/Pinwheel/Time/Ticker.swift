/// A periodic gate: ready once per period, on a fixed grid of deadlines that never drifts.
///
/// Deadline *k* is `origin + k × period`, computed from the origin, never from when the task happened to run,
/// so lateness never accumulates. If the task was so late that whole periods passed, the next poll is ready at
/// once and ``Tick/missed`` says how many deadlines were skipped; the grid resumes at the first deadline still
/// in the future (like lilos' `PeriodicGate`). A ticker is a reusable future: poll it again after each tick.
public struct Ticker: Future, Sendable {
    /// The distance between deadlines.
    public let period: Duration

    @usableFromInline var next: Instant?

    /// A ticker whose first deadline is one period after its first poll.
    @inlinable public init(every period: Duration) {
        precondition(period > .zero, "a ticker's period must be longer than zero")
        self.period = period
    }

    /// A ticker whose first deadline is `first`.
    @inlinable public init(every period: Duration, startingAt first: Instant) {
        self.init(every: period)
        next = first
    }

    /// The next deadline, once known.
    @inlinable public var nextDeadline: Instant? { next }

    /// Ready when the next deadline has passed, with that deadline and the number of deadlines skipped.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Tick> {
        let now = context.now()
        let due = next ?? now + period
        guard now >= due else {
            next = due
            context.wake(at: due)
            return .pending
        }
        let missed = (now - due) / period
        next = due + period * (missed + 1)
        return .ready(Tick(deadline: due, missed: missed))
    }
}

/// One period of a ``Ticker``.
public struct Tick: Equatable, Sendable {
    /// The deadline this tick is for: on the ticker's grid, whatever time it is now.
    public let deadline: Instant
    /// How many later deadlines had also passed and were skipped; zero when the task keeps up.
    public let missed: UInt64

    /// A tick for `deadline` having skipped `missed` later ones.
    @inlinable public init(deadline: Instant, missed: UInt64) {
        self.deadline = deadline
        self.missed = missed
    }
}
