/// A future that finishes at a deadline: ``after(_:)`` a duration from its first poll, or ``at(_:)`` an instant.
///
/// A deadline already past finishes on the first poll without touching the timer queue.
public struct Timer: Future, Sendable {
    @usableFromInline enum Start: Sendable { case after(Duration), at(Instant) }

    @usableFromInline let start: Start
    @usableFromInline var deadline: Instant?

    @inlinable init(start: Start) { self.start = start }

    /// Finishes `duration` after it is first polled.
    @inlinable public static func after(_ duration: Duration) -> Timer { Timer(start: .after(duration)) }

    /// Finishes at `instant`, or at once if that has passed.
    @inlinable public static func at(_ instant: Instant) -> Timer { Timer(start: .at(instant)) }

    /// Ready at or after the deadline; the output is the deadline.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Instant> {
        let now = context.now()
        let due: Instant
        if let deadline {
            due = deadline
        } else {
            switch start {
            case .after(let duration): due = now + duration
            case .at(let instant): due = instant
            }
            deadline = due
        }
        if now >= due { return .ready(due) }
        context.wake(at: due)
        return .pending
    }
}
