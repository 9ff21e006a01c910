/// Register addresses of the raspi3b's devices as the ARM core sees them with the MMU off: the BCM2837's
/// peripherals at 0x3F000000 (the VideoCore's bus addresses 0x7E000000 moved down) and the BCM2836 local interrupt
/// controller at 0x40000000.
enum Register {
    /// GPIO function select for GPIO 10-19: three bits a pin, GPIO 17 in bits 21-23 (001 = output).
    static let gpioFunctionSelect1: UInt = 0x3F20_0004
    /// Writing 1 to bit n drives GPIO n high; 0 bits do nothing.
    static let gpioSet0: UInt = 0x3F20_001C
    /// Writing 1 to bit n drives GPIO n low; 0 bits do nothing.
    static let gpioClear0: UInt = 0x3F20_0028
    /// The level of GPIO 0-31, one bit a pin.
    static let gpioLevel0: UInt = 0x3F20_0034

    /// PL011 (UART0): data, receive status (read) and error clear (write), flags, baud divisors, line control,
    /// control, interrupt mask and clear.
    static let uartData: UInt = 0x3F20_1000
    static let uartReceiveStatus: UInt = 0x3F20_1004
    static let uartFlags: UInt = 0x3F20_1018
    static let uartIntegerBaud: UInt = 0x3F20_1024
    static let uartFractionalBaud: UInt = 0x3F20_1028
    static let uartLineControl: UInt = 0x3F20_102C
    static let uartControl: UInt = 0x3F20_1030
    static let uartInterruptMask: UInt = 0x3F20_1038
    static let uartInterruptClear: UInt = 0x3F20_1044

    /// BCM2835 interrupt controller: enable GPU IRQs 32-63, one bit each. (The dispatcher in Exceptions.c reads
    /// their pending bits at 0x3F00B208, and core 0's IRQ sources at 0x40000060.)
    static let gpuEnable2: UInt = 0x3F00_B214

    /// BCM2836 local interrupt controller: which core takes the GPU's IRQ (bits 0-1), and core 0's generic timer
    /// routing (bit n: timer n to IRQ; 0 secure physical, 1 non-secure physical, 2 hypervisor, 3 virtual).
    static let gpuInterruptRouting: UInt = 0x4000_000C
    static let core0TimerInterruptControl: UInt = 0x4000_0040
}
