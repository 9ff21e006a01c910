import PinwheelLinux
import Synchronization

/// Why a run ended, recorded once: the first reason wins, set atomically, from whichever place stops the run (the
/// supervisor, the poll limit, the keyboard, a failed write, a shutdown signal seen at the end, a program's fault).
/// Each stop also asks the platform to stop at its next idle point.
final class StopRecord: @unchecked Sendable {
    // Safety (Sendable): the reason is behind a mutex; the stopper is itself safe from any thread.
    private let reason = Mutex<StopReason?>(nil)
    private let stopper: RunStopper?

    /// A record that stops the run through `stopper` (nil: only records, as a unit test does).
    init(stopper: RunStopper?) { self.stopper = stopper }

    /// Records `why` unless a reason is already recorded, and stops the run. Returns whether `why` was first.
    @discardableResult
    func stop(_ why: StopReason) -> Bool {
        let first = reason.withLock { current in
            guard current == nil else { return false }
            current = why
            return true
        }
        stopper?.stop()
        return first
    }

    /// The reason recorded first, if any.
    var recorded: StopReason? { reason.withLock { $0 } }
}
