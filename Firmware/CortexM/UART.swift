import Pinwheel

/// CMSDK UART 0 of the mps2-an386, for output: the firmware's log.
enum UART {
    static func start() {
        pw_write32(Register.uart0BaudDivider, 16)  // the smallest divider the CMSDK UART accepts
        pw_write32(Register.uart0Control, 0b01)  // transmit enabled
    }

    static func write(_ byte: UInt8) {
        while pw_read32(Register.uart0State) & 1 != 0 {}  // transmit buffer full
        pw_write32(Register.uart0Data, UInt32(byte))
    }

    static func write(_ text: StaticString) {
        text.withUTF8Buffer { for byte in $0 { write(byte) } }
    }

    /// `value` in decimal, at least `width` digits (zero-padded) or right-aligned in `width` columns.
    static func write(_ value: UInt64, width: Int = 0, pad: UInt8 = 0x30) {
        var digits = InlineArray<20, UInt8>(repeating: 0)
        var count = 0
        var rest = value
        repeat {
            digits[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
            count += 1
        } while rest > 0
        var padding = width - count
        while padding > 0 {
            write(pad)
            padding -= 1
        }
        while count > 0 {
            count -= 1
            write(digits[count])
        }
    }

    /// The start of a log record, as the hosted demos print it: `[   0.500000] INFO  task       `.
    static func record(at time: Pinwheel.Duration, task: StaticString) {
        let micros = time.nanoseconds / 1_000
        write("[")
        write(micros / 1_000_000, width: 4, pad: 0x20)
        write(".")
        write(micros % 1_000_000, width: 6)
        write("] INFO  ")
        write(task)
        var column = task.utf8CodeUnitCount
        while column < 11 {
            write(0x20)
            column += 1
        }
    }
}
