import Pinwheel

/// Core 0's EL1 physical timer (the ARM generic timer's CNTP, apart from the virtual timer the platform keeps time
/// and alarms with) as a one-shot device interrupt: a peripheral other than the time base whose interrupt a demo
/// awaits, the way it would await a button. Its condition holds once the physical count (CNTPCT_EL0, counting up at
/// CNTFRQ_EL0) reaches the compare value (CNTP_CVAL_EL0); its interrupt, CNTPNSIRQ, reaches core 0 through the
/// BCM2836 local interrupt controller as source 1. The handler disables the timer, so it fires once.
///
/// EL1 may use this timer only because the startup code set CNTHCTL_EL2.EL1PCEN and EL1PCTEN (CNTHCTL_EL2 = 3);
/// without them its registers trap to EL2. Linked only into demos that name it in their `demo` file: its handler
/// replaces the IRQ dispatcher's weak default (Exceptions.c), which reports the interrupt as unexpected.
enum DeviceTimer {
    /// CNTP_CTL_EL0: bit 0 enables the timer; bit 1 (IMASK) clear lets its condition assert the interrupt.
    static let enabled: UInt64 = 0b01
    static let disabled: UInt64 = 0

    /// Starts the timer: its interrupt fires `milliseconds` from now, at the first tick at or after that.
    static func start(afterMilliseconds milliseconds: UInt32) {
        // Masked: the routing register is shared with the platform's virtual timer (a read-modify-write), and the
        // old compare must not interrupt between the writes.
        let mask = pw_irq_save()
        defer { pw_irq_restore(mask) }
        // Disabled first: a compare left from an earlier start, already passed, would otherwise interrupt at once.
        pw_physical_timer_control(disabled)
        // The frequency is read, never assumed (62.5 MHz in QEMU, 19.2 MHz on the board); it fits in 32 bits, so
        // milliseconds × frequency stays below 2^64. Rounded up: the interrupt never comes early.
        let ticks = (UInt64(milliseconds) &* pw_counter_frequency() &+ 999) / 1000
        pw_physical_timer_compare(pw_physical_counter() &+ ticks)
        // Core 0's timer routing, bit 1: the non-secure physical timer to IRQ; bit 3 (the platform's virtual timer)
        // stays as it is.
        pw_write32(
            Register.core0TimerInterruptControl,
            pw_read32(Register.core0TimerInterruptControl) | Interrupt.physicalTimerBit)
        pw_physical_timer_control(enabled)  // compare first, then enable: the one interrupt is for the new compare
    }
}

/// Local source 1, called by the IRQ dispatcher when core 0's IRQ source shows it: disables the timer (its condition,
/// count ≥ compare, stays true, and enabled and unmasked it would enter again at once), then wakes the waiting task.
@_cdecl("CNTP_Handler")
func deviceTimerHandler() {
    pw_physical_timer_control(DeviceTimer.disabled)  // disabled, the timer no longer asserts CNTPNSIRQ
    DeviceTimerWaiter.interrupt(irq: UInt16(truncatingIfNeeded: Interrupt.physicalTimer))
}
