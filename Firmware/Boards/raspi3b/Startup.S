// Entry, exception vectors and IRQ entry for the Cortex-A53 of QEMU's raspi3b (AArch64), linked at 0x80000 where
// QEMU (like the board's firmware) starts every core. Core 0 drops from EL3 or EL2 to EL1, sets up a stack, FP/SIMD
// and the vector table, and calls the firmware's `main`; cores 1-3 are parked. Every exception but an IRQ on EL1's
// own stack goes to the fault report (Exceptions.c).

// The IRQ frame: x0-x18, x29, x30 (what a call may change) at 0-167, ELR_EL1 and SPSR_EL1 (what another exception
// would overwrite) at 168, FPCR and FPSR at 184, q0-q31 at 208 (Swift and C use the FP/SIMD registers too; a call
// keeps only the low halves of q8-q15, so all 32 are saved). 720 bytes: a multiple of 16, as SP must stay.
#define FRAME_ELR 168
#define FRAME_FPCR 184
#define FRAME_Q 208
#define FRAME_SIZE 720

    .section .text.boot, "ax"
    .global _start
_start:
    // MPIDR_EL1.Aff0 is the core's number in its cluster: 0-3. Only core 0 runs the firmware.
    mrs x0, mpidr_el1
    and x0, x0, #3
    cbz x0, .Lcore0
    // Cores 1-3: wfi rather than wfe, which returns at once under QEMU and would spin the host CPU. No interrupt
    // is routed to them, so they stay here.
.Lpark:
    wfi
    b .Lpark

.Lcore0:
    // CurrentEL bits 2-3. QEMU starts an ELF at EL3, the CPU's reset state; a raw image it starts at EL2, as the
    // board's firmware does. Go down from either to EL1; anything else is taken to be EL1.
    mrs x0, CurrentEL
    cmp x0, #(3 << 2)
    b.ne .Lel2
    // SCR_EL3 = 0x4b1: RW (bit 10), the lower levels are AArch64; SMD (bit 7), smc is undefined; bits 4-5 RES1;
    // NS (bit 0), they are non-secure, as under the board's firmware. IRQ, FIQ and EA clear: those go to EL1.
    mov x0, #0x4b1
    msr scr_el3, x0
    // CPTR_EL3 = 0: FP/SIMD (TFP, bit 10) and the rest not trapped to EL3.
    msr cptr_el3, xzr
    // SPSR_EL3 = 0x3c9: return to EL2 on its own stack pointer (EL2h) with D, A, I and F masked.
    mov x0, #0x3c9
    msr spsr_el3, x0
    adr x0, .Lel2
    msr elr_el3, x0
    eret
.Lel2:
    mrs x0, CurrentEL
    cmp x0, #(2 << 2)
    b.ne .Lel1
    // HCR_EL2.RW (bit 31): EL1 runs AArch64. Nothing else of EL2's traps or stage-2 translation is on.
    mov x0, #(1 << 31)
    msr hcr_el2, x0
    // CPTR_EL2 with TFP (bit 10) clear: FP/SIMD at EL1 is not trapped to EL2; bits 0-7, 9, 12, 13 are RES1.
    mov x0, #0x33ff
    msr cptr_el2, x0
    // CNTHCTL_EL2 = 3 (EL1PCTEN, EL1PCEN): EL1 may read the physical counter and use the physical timer. CNTVOFF_EL2
    // = 0: the virtual count, which the platform reads, equals the physical one.
    mov x0, #3
    msr cnthctl_el2, x0
    msr cntvoff_el2, xzr
    // SCTLR_EL1: only its RES1 bits (11, 20, 22, 23, 28, 29): MMU, caches and alignment checks off, little-endian.
    ldr x0, =0x30d00800
    msr sctlr_el1, x0
    // SPSR_EL2 = 0x3c5: return to EL1 on its own stack pointer (EL1h) with D, A, I and F masked.
    mov x0, #0x3c5
    msr spsr_el2, x0
    adr x0, .Lel1
    msr elr_el2, x0
    eret

.Lel1:
    // EL1. CPACR_EL1.FPEN = 11 (bits 20-21): FP/SIMD instructions do not trap. Before any C or Swift, which use them.
    mov x0, #(3 << 20)
    msr cpacr_el1, x0
    isb
    // SP_EL1 (EL1h): the top of the 64 KiB the linker script reserves after .bss, 16-byte aligned as SP must be.
    ldr x0, =__stack_top
    mov sp, x0
    // .bss starts zeroed; the linker script aligns its ends to 16 bytes, so 8-byte stores cover it exactly.
    ldr x0, =__bss_start
    ldr x1, =__bss_end
.Lzero:
    cmp x0, x1
    b.hs .Lzeroed
    str xzr, [x0], #8
    b .Lzero
.Lzeroed:
    // VBAR_EL1 bits 0-10 are RES0: the table is 2 KiB aligned.
    ldr x0, =vector_table
    msr vbar_el1, x0
    isb
    // Unmask IRQs and SError (DAIFClr bits 1, 2), as a Cortex-M starts with interrupts on; nothing raises an IRQ
    // until the platform and the drivers route one. FIQ (unused) and debug stay masked.
    msr daifclr, #6
    // main(0, NULL); its int result, still in w0, is the exit status.
    mov x0, #0
    mov x1, #0
    bl main
    bl pw_exit
.Lhalt:
    wfi
    b .Lhalt
    .ltorg

