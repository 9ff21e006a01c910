import Pinwheel

/// The idle hook of a single core whose every wake source is an interrupt: `wfi` under the interrupt mask, and no
/// pender. The board's header gives `pw_irq_disable`, `pw_wfi` and `pw_irq_enable` (PRIMASK on the Cortex-M4, DAIF.I
/// on the Cortex-A53); a board's platform conforms and gets both members.
protocol WaitForInterrupt: Platform {}

extension WaitForInterrupt {
    /// Interrupts end `wfi` by themselves: no pender.
    mutating func pender() -> Pender? { nil }

    /// Masks interrupts, re-checks, and waits: `wfi` with interrupts masked returns when one is pending, and
    /// unmasking lets its handler run. A wake between the executor's check and the mask is still pending then.
    mutating func sleep(_ target: borrowing WakeTarget, whileIdle isIdle: () -> Bool) -> IdleOutcome {
        pw_irq_disable()
        if isIdle() { pw_wfi() }
        pw_irq_enable()
        return .resumed
    }
}
