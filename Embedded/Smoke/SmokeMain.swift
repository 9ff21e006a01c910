// Entry point of the embedded smoke program (x86_64-unknown-linux-gnu, Embedded Swift, -no-allocations).
@_extern(c, "putchar") func putchar(_ c: Int32) -> Int32

func write(_ text: StaticString) {
    text.withUTF8Buffer { for byte in $0 { _ = putchar(Int32(byte)) } }
}

func write(_ number: UInt64) {
    var digits = InlineArray<20, UInt8>(repeating: 0)
    var count = 0
    var rest = number
    repeat {
        digits[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
        rest /= 10
        count += 1
    } while rest > 0
    while count > 0 {
        count -= 1
        _ = putchar(Int32(digits[count]))
    }
}

@main
struct Smoke {
    static func main() {
        let ok = runSmoke()
        write("embedded smoke: pings=")
        write(UInt64(report.pings))
        write(" ticks=")
        write(UInt64(report.ticks))
        write(" race=")
        write(UInt64(report.raceWinner))
        write(" finished at ")
        write(report.finishedAt)
        write(" ns virtual: ")
        write(ok ? "PASS\n" : "FAIL\n")
        if !ok { fatalError() }
    }
}
