import Pinwheel

/// The Cortex-A53 of QEMU's raspi3b as a Pinwheel platform: the ARM generic timer as both the 64-bit time base and
/// the one alarm (tickless), and `wfi` under DAIF.I as the wait for interrupt. Core 0 runs everything; cores 1-3
/// stay parked in the startup code.
///
/// The virtual counter (CNTVCT_EL0, equal to the physical one: the startup code sets CNTVOFF_EL2 to 0) counts up
/// at CNTFRQ_EL0 from reset, 64 bits wide: it never wraps. The frequency is read, never assumed: 62.5 MHz in QEMU,
/// 19.2 MHz on the board. Ticks become nanoseconds through 10^9 / CNTFRQ as a fraction in lowest terms, n / d
/// (16 / 1 at 62.5 MHz, 625 / 12 at 19.2 MHz): `now()` is ⌊ticks × n / d⌋, computed as
/// (ticks / d) × n + (ticks % d) × n / d: exact, with no product past 2^62 (n ≤ 10^9, d < 2^32), and good until
/// the nanoseconds themselves fill 64 bits, after 584 years.
///
/// The alarm: `schedule(at:)` writes the first tick at or after the deadline, ⌈ns × d / n⌉, to CNTV_CVAL_EL0 and
/// enables the timer unmasked: when the count reaches it, the clock already reads the deadline or later. The
/// timer's IRQ reaches core 0 through the BCM2836 local interrupt controller (its nCNTVIRQ routed to IRQ). Its
/// handler masks the timer (CNTV_CTL_EL0.IMASK): the condition `count ≥ compare` holds until the compare moves,
/// and unmasked it would enter again at once. The interrupt only ends `wfi`: the executor then reads the clock,
/// expires what is due and arms the next deadline, which unmasks the timer again.
struct RaspberryPiPlatform: WaitForInterrupt {
    /// CNTV_CTL_EL0: bit 0 enables the timer, bit 1 (IMASK) keeps its condition from asserting the interrupt.
    static let timerEnabled: UInt64 = 0b01
    static let timerMasked: UInt64 = 0b10
    /// The BCM2836's core 0 timer routing, bit 3: the virtual timer (nCNTVIRQ) to IRQ (not FIQ).
    static let virtualTimerToIRQ: UInt32 = 0b1000

    /// 10^9 / CNTFRQ in lowest terms: `tickNanoseconds` nanoseconds are `tickCount` ticks.
    let tickNanoseconds: UInt64
    let tickCount: UInt64

    init() {
        let frequency = pw_counter_frequency()
        // The boot firmware sets CNTFRQ (QEMU resets it to 62.5 MHz); zero would mean no time base at all.
        precondition(frequency != 0, "CNTFRQ_EL0 is 0: the counter's frequency was never set")
        var a: UInt64 = 1_000_000_000
        var b = frequency
        while b != 0 { (a, b) = (b, a % b) }  // Euclid: a becomes gcd(10^9, frequency)
        tickNanoseconds = 1_000_000_000 / a
        tickCount = frequency / a
        pw_timer_control(0)  // disabled: no alarm until one is scheduled
        // Route core 0's virtual timer to its IRQ; the other timers stay unrouted.
        pw_write32(Register.core0TimerInterruptControl, Self.virtualTimerToIRQ)
    }

    func now() -> Instant { Instant(ticks: nanoseconds(ticks: pw_counter())) }

    /// The nanoseconds in `ticks`, rounded down: (ticks / d) × n + (ticks % d) × n / d, every product below 2^62.
    func nanoseconds(ticks: UInt64) -> UInt64 {
        (ticks / tickCount) &* tickNanoseconds &+ (ticks % tickCount) &* tickNanoseconds / tickCount
    }

    /// The first tick at or after `nanoseconds`, ⌈nanoseconds × d / n⌉; `UInt64.max` if the count cannot reach it.
    func ticks(atOrAfter nanoseconds: UInt64) -> UInt64 {
        let (whole, overflow) = (nanoseconds / tickNanoseconds).multipliedReportingOverflow(by: tickCount)
        if overflow { return .max }
        let rest = (nanoseconds % tickNanoseconds &* tickCount &+ tickNanoseconds &- 1) / tickNanoseconds
        let (ticks, carry) = whole.addingReportingOverflow(rest)
        return carry ? .max : ticks
    }

    mutating func schedule(at deadline: Instant?) {
        guard let deadline, deadline != .distantFuture else {
            pw_timer_control(0)  // disabled: no interrupt, whatever the compare value
            return
        }
        // Compare first, then unmask: unmasked with the old compare (already passed), the timer would interrupt at
        // once for nothing. If that old interrupt is taken between the two writes, its handler masks the timer and
        // the second write unmasks it again, for the new compare.
        pw_timer_compare(ticks(atOrAfter: deadline.ticks))
        pw_timer_control(Self.timerEnabled)
    }

    static var readClock: ClockReader.Function {
        { $0!.assumingMemoryBound(to: RaspberryPiPlatform.self).pointee.now().ticks }
    }
}

/// The virtual timer's interrupt, called by the IRQ dispatcher (Exceptions.c) when core 0's IRQ source shows it:
/// the alarm went off. Masks the timer and leaves the rest to the executor, which wakes from `wfi` and reads the
/// clock.
@_cdecl("VirtualTimer_Handler")
func virtualTimerHandler() {
    // The timer's condition (count ≥ compare) stays true: masked, it no longer asserts the IRQ. `schedule(at:)`
    // unmasks it with the next compare value.
    pw_timer_control(RaspberryPiPlatform.timerEnabled | RaspberryPiPlatform.timerMasked)
}
