import Foundation

/// A firmware image's memory map, read from its linked ELF file: where text, data and bss went and how much of
/// the text is the core's, the vector table and what each entry points at, the task table (the executor in static
/// storage) and each task's code.
struct FirmwareMap {
    let image: ELFImage
    let path: String
    /// Symbol names, demangled (Swift's with the toolchain's swift-demangle; C names as they are).
    let names: [String: String]

    /// Reads the image at `path`; `shownPath` is how the map names it.
    init(path: String, shownPath: String) throws(FirmwareError) {
        do { image = try ELFImage(path: path) } catch { throw .image(error) }
        self.path = shownPath
        names = Self.demangle(image.symbols.map(\.name).filter { $0.hasPrefix("$e") })
    }

    /// Text bytes by owner: the core (module Pinwheel), the demo and board (module Firmware), and the rest (startup
    /// code, picolibc, libgcc).
    var textByOwner: (core: UInt64, firmware: UInt64, runtime: UInt64) {
        var result: (core: UInt64, firmware: UInt64, runtime: UInt64) = (0, 0, 0)
        let readOnly = image.sections.filter { $0.isReadOnly && !$0.isZeroed }
        var counted = Set<UInt64>()  // an alias (a weak handler that is the fault handler) shares its target's bytes
        for symbol in image.symbols where readOnly.contains(where: { $0.address <= symbol.address && symbol.address < $0.address + $0.size }) {
            guard counted.insert(symbol.address).inserted else { continue }
            if symbol.name.hasPrefix("$e8Pinwheel") { result.core += symbol.size }
            else if symbol.name.hasPrefix("$e8Firmware") { result.firmware += symbol.size }
            else { result.runtime += symbol.size }
        }
        return result
    }

    /// The bytes of code and read-only data in the image.
    var textBytes: UInt64 { image.sections.filter { $0.isReadOnly && !$0.isZeroed }.reduce(0) { $0 + $1.size } }

    /// The map, as lines for the console.
    func lines() -> [String] {
        let width = image.is64Bit ? 16 : 8
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        func bytes(_ value: UInt64) -> String { value.formatted(.number.grouping(.automatic)) + " B" }
        var lines = ["Memory map (read from \(path)):"]
        let groups: [(String, [ELFImage.Section], String)] = [
            ("text", image.sections.filter { $0.isReadOnly && !$0.isZeroed }, "code and constants"),
            ("data", image.sections.filter { !$0.isReadOnly && !$0.isZeroed }, "initialised variables, copied to RAM at reset"),
            ("bss", image.sections.filter(\.isZeroed), "zeroed at reset: variables, and the stacks"),
        ]
        for (label, sections, what) in groups where !sections.isEmpty {
            let total = sections.reduce(0) { $0 + $1.size }
            let parts = sections.map { "\($0.name) \($0.size)" }.joined(separator: ", ")
            lines.append("  \(label.padding(toLength: 5, withPad: " ", startingAt: 0)) \(hex(sections[0].address))  \(bytes(total).leftPad(9))  \(what) (\(parts))")
        }
        let owners = textByOwner
        let other = textBytes - min(textBytes, owners.core + owners.firmware + owners.runtime)
        lines.append("        of the text: core (Pinwheel) \(bytes(owners.core)), demo and board (Firmware) \(bytes(owners.firmware)), "
            + "startup and C runtime \(bytes(owners.runtime)), other \(bytes(other)) (constants, unwind tables, alignment)")
        if let table = image.symbol("vector_table") {
            lines.append("  vector table  vector_table at \(hex(table.address)), \(bytes(table.size))" + vectorSummary(table))
        }
        if let table = image.symbols.first(where: { names[$0.name]?.hasPrefix("Firmware.taskTable") == true }) {
            let type = names[table.name].map { $0.replacingOccurrences(of: "Firmware.taskTable : ", with: "") } ?? ""
            lines.append("  task table    taskTable at \(hex(table.address)), \(bytes(table.size)): \(Self.simplified(type))")
        }
        let polls = image.symbols.filter { symbol in
            guard let name = names[symbol.name], symbol.isFunction, name.hasPrefix("Firmware.") else { return false }
            return name.contains(".poll(")
        }
        for poll in polls.sorted(by: { $0.address < $1.address }) {
            let name = names[poll.name]!.dropFirst("Firmware.".count).prefix { $0 != "(" }
            lines.append("  task          \(name.dropLast(".poll".count)): poll() is \(bytes(poll.size)) of code at \(hex(poll.address))")
        }
        return lines
    }

    /// Where the entries of a Cortex-M vector table point: the initial stack, then handlers by exception number
    /// (16 and up are device interrupts). An AArch64 table holds code, not addresses: it is described by its size.
    func vectorSummary(_ table: ELFImage.Symbol) -> String {
        guard !image.is64Bit, let words = image.words(of: table) else {
            return ", \((table.size + 127) / 128) entries of 128 B (VBAR_EL1; each entry is code)"
        }
        var defaults = 0
        var defaultName = ""
        var named: [String] = []
        for (index, word) in words.enumerated() where index > 0 && word != 0 {
            let handler = image.function(containing: word)?.name ?? String(word, radix: 16)
            let slot = index >= 16 ? "IRQ \(index - 16)" : "exception \(index)"
            if handler.hasSuffix("Fault_Handler") {
                defaults += 1
                defaultName = handler
            } else {
                named.append("\(slot) → \(handler)")
            }
        }
        return ", \(words.count) entries: " + named.joined(separator: ", ")
            + (defaults > 0 ? "; \(defaults) more → \(defaultName)" : "")
    }

    /// `Pinwheel.Executor<Pinwheel.TaskPool<Firmware.Blinky, 4>, 1, 4>?` without the module names and the `?`.
    static func simplified(_ type: String) -> String {
        var text = type.replacingOccurrences(of: "Pinwheel.", with: "").replacingOccurrences(of: "Firmware.", with: "")
        if text.hasSuffix("?") { text.removeLast() }
        return text
    }

    /// Demangles Swift symbol names with the toolchain's `swift-demangle`, one a line; an empty map when it is not
    /// there (the map then shows fewer rows, but the sizes are the same).
    static func demangle(_ symbols: [String]) -> [String: String] {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swift-demangle" }
            + ["/opt/swift/usr/bin/swift-demangle"]
        guard !symbols.isEmpty, let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return [:] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return [:] }
        // Write from another thread: the demangler's output pipe must be drained while it reads.
        let text = symbols.joined(separator: "\n") + "\n"
        Thread.detachNewThread {
            input.fileHandleForWriting.write(Data(text.utf8))
            try? input.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let demangled = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard demangled.count >= symbols.count else { return [:] }
        return Dictionary(zip(symbols, demangled.map(String.init)), uniquingKeysWith: { first, _ in first })
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
