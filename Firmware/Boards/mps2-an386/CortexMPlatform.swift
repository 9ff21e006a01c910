import Pinwheel

/// The Cortex-M4 of QEMU's mps2-an386 as a Pinwheel platform: SysTick as both the 64-bit time base and the one
/// alarm (tickless), and `wfi` under PRIMASK as the wait for interrupt.
///
/// SysTick counts the 25 MHz core clock down from its reload value to 0, then reloads; reaching 0 sets its
/// interrupt pending. Each such period is `systickPeriod` cycles long and starts at cycle `systickBase`; the handler
/// adds the period to the base. `now()` is the base plus the cycles into the period, read with interrupts masked
/// and corrected for a wrap whose interrupt is still pending: 64 bits of 40 ns cycles never wrap.
///
/// The alarm: `schedule(at:)` ends the current period now (folding the cycles counted so far into the base) and
/// starts one that ends at the deadline, or after 2^24 cycles (0.67 s) if that is sooner. Its interrupt only ends
/// `wfi`: the executor then reads the clock and expires what is due. The few cycles between reading the counter
/// and restarting it are not counted, so the clock runs a little slow at each re-arm (deterministic under
/// `-icount`); timer deadlines keep their grid all the same. (QEMU's CMSDK timer was tried as the alarm first:
/// under `-icount sleep=off` the idle clock warp missed some of its deadlines, seen as a toggle 0.5 s late.)
struct CortexMPlatform: WaitForInterrupt {
    static let cycleNanoseconds: UInt64 = 40  // 25 MHz
    static let longestPeriod: UInt32 = 1 << 24

    init() {
        systickBase = 0
        systickPeriod = Self.longestPeriod
        pw_write32(Register.systickReload, Self.longestPeriod &- 1)
        pw_write32(Register.systickCurrent, 0)
        pw_write32(Register.systickControl, 0b111)  // core clock, interrupt, enabled
    }

    func now() -> Instant { Instant(ticks: Self.cycles() &* Self.cycleNanoseconds) }

    /// Core clock cycles since SysTick started.
    static func cycles() -> UInt64 {
        let primask = pw_irq_save()
        defer { pw_irq_restore(primask) }
        return cyclesMasked()
    }

    // With interrupts masked.
    static func cyclesMasked() -> UInt64 {
        let current = pw_read32(Register.systickCurrent)
        let last = UInt64(widening: systickPeriod &- 1)
        // Reaching 0 sets the interrupt pending. Pending behind our mask means the handler has not counted that
        // period yet: read the counter again. Still 0, we are in the period's last cycle; reloaded, we are in the
        // next period, whose length the reload register holds.
        guard pw_read32(Register.interruptControlState) & Register.pendingSysTick != 0 else {
            return systickBase &+ last &- UInt64(widening: current)
        }
        let after = pw_read32(Register.systickCurrent)
        if after == 0 { return systickBase &+ last }
        let next = UInt64(widening: pw_read32(Register.systickReload))
        return systickBase &+ last &+ 1 &+ next &- UInt64(widening: after)
    }

    mutating func schedule(at deadline: Instant?) {
        let primask = pw_irq_save()
        defer { pw_irq_restore(primask) }
        let now = Self.cyclesMasked()
        var cycles = UInt64(widening: Self.longestPeriod)
        if let deadline, deadline != .distantFuture {
            let due = deadline.ticks / Self.cycleNanoseconds
            cycles = min(max(due > now ? due &- now : 1, 1), cycles)
        }
        // End the current period here and start one of `cycles`: the reload value is loaded at the next clock
        // after the counter is cleared, and a wrap pending from before is dropped (it is counted in `now`).
        let period = UInt32(truncatingIfNeeded: cycles)
        pw_write32(Register.systickReload, period &- 1)
        pw_write32(Register.systickCurrent, 0)
        pw_write32(Register.interruptControlState, Register.clearPendingSysTick)
        systickBase = now &+ 1
        systickPeriod = period
    }

    static var readClock: ClockReader.Function { { _ in CortexMPlatform.cycles() &* 40 } }
}

/// Where the current SysTick period starts, in cycles, and how long it is: written by the handler and by
/// `schedule(at:)` with interrupts masked, read with them masked (one core).
nonisolated(unsafe) var systickBase: UInt64 = 0
nonisolated(unsafe) var systickPeriod: UInt32 = CortexMPlatform.longestPeriod

@_cdecl("SysTick_Handler")
func systickHandler() {
    systickBase &+= UInt64(widening: systickPeriod)
    // The counter reloaded from the reload register: that is the new period's length.
    systickPeriod = pw_read32(Register.systickReload) &+ 1
}

/// Device interrupt numbers of the mps2-an386.
enum Interrupt {
    static let uart0Receive: UInt32 = 0
}

/// Register addresses: the core's (SysTick, NVIC, SCB) and the board's (CMSDK timer 0, UART 0, FPGA I/O).
enum Register {
    static let systickControl: UInt = 0xE000_E010
    static let systickReload: UInt = 0xE000_E014
    static let systickCurrent: UInt = 0xE000_E018
    static let nvicSetEnable: UInt = 0xE000_E100
    static let interruptControlState: UInt = 0xE000_ED04
    /// ICSR's PENDSTSET: a SysTick interrupt is pending. (Shifts here are `&<<` or literals: with 6.3.1, Embedded
    /// Swift's `<<` on a `UInt32` with an `Int` shift count pulls in an `Array` and fails `-no-allocations`.)
    static let pendingSysTick: UInt32 = 0x0400_0000
    /// ICSR's PENDSTCLR: clears a pending SysTick interrupt.
    static let clearPendingSysTick: UInt32 = 0x0200_0000
    static let timer0Control: UInt = 0x4000_0000
    static let timer0Value: UInt = 0x4000_0004
    static let timer0Reload: UInt = 0x4000_0008
    static let timer0InterruptClear: UInt = 0x4000_000C
    static let uart0Data: UInt = 0x4000_4000
    static let uart0State: UInt = 0x4000_4004
    static let uart0Control: UInt = 0x4000_4008
    static let uart0InterruptClear: UInt = 0x4000_400C
    static let uart0BaudDivider: UInt = 0x4000_4010
    static let fpgaLEDs: UInt = 0x4002_8000
}
