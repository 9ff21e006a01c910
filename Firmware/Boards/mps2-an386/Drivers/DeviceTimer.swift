import Pinwheel

/// CMSDK APB timer 0 of the mps2-an386 (NVIC IRQ 8) as a one-shot device interrupt: a peripheral other than the
/// time base whose interrupt a demo awaits, the way it would await a button. It counts the 25 MHz peripheral clock
/// down from its reload value and raises its interrupt at zero; the handler stops it, so it fires once.
///
/// Linked only into demos that name it in their `demo` file: its handler replaces the vector table's default.
enum DeviceTimer {
    static let irq: UInt32 = 8
    static let cyclesPerMillisecond: UInt32 = 25_000

    /// Starts the timer: its interrupt fires `milliseconds` from now.
    static func start(afterMilliseconds milliseconds: UInt32) {
        pw_write32(Register.timer0Control, 0)
        pw_write32(Register.timer0Reload, milliseconds &* cyclesPerMillisecond)
        pw_write32(Register.timer0Value, milliseconds &* cyclesPerMillisecond)
        pw_write32(Register.nvicSetEnable, 1 &<< irq)
        pw_write32(Register.timer0Control, 0b1001)  // interrupt enabled, counting
    }
}

/// IRQ 8: stops the timer and clears its interrupt (or it would enter again at once), then wakes the waiting task.
@_cdecl("TIMER0_Handler")
func deviceTimerHandler() {
    pw_write32(Register.timer0Control, 0)
    pw_write32(Register.timer0InterruptClear, 1)
    DeviceTimerWaiter.interrupt(irq: UInt16(truncatingIfNeeded: DeviceTimer.irq))
}
