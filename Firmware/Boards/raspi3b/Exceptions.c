// The exceptions of the raspi3b firmware below Swift: the IRQ dispatcher (which source raised core 0's IRQ, and
// whose handler takes it), the fault report for every other exception, and the semihosting exit.
#include <stdint.h>
#include "Board.h"

// BCM2836 local interrupt controller: core 0's IRQ sources (bit 1 the non-secure physical timer, bit 3 the virtual
// timer, bit 8 the GPU's controller).
#define CORE0_IRQ_SOURCE 0x40000060u
#define SOURCE_PHYSICAL_TIMER (1u << 1)
#define SOURCE_VIRTUAL_TIMER (1u << 3)
#define SOURCE_GPU (1u << 8)
// BCM2835 interrupt controller: pending GPU IRQs 32-63 (only enabled ones show); bit 25 is IRQ 57, the PL011.
#define GPU_PENDING_2 0x3F00B208u
#define GPU_PENDING_2_UART (1u << 25)
// PL011 data and flags (bit 5, TXFF: the transmit FIFO is full).
#define UART_DATA 0x3F201000u
#define UART_FLAGS 0x3F201018u

void VirtualTimer_Handler(void);
void CNTP_Handler(void) __attribute__((weak, alias("pw_unexpected_physical_timer_irq")));
void PL011RX_Handler(void) __attribute__((weak, alias("pw_unexpected_uart_irq")));
__attribute__((noreturn)) void pw_fault_report(uint64_t vector);

// Any fault: report which, and where, on the UART, and end the run with status 70.
static void fault_write(const char *text) {
    for (; *text; text++) {
        while (pw_read32(UART_FLAGS) & (1u << 5)) {}
        pw_write32(UART_DATA, (uint8_t)*text);
    }
}

// "0x" and the low `digits` hexadecimal digits of `value`.
static void fault_write_hex(uint64_t value, int digits) {
    char text[2 + 16 + 1] = "0x";
    for (int i = 0; i < digits; i++) text[2 + i] = "0123456789abcdef"[(value >> (4 * (digits - 1 - i))) & 0xf];
    text[2 + digits] = 0;
    fault_write(text);
}

// Ends a report: the address of the instruction the exception came from (ELR_EL1: for a synchronous exception the
// one that faulted, for an interrupt the one it returns to), then the exit.
__attribute__((noreturn)) static void fault_end(void) {
    uint64_t elr;
    __asm volatile("mrs %0, elr_el1" : "=r"(elr));
    fault_write(", pc ");
    fault_write_hex(elr, 16);
    fault_write("\r\n");
    pw_exit(70);
    for (;;) {}
}

// Vector `vector` (0-15) of the table in Startup.S was taken: its kind is `vector % 4`, where the exception came
// from `vector / 4`. Runs on the fault stack, with every exception masked.
void pw_fault_report(uint64_t vector) {
    static const char *const kinds[4] = {"synchronous exception", "IRQ", "FIQ", "SError"};
    static const char *const origins[4] = {" from EL1 on SP_EL0", "", " from EL0 (AArch64)", " from EL0 (AArch32)"};
    uint64_t esr, far;
    __asm volatile("mrs %0, esr_el1" : "=r"(esr));
    __asm volatile("mrs %0, far_el1" : "=r"(far));
    fault_write("\r\nFAULT: ");
    fault_write(kinds[vector % 4]);
    fault_write(origins[vector / 4 % 4]);
    // ESR_EL1 says what happened for a synchronous exception or an SError; FAR_EL1 holds the faulting address of a
    // synchronous data or instruction abort (for other classes it is UNKNOWN, but printed all the same).
    if (vector % 4 == 0 || vector % 4 == 3) {
        fault_write(" (ESR ");
        fault_write_hex(esr, 8);
        if (vector % 4 == 0) {
            fault_write(", FAR ");
            fault_write_hex(far, 16);
        }
        fault_write(")");
    }
    fault_end();
}

// An IRQ no handler takes: it would enter again for ever, so it is a fault.
__attribute__((noreturn)) static void unexpected_irq(uint32_t sources) {
    fault_write("\r\nFAULT: unexpected IRQ (core 0 sources ");
    fault_write_hex(sources, 8);
    fault_write(")");
    fault_end();
}

// The physical timer's interrupt when no device timer is linked (its driver defines CNTP_Handler).
void pw_unexpected_physical_timer_irq(void) { unexpected_irq(SOURCE_PHYSICAL_TIMER); }

// The PL011's interrupt when no UART receiver is linked (its driver defines PL011RX_Handler).
void pw_unexpected_uart_irq(void) { unexpected_irq(SOURCE_GPU); }

// Called by the IRQ entry in Startup.S with IRQs masked: runs the handler of each source core 0's IRQ shows.
void pw_irq_dispatch(void) {
    uint32_t sources = pw_read32(CORE0_IRQ_SOURCE);
    uint32_t handled = 0;
    if (sources & SOURCE_VIRTUAL_TIMER) {
        VirtualTimer_Handler();
        handled |= SOURCE_VIRTUAL_TIMER;
    }
    // The device timer's driver, if linked, defines CNTP_Handler; else the weak default reports a fault.
    if (sources & SOURCE_PHYSICAL_TIMER) {
        CNTP_Handler();
        handled |= SOURCE_PHYSICAL_TIMER;
    }
    // Only IRQ 57 is ever enabled at the GPU's controller; anything else there is unexpected.
    if ((sources & SOURCE_GPU) && pw_read32(GPU_PENDING_2) == GPU_PENDING_2_UART) {
        PL011RX_Handler();
        handled |= SOURCE_GPU;
    }
    // A source that went away before we read it leaves nothing to do: the IRQ ends (a spurious one).
    if (sources & ~handled) unexpected_irq(sources);
}

void pw_exit(int code) {
    // ADP_Stopped_ApplicationExit with the status, through semihosting's SYS_EXIT (0x18): on AArch64 the block's
    // two fields are 64-bit words and the call is `hlt #0xf000`, with the operation in w0 and the block in x1.
    uint64_t block[2] = {0x20026, (uint64_t)(int64_t)code};
    register uint64_t x0 __asm("x0") = 0x18;
    register uint64_t *x1 __asm("x1") = block;
    __asm volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    // Without a debugger or semihosting to take the call: stop here.
    for (;;) __asm volatile("wfi");
}
