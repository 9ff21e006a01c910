import CGPIO
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The machine's GPIO chips, through libgpiod (v1 or v2, whichever Pinwheel was built against). Lines are found
/// by name, on the chip with a given label if one is named: never by chip number, which changes between kernels
/// (the Raspberry Pi 5's header chip was gpiochip4 and is gpiochip0 on newer kernels).
public final class SystemChip: GPIOChip {
    /// The label of the chip lines are looked up on, or nil for any chip.
    public let label: String?

    /// The chips of this machine; with `label`, only that chip. Fails if libgpiod is missing, the machine has no
    /// GPIO chips, or no chip has the label.
    public init(label: String?) throws(GPIOError) {
        guard pw_gpio_library_version() != 0 else { throw .libgpiodMissing }
        let chips = pw_gpio_chip_count()
        guard chips > 0 else { throw chips == -EACCES || chips == -EPERM ? .permissionDenied(device: "/dev") : .noGPIOChips }
        self.label = label
    }

    /// Which libgpiod API Pinwheel was built against (1 or 2; 0: none) and its version string.
    public static var library: (api: Int, version: String) {
        (Int(pw_gpio_library_version()), String(cString: pw_gpio_library_version_string()))
    }

    /// Where the line called `name` is.
    public func find(_ name: String) throws(GPIOError) -> pw_gpio_line_info {
        var info = pw_gpio_line_info()
        let result = pw_gpio_find_line(name, label, &info)
        switch -result {
        case 0: return info
        case ENOENT: throw .lineNotFound(name: name, chipLabel: label)
        case ENODEV: throw label.map { .chipNotFound(label: $0) } ?? .noGPIOChips
        case EACCES, EPERM: throw .permissionDenied(device: string(info.chip_path))
        case PW_GPIO_ENOLIB: throw .libgpiodMissing
        default: throw .systemCall("looking up the line", line: name, errno: Errno(rawValue: -result))
        }
    }

    /// Who holds the line called `name` (nil: nobody; an empty string: a holder that gave no name).
    public func consumer(of name: String) throws(GPIOError) -> String? {
        let info = try find(name)
        return info.used != 0 ? string(info.consumer) : nil
    }

    final class Request: LineRequest {
        let handle: OpaquePointer
        var released = false
        let name: String
        init(handle: OpaquePointer, name: String) {
            self.handle = handle
            self.name = name
        }
        var eventSource: EventSource { .libgpiod(handle) }
        var eventDescriptor: Int32 { pw_gpio_event_fd(handle) }
        func value() throws(GPIOError) -> Bool {
            let value = pw_gpio_get_value(handle)
            guard value >= 0 else { throw .systemCall("reading the value", line: name, errno: Errno(rawValue: -value)) }
            return value == 1
        }
        func setValue(_ value: Bool) throws(GPIOError) {
            let result = pw_gpio_set_value(handle, value ? 1 : 0)
            guard result == 0 else { throw .systemCall("setting the value", line: name, errno: Errno(rawValue: -result)) }
        }
        func release() {
            guard !released else { return }
            released = true
            pw_gpio_release(handle)
        }
        deinit { release() }
    }

    private func requestError(_ result: Int32, name: String, info: pw_gpio_line_info) -> GPIOError {
        switch -result {
        case EBUSY:
            let consumer = info.used != 0 ? string(info.consumer) : ""
            return .lineBusy(name: name, consumer: consumer.isEmpty ? nil : consumer)
        case EACCES, EPERM: return .permissionDenied(device: string(info.chip_path))
        default: return .systemCall("requesting the line", line: name, errno: Errno(rawValue: -result))
        }
    }

    /// Requests the line called `name` as an input.
    public func requestInput(_ name: String, consumer: String, settings: InputSettings) throws(GPIOError) -> GPIOInput {
        let info = try find(name)
        let kernelDebounce = settings.debounce != nil && pw_gpio_has_kernel_debounce() != 0
        let softwareDebounce = settings.debounce != nil && !kernelDebounce
        let sourceEdges: EdgeDetection = softwareDebounce ? .both : settings.edges
        let debounceMicroseconds = kernelDebounce ? UInt32(clamping: settings.debounce!.nanoseconds / 1000) : 0
        var handle: OpaquePointer?
        let result = withUnsafePointer(to: info.chip_path) { path in
            path.withMemoryRebound(to: CChar.self, capacity: 64) { path in
                pw_gpio_request_input(
                    path, info.offset, consumer, sourceEdges.shimValue, settings.bias.shimValue,
                    settings.activeLow ? 1 : 0, debounceMicroseconds, UInt32(settings.eventCapacity), &handle)
            }
        }
        guard result == 0, let handle else { throw requestError(result, name: name, info: info) }
        return try GPIOInput(
            name: name, settings: settings, kernelDebounce: kernelDebounce,
            request: Request(handle: handle, name: name), sourceEdges: sourceEdges)
    }

    /// Requests the line called `name` as an output.
    public func requestOutput(_ name: String, consumer: String, settings: OutputSettings) throws(GPIOError) -> GPIOOutput {
        let info = try find(name)
        var handle: OpaquePointer?
        let result = withUnsafePointer(to: info.chip_path) { path in
            path.withMemoryRebound(to: CChar.self, capacity: 64) { path in
                pw_gpio_request_output(
                    path, info.offset, consumer, settings.initialValue ? 1 : 0, settings.activeLow ? 1 : 0, &handle)
            }
        }
        guard result == 0, let handle else { throw requestError(result, name: name, info: info) }
        return GPIOOutput(name: name, settings: settings, request: Request(handle: handle, name: name))
    }
}

/// A fixed-size C string field as a Swift string.
func string<T>(_ field: T) -> String {
    withUnsafeBytes(of: field) { bytes in
        String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
}
