// Reset and vector table for an ARMv7-M core (Cortex-M4, QEMU's mps2-an386): the hardware's first word is the
// initial stack pointer, the second the reset handler; exceptions and device interrupts follow. Handlers that the
// firmware does not provide fall to the fault report.
#include <stdint.h>
#include <string.h>
#include "Board.h"

extern uint32_t __stack_top, __data_load, __data_start, __data_end, __bss_start, __bss_end;
extern int main(int argc, char **argv);

void Reset_Handler(void);
void Fault_Handler(void);
void SysTick_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void UART0RX_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void TIMER0_Handler(void) __attribute__((weak, alias("Fault_Handler")));

// 16 system exceptions, then the board's first device interrupts (UART 0 receive is IRQ 0).
__attribute__((section(".vectors"), used)) void (*const vector_table[16 + 9])(void) = {
    (void (*)(void))&__stack_top,
    Reset_Handler,
    Fault_Handler,  // NMI
    Fault_Handler,  // HardFault
    Fault_Handler,  // MemManage
    Fault_Handler,  // BusFault
    Fault_Handler,  // UsageFault
    0, 0, 0, 0,
    Fault_Handler,  // SVCall
    Fault_Handler,  // DebugMonitor
    0,
    Fault_Handler,  // PendSV
    SysTick_Handler,
    UART0RX_Handler,  // IRQ 0: CMSDK UART0 receive
    Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
    TIMER0_Handler,  // IRQ 8: CMSDK timer 0
};

void Reset_Handler(void) {
    // .data lives in flash and runs from RAM; .bss starts zeroed. Nothing has used either yet.
    memcpy(&__data_start, &__data_load, (uintptr_t)&__data_end - (uintptr_t)&__data_start);
    memset(&__bss_start, 0, (uintptr_t)&__bss_end - (uintptr_t)&__bss_start);
    pw_exit(main(0, 0));
}

// Any fault or unexpected exception: report which, and where, on the UART, and end the run with status 70.
#define UART0 0x40004000u
static void fault_write(const char *text) {
    for (; *text; text++) {
        while (pw_read32(UART0 + 4) & 1) {}
        pw_write32(UART0, (uint8_t)*text);
    }
}

// The exception frame the core stacked on entry (r0-r3, r12, lr, pc, xpsr) is on the stack that was in use: the
// entry hands its address to the report before any C code moves the stack pointer.
__attribute__((naked)) void Fault_Handler(void) {
    __asm volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "b fault_report\n");
}

__attribute__((used, noreturn)) void fault_report(const uint32_t *frame) {
    uint32_t ipsr;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    char line[64] = "\r\nFAULT: exception 00, pc 0x00000000\r\n";
    line[19] = '0' + (ipsr & 0x1ff) / 10 % 10;
    line[20] = '0' + (ipsr & 0x1ff) % 10;
    uint32_t pc = frame[6];  // the stacked return address: the instruction that faulted
    for (int i = 0; i < 8; i++) line[28 + i] = "0123456789abcdef"[(pc >> (28 - 4 * i)) & 0xf];
    fault_write(line);
    pw_exit(70);
    for (;;) {}
}

void pw_exit(int code) {
    // ADP_Stopped_ApplicationExit with the status, through semihosting's SYS_EXIT_EXTENDED.
    uint32_t block[2] = {0x20026, (uint32_t)code};
    register uint32_t r0 __asm("r0") = 0x20;
    register uint32_t *r1 __asm("r1") = block;
    __asm volatile("bkpt 0xab" ::"r"(r0), "r"(r1) : "memory");
    for (;;) {}
}
