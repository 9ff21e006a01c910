import Pinwheel

/// The firmware's log, written over the board's UART (`UART.write(_:)`, one byte at a time, waiting while the
/// transmitter is full): text, decimal numbers, and the record prefix the hosted demos print, so that a firmware run
/// reads like a `pinwheel flash` run on Linux.
enum Log {
    static func write(_ byte: UInt8) { UART.write(byte) }

    static func write(_ text: StaticString) {
        text.withUTF8Buffer { for byte in $0 { UART.write(byte) } }
    }

    /// `value` in decimal, at least `width` digits: zero-padded, or right-aligned with `pad`.
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
            UART.write(pad)
            padding -= 1
        }
        while count > 0 {
            count -= 1
            UART.write(digits[count])
        }
    }

    /// `value` in decimal. (A 32-bit value is widened through its word: see `UInt64.init(widening:)`.)
    static func write(_ value: UInt32) { write(UInt64(widening: value)) }

    /// `value` as `0x` and eight hexadecimal digits.
    static func write(hex value: UInt32) {
        write("0x")
        var shift: UInt32 = 28
        while true {
            let digit = UInt8(truncatingIfNeeded: (value &>> shift) & 0xF)
            UART.write(digit < 10 ? 0x30 &+ digit : 0x57 &+ digit)
            if shift == 0 { break }
            shift &-= 4
        }
    }

    /// Ends a line: carriage return and line feed, as a serial terminal wants.
    static func endLine() { write("\r\n") }

    /// The start of a record, as the hosted demos print it: `[   0.500000] INFO  task       `.
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
            UART.write(0x20)
            column += 1
        }
    }
}

extension UInt64 {
    /// `value` widened. (With Swift 6.3.1, Embedded Swift on a 32-bit target turns `UInt64(value)` and
    /// `UInt64(truncatingIfNeeded:)` from a narrower integer into generic code that uses an `Array`, which
    /// `-no-allocations` rejects; building from the word's bits does not.)
    init(widening value: UInt32) { self.init(_truncatingBits: UInt(value)) }
}
