import Foundation

/// Instruction counts of interrupt paths, from QEMU's execution trace of a firmware run.
///
/// QEMU run with `-singlestep -d exec,nochain -D FILE` writes one line per instruction it executes
/// (`Trace 0: 0x7f… [00800408/00000076/…] symbol`, the second bracketed field being the program counter). A path
/// starts where an exception or interrupt enters the firmware (the first instruction of a handler the Cortex-M vector
/// table names, or of an entry of the AArch64 vector table) and ends at the first instruction of the counted task's
/// `poll`. Each path is shown as the functions it ran through, with the instructions spent in each: exactly what
/// the core did between the interrupt and the task, counted rather than estimated.
struct InstructionTrace {
    /// One stretch of a path inside one function.
    struct Stretch: Equatable {
        let function: String
        var instructions: Int
    }

    /// The instructions from an entry to the task's poll.
    struct Path {
        /// What was entered: `IRQ 0 (UART0RX_Handler)`, `exception 15 (SysTick_Handler)`, `IRQ vector`.
        let entry: String
        let stretches: [Stretch]
        var instructions: Int { stretches.reduce(0) { $0 + $1.instructions } }
    }

    let paths: [Path]

    /// Reads the trace at `path` for `image`, whose symbols `names` demangles, ending paths at `task`'s poll.
    init(path: String, image: ELFImage, names: [String: String], task: String) {
        let functions = image.symbols.filter(\.isFunction).sorted { $0.address < $1.address }
        let display = { (symbol: ELFImage.Symbol) -> String in Self.shortName(names[symbol.name] ?? symbol.name) }
        let pollName = "Firmware.\(task).poll("
        let pollAddress = image.symbols.first { $0.isFunction && names[$0.name]?.hasPrefix(pollName) == true }?.address
        let entries = Self.entries(of: image, functions: functions)
        var cache: [UInt64: String] = [:]
        func function(at pc: UInt64) -> String {
            if let name = cache[pc] { return name }
            var low = 0, high = functions.count
            while low < high {
                let middle = (low + high) / 2
                if functions[middle].address <= pc { low = middle + 1 } else { high = middle }
            }
            let symbol = low > 0 ? functions[low - 1] : nil
            let name = symbol.map { pc < $0.address + $0.size ? display($0) : "0x" + String(pc, radix: 16) } ?? "0x" + String(pc, radix: 16)
            cache[pc] = name
            return name
        }
        var paths: [Path] = []
        var current: (entry: String, stretches: [Stretch])?
        Self.forEachProgramCounter(inFile: path) { pc in
            if let entry = entries[pc] {
                current = (entry, [])
            }
            guard var open = current else { return }
            if pc == pollAddress {
                paths.append(Path(entry: open.entry, stretches: open.stretches))
                current = nil
                return
            }
            var name = function(at: pc)
            // Code the compiler outlined (-Osize) belongs to the function that branched to it.
            if name.hasPrefix("OUTLINED_FUNCTION"), let caller = open.stretches.last?.function { name = caller }
            if open.stretches.last?.function == name {
                open.stretches[open.stretches.count - 1].instructions += 1
            } else {
                open.stretches.append(Stretch(function: name, instructions: 1))
            }
            current = open
        }
        self.paths = paths
    }

    /// What a function on the path does there, for the ones every path passes through.
    static func role(of function: String) -> String? {
        if function.lowercased().contains("handler") { return "the handler: silences the device, wakes the task" }
        if function.hasPrefix("WakerCell.wake") { return "the waker: loads the task's waker from the cell" }
        if function.hasPrefix("WakeTarget.wake") { return "the ready bit: one fetch-or into the ready word" }
        if function.hasPrefix("Executor.loop") || function.hasPrefix("Executor.run") { return "wfi returns; unmask, take the ready word, poll the set bit's slot" }
        if function.hasPrefix("Executor.pollBatch") { return "the batch: the set bit's slot, its poll" }
        if function.hasPrefix("Executor.serviceTimers") { return "the timer queue: expire what is due, wake its tasks" }
        return nil
    }

