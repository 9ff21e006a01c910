import CGPIO
#if canImport(Glibc)
import Glibc
#endif

/// Where an input's edge events come from, in a form the interrupt handler can use without reference counting:
/// a libgpiod request, or the read end of a simulated line's event pipe. Both deliver `pw_gpio_event` records.
package enum EventSource {
    case libgpiod(OpaquePointer)
    case pipe(Int32)

    /// Reads the pending events into `buffer` without blocking: how many, or a negative errno.
    package func read(into buffer: UnsafeMutableBufferPointer<pw_gpio_event>) -> Int {
        switch self {
        case .libgpiod(let request):
            return Int(pw_gpio_read_events(request, buffer.baseAddress, Int32(buffer.count)))
        case .pipe(let fd):
            let bytes = Glibc.read(fd, buffer.baseAddress, buffer.count * MemoryLayout<pw_gpio_event>.stride)
            if bytes < 0 { return errno == EAGAIN ? 0 : -Int(errno) }
            return bytes / MemoryLayout<pw_gpio_event>.stride
        }
    }
}
