// What the Cortex-A53 platform needs below Swift: the instructions and system registers Swift cannot reach (DAIF,
// wfi, the generic timer's registers) and volatile register access, as inline functions the Swift compiler imports
// and inlines. The same names as every board's Board.h, so that Firmware/Common builds on any of them.
#ifndef PINWHEEL_BOARD_H
#define PINWHEEL_BOARD_H

#include <stdint.h>

/// Masks IRQs (DAIF.I = 1) and returns the previous DAIF, for interruptFree.
static inline uint64_t pw_irq_save(void) {
    uint64_t daif;
    // DAIFSet's immediate bit 1 is I: only IRQs are masked; FIQ, SError and debug stay as they were.
    __asm volatile("mrs %0, daif\n msr daifset, #2" : "=r"(daif)::"memory");
    return daif;
}

/// Restores DAIF as pw_irq_save found it.
static inline void pw_irq_restore(uint64_t daif) { __asm volatile("msr daif, %0" ::"r"(daif) : "memory"); }

/// Masks IRQs.
static inline void pw_irq_disable(void) { __asm volatile("msr daifset, #2" ::: "memory"); }

/// Unmasks IRQs: a pending one is taken at once (a context synchronisation follows the write of DAIF).
static inline void pw_irq_enable(void) { __asm volatile("msr daifclr, #2" ::: "memory"); }

/// Waits for an interrupt. With DAIF.I set, a pending IRQ still ends it (without being taken); the dsb first lets
/// every earlier store reach its device, so the wait does not begin before, say, an alarm is armed.
static inline void pw_wfi(void) { __asm volatile("dsb sy\n wfi" ::: "memory"); }

/// Reads a 32-bit device register.
static inline uint32_t pw_read32(uintptr_t address) { return *(volatile uint32_t *)address; }

/// Writes a 32-bit device register.
static inline void pw_write32(uintptr_t address, uint32_t value) { *(volatile uint32_t *)address = value; }

/// The generic timer's virtual count (CNTVCT_EL0): 64 bits, counting up at pw_counter_frequency() from reset.
static inline uint64_t pw_counter(void) {
    uint64_t count;
    // The isb keeps the read from being done early, ahead of the instructions before it (the counter read is not
    // ordered by itself).
    __asm volatile("isb\n mrs %0, cntvct_el0" : "=r"(count)::"memory");
    return count;
}

/// The counter's frequency in Hz (CNTFRQ_EL0), as the boot code left it: 62.5 MHz in QEMU, 19.2 MHz on the board.
static inline uint64_t pw_counter_frequency(void) {
    uint64_t frequency;
    __asm volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
    return frequency;
}

/// Sets the virtual timer's compare value (CNTV_CVAL_EL0): its condition holds while the count is at or past it.
static inline void pw_timer_compare(uint64_t count) { __asm volatile("msr cntv_cval_el0, %0" ::"r"(count) : "memory"); }

/// Writes the virtual timer's control (CNTV_CTL_EL0: bit 0 enable, bit 1 IMASK); the isb makes the new setting
/// (and a compare value written before it) take effect before the next instruction.
static inline void pw_timer_control(uint64_t control) {
    __asm volatile("msr cntv_ctl_el0, %0\n isb" ::"r"(control) : "memory");
}

/// The physical timer's count (CNTPCT_EL0): the same count as pw_counter() (CNTVOFF_EL2 is 0), which the physical
/// timer's compare value is measured against. Readable at EL1 because CNTHCTL_EL2.EL1PCTEN is set.
static inline uint64_t pw_physical_counter(void) {
    uint64_t count;
    // The isb, as in pw_counter(): the read is not done ahead of the instructions before it.
    __asm volatile("isb\n mrs %0, cntpct_el0" : "=r"(count)::"memory");
    return count;
}

/// Sets the EL1 physical timer's compare value (CNTP_CVAL_EL0): its condition holds while the physical count is at
/// or past it. Usable at EL1 because CNTHCTL_EL2.EL1PCEN is set.
static inline void pw_physical_timer_compare(uint64_t count) {
    __asm volatile("msr cntp_cval_el0, %0" ::"r"(count) : "memory");
}

/// Writes the EL1 physical timer's control (CNTP_CTL_EL0: bit 0 enable, bit 1 IMASK); the isb makes the new
/// setting (and a compare value written before it) take effect before the next instruction.
static inline void pw_physical_timer_control(uint64_t control) {
    __asm volatile("msr cntp_ctl_el0, %0\n isb" ::"r"(control) : "memory");
}

/// Ends the QEMU run with `code` as its exit status (semihosting SYS_EXIT with ADP_Stopped_ApplicationExit). Never
/// returns.
void pw_exit(int code);

#endif