    /// A demangled name as a reader wants it on a path: `Executor.pollBatch`, not the specialisation's signature.
    static func shortName(_ demangled: String) -> String {
        var text = Substring(demangled)
        if text.hasPrefix("generic specialization <"), let of = text.range(of: "> of ") { text = text[of.upperBound...] }
        var result = ""
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if depth == 0, character == "(" {
                if text[index...].hasPrefix("(extension in "), let close = text[index...].firstIndex(of: ":") {
                    index = text.index(after: close)
                    continue
                }
                break  // the argument list
            }
            if character == "<" { depth += 1 } else if character == ">" { depth -= 1 } else if depth == 0 { result.append(character) }
            index = text.index(after: index)
        }
        for prefix in ["static ", "Firmware.", "Pinwheel."] where result.hasPrefix(prefix) { result.removeFirst(prefix.count) }
        return result.replacingOccurrences(of: "Firmware.", with: "").replacingOccurrences(of: "Pinwheel.", with: "")
            .trimmingCharacters(in: .whitespaces)
    }

    /// Where the firmware is entered by an exception or interrupt, and what to call it: on a Cortex-M, each handler
    /// the vector table names (except reset); on AArch64, each 128-byte entry of the table at `vector_table`.
    static func entries(of image: ELFImage, functions: [ELFImage.Symbol]) -> [UInt64: String] {
        guard let table = image.symbol("vector_table") ?? image.symbols.first(where: { $0.name == "vector_table" }) else { return [:] }
        var entries: [UInt64: String] = [:]
        if image.is64Bit {
            let kinds = ["synchronous", "IRQ", "FIQ", "SError"]
            let levels = ["current EL, SP_EL0", "current EL, SP_ELx", "lower EL, AArch64", "lower EL, AArch32"]
            for index in 0..<16 {
                entries[table.address + UInt64(index) * 0x80] = "\(kinds[index % 4]) vector (\(levels[index / 4]))"
            }
            return entries
        }
        for (index, word) in (image.words(of: table) ?? []).enumerated() where index > 1 && word != 0 {
            let address = word & ~1
            let handler = functions.first { $0.address == address }?.name ?? "0x" + String(address, radix: 16)
            entries[address] = entries[address] ?? (index >= 16 ? "IRQ \(index - 16)" : "exception \(index)") + " (\(handler))"
        }
        return entries
    }

    /// Calls `body` with the program counter of each `Trace` line of the file, reading it in blocks.
    static func forEachProgramCounter(inFile path: String, _ body: (UInt64) -> Void) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty {
            var bytes = carry
            bytes.append(contentsOf: block)
            var start = 0
            for index in bytes.indices where bytes[index] == 0x0A {
                if let pc = programCounter(bytes[start..<index]) { body(pc) }
                start = index + 1
            }
            // A line longer than any trace line (4 KiB) is not one: dropped, so the carry stays bounded.
            carry = bytes.count - start <= 4096 ? Array(bytes[start...]) : []
        }
        if let pc = programCounter(carry[...]) { body(pc) }
    }

    /// The second field inside the brackets of a `Trace` line, as hexadecimal.
    static func programCounter(_ line: ArraySlice<UInt8>) -> UInt64? {
        guard line.starts(with: Array("Trace ".utf8)), let open = line.firstIndex(of: 0x5B),
              let slash = line[open...].firstIndex(of: 0x2F)
        else { return nil }
        var value: UInt64 = 0
        for byte in line[(slash + 1)...] {
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(byte - 0x57)
            default: return value
            }
        }
        return value
    }

    /// The report, as lines for the console: every path when there are a few, else the first and the spread.
    func lines(task: String) -> [String] {
        guard let first = paths.first else {
            return ["Instructions: no interrupt reached \(task).poll in the trace"]
        }
        var lines = ["Instructions from interrupt to task, counted by QEMU (-singlestep -d exec: one trace line per instruction):"]
        let shown = paths.count <= 3 ? paths : [first]
        for path in shown {
            lines.append("  \(path.entry) → \(task).poll: \(path.instructions) instructions")
            var seen = Set<String>()
            for (index, stretch) in path.stretches.enumerated() {
                let role = index == 0 ? "the vector: where the interrupt controller sent the core"
                    : seen.contains(stretch.function) ? "returns" : Self.role(of: stretch.function)
                seen.insert(stretch.function)
                lines.append("    \(String(stretch.instructions).leftAligned(5))  \(stretch.function)" + (role.map { "  (\($0))" } ?? ""))
            }
        }
        if paths.count > 3 {
            let counts = paths.map(\.instructions).sorted()
            lines.append("  \(paths.count) paths to \(task).poll: least \(counts.first!), median \(counts[counts.count / 2]), "
                + "most \(counts.last!) instructions")
        }
        return lines
    }
}

private extension String {
    func leftAligned(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
