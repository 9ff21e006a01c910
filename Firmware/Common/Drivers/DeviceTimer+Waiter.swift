import Pinwheel

/// The board-independent half of `DeviceTimer`: the waker cell its interrupt handler wakes, the counts the
/// walkthrough reports, and the future a task awaits.
enum DeviceTimerWaiter {
    /// Called by the board's timer handler once it has silenced the timer: wakes the waiting task.
    static func interrupt(irq: UInt16) {
        fired = true
        runs &+= 1
        if waiter.wake(from: .interrupt(irq)) { wakes &+= 1 }
    }

    /// How many times the handler ran, and how many of those woke a registered task.
    static var counts: (interrupts: UInt32, wakes: UInt32) {
        let mask = pw_irq_save()
        defer { pw_irq_restore(mask) }
        return (runs, wakes)
    }

    /// Takes the "fired" flag, with interrupts masked.
    static func takeFired() -> Bool {
        let mask = pw_irq_save()
        defer { pw_irq_restore(mask) }
        let result = fired
        fired = false
        return result
    }
}

extension DeviceTimer {
    /// A future that finishes when the timer's interrupt has fired.
    static func fired() -> TimerInterrupt { TimerInterrupt() }
}

/// A future that finishes once the device timer's interrupt has run; from ``DeviceTimer/fired()``.
struct TimerInterrupt: Future {
    mutating func poll(_ context: Context) -> Poll<Void> {
        // Register before looking: an interrupt between the two still wakes the task.
        waiter.register(context.waker)
        return DeviceTimerWaiter.takeFired() ? .ready(()) : .pending
    }
}

// Written by the handler and, masked, by the task: one core.
nonisolated(unsafe) private var fired = false
nonisolated(unsafe) private var runs: UInt32 = 0
nonisolated(unsafe) private var wakes: UInt32 = 0
private let waiter = WakerCell()
