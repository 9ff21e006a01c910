// What the Cortex-M platform needs below Swift: the instructions Swift cannot emit (cpsid, cpsie, wfi, bkpt) and
// volatile register access, as inline functions the Swift compiler imports and inlines.
#ifndef PINWHEEL_BOARD_H
#define PINWHEEL_BOARD_H

#include <stdint.h>

/// Masks interrupts (PRIMASK = 1) and returns the previous PRIMASK, for interruptFree.
static inline uint32_t pw_irq_save(void) {
    uint32_t primask;
    __asm volatile("mrs %0, primask\n cpsid i" : "=r"(primask)::"memory");
    return primask;
}

/// Restores PRIMASK as pw_irq_save found it.
static inline void pw_irq_restore(uint32_t primask) { __asm volatile("msr primask, %0" ::"r"(primask) : "memory"); }

/// Masks interrupts.
static inline void pw_irq_disable(void) { __asm volatile("cpsid i" ::: "memory"); }

/// Unmasks interrupts: a pending one is taken at once.
static inline void pw_irq_enable(void) { __asm volatile("cpsie i" ::: "memory"); }

/// Waits for an interrupt. With PRIMASK set, a pending interrupt still ends it (without being taken).
static inline void pw_wfi(void) { __asm volatile("dsb\n wfi" ::: "memory"); }

/// Reads a 32-bit device register.
static inline uint32_t pw_read32(uintptr_t address) { return *(volatile uint32_t *)address; }

/// Writes a 32-bit device register.
static inline void pw_write32(uintptr_t address, uint32_t value) { *(volatile uint32_t *)address = value; }

/// Ends the QEMU run with `code` as its exit status (semihosting SYS_EXIT_EXTENDED). Never returns.
void pw_exit(int code);

#endif