// An exception other than an IRQ at EL1: x0 becomes the vector's number (0-15) for the report, and the report gets
// a stack of its own, so that a fault from an overflowed stack is still reported. The registers are not kept: the
// run ends there.
.macro fault_vector number
    .balign 0x80
    mov x0, #\number
    b fault_entry
.endm

    .section .text.vectors, "ax"
    .balign 2048
    .global vector_table
    .type vector_table, %function
vector_table:
    // Current EL with SP_EL0 (never used here: SPSel is 1): synchronous, IRQ, FIQ, SError.
    fault_vector 0
    fault_vector 1
    fault_vector 2
    fault_vector 3
    // Current EL with SP_EL1: synchronous, then IRQ, the one exception the firmware handles.
    fault_vector 4
    .balign 0x80
    b irq_entry
    fault_vector 6
    fault_vector 7
    // Lower EL in AArch64, then in AArch32 (there is no lower EL: nothing runs at EL0).
    fault_vector 8
    fault_vector 9
    fault_vector 10
    fault_vector 11
    fault_vector 12
    fault_vector 13
    fault_vector 14
    fault_vector 15
    .size vector_table, . - vector_table

    // The entries the table branches to follow the boot code, in the space before the table's 2 KiB boundary.
    .section .text.boot, "ax"
fault_entry:
    ldr x1, =__fault_stack_top
    mov sp, x1
    b pw_fault_report
    .ltorg

// An IRQ at EL1 on SP_EL1: saves what the interrupted code may not lose (the frame above), calls the dispatcher,
// restores, and returns to the interrupted instruction. IRQs stay masked throughout (the exception set DAIF.I), so
// frames do not nest. Typed and sized as a function, so that tools (pinwheel flash's instruction count) name it.
    .type irq_entry, %function
irq_entry:
    sub sp, sp, #FRAME_SIZE
    stp x0, x1, [sp, #0]
    stp x2, x3, [sp, #16]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x16, x17, [sp, #128]
    stp x18, x29, [sp, #144]
    // ELR and SPSR: where to return and the state to return to, which another exception (say, a fault in the
    // handler reported before eret) would overwrite.
    mrs x0, elr_el1
    mrs x1, spsr_el1
    str x30, [sp, #160]
    stp x0, x1, [sp, #FRAME_ELR]
    mrs x0, fpcr
    mrs x1, fpsr
    stp x0, x1, [sp, #FRAME_FPCR]
    stp q0, q1, [sp, #FRAME_Q + 0]
    stp q2, q3, [sp, #FRAME_Q + 32]
    stp q4, q5, [sp, #FRAME_Q + 64]
    stp q6, q7, [sp, #FRAME_Q + 96]
    stp q8, q9, [sp, #FRAME_Q + 128]
    stp q10, q11, [sp, #FRAME_Q + 160]
    stp q12, q13, [sp, #FRAME_Q + 192]
    stp q14, q15, [sp, #FRAME_Q + 224]
    stp q16, q17, [sp, #FRAME_Q + 256]
    stp q18, q19, [sp, #FRAME_Q + 288]
    stp q20, q21, [sp, #FRAME_Q + 320]
    stp q22, q23, [sp, #FRAME_Q + 352]
    stp q24, q25, [sp, #FRAME_Q + 384]
    stp q26, q27, [sp, #FRAME_Q + 416]
    stp q28, q29, [sp, #FRAME_Q + 448]
    stp q30, q31, [sp, #FRAME_Q + 480]
    bl pw_irq_dispatch
    ldp q0, q1, [sp, #FRAME_Q + 0]
    ldp q2, q3, [sp, #FRAME_Q + 32]
    ldp q4, q5, [sp, #FRAME_Q + 64]
    ldp q6, q7, [sp, #FRAME_Q + 96]
    ldp q8, q9, [sp, #FRAME_Q + 128]
    ldp q10, q11, [sp, #FRAME_Q + 160]
    ldp q12, q13, [sp, #FRAME_Q + 192]
    ldp q14, q15, [sp, #FRAME_Q + 224]
    ldp q16, q17, [sp, #FRAME_Q + 256]
    ldp q18, q19, [sp, #FRAME_Q + 288]
    ldp q20, q21, [sp, #FRAME_Q + 320]
    ldp q22, q23, [sp, #FRAME_Q + 352]
    ldp q24, q25, [sp, #FRAME_Q + 384]
    ldp q26, q27, [sp, #FRAME_Q + 416]
    ldp q28, q29, [sp, #FRAME_Q + 448]
    ldp q30, q31, [sp, #FRAME_Q + 480]
    ldp x0, x1, [sp, #FRAME_FPCR]
    msr fpcr, x0
    msr fpsr, x1
    ldp x0, x1, [sp, #FRAME_ELR]
    msr elr_el1, x0
    msr spsr_el1, x1
    ldr x30, [sp, #160]
    ldp x18, x29, [sp, #144]
    ldp x16, x17, [sp, #128]
    ldp x14, x15, [sp, #112]
    ldp x12, x13, [sp, #96]
    ldp x10, x11, [sp, #80]
    ldp x8, x9, [sp, #64]
    ldp x6, x7, [sp, #48]
    ldp x4, x5, [sp, #32]
    ldp x2, x3, [sp, #16]
    ldp x0, x1, [sp, #0]
    add sp, sp, #FRAME_SIZE
    eret
    .size irq_entry, . - irq_entry
