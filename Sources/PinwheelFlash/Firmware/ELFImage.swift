import Foundation

/// A linked firmware image as its ELF file describes it: the sections that occupy memory and the symbols, read
/// straight from the file (32- or 64-bit, little-endian), so that the memory map shows what was really linked.
struct ELFImage {
    /// A section that takes memory on the board (`SHF_ALLOC`).
    struct Section: Equatable {
        let name: String
        let address: UInt64
        let size: UInt64
        /// Code or read-only data (not writable).
        let isReadOnly: Bool
        /// Takes no room in the image: zeroed at reset (`SHT_NOBITS`, .bss).
        let isZeroed: Bool
        let isExecutable: Bool
        /// Where the section's bytes are in the file.
        let fileOffset: UInt64
    }

    /// A function or object symbol with its address and size.
    struct Symbol: Equatable {
        let name: String
        let address: UInt64
        let size: UInt64
        let isFunction: Bool
    }

    let is64Bit: Bool
    let bytes: [UInt8]
    let sections: [Section]
    let symbols: [Symbol]

    /// Reads the image at `path`.
    init(path: String) throws(ELFError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        try self.init(bytes: [UInt8](data), path: path)
    }

    /// Parses `bytes`; `path` names the file in errors.
    init(bytes: [UInt8], path: String) throws(ELFError) {
        let reader = Reader(bytes: bytes)
        guard bytes.count >= 52, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw .notELF(path: path)
        }
        guard bytes[5] == 1 else { throw .malformed(path: path, what: "a big-endian image (only little-endian is read)") }
        is64Bit = bytes[4] == 2
        self.bytes = bytes
        let w = is64Bit
        // The ELF header: where the section headers are, their size and count, and the section-name table's index.
        let sectionOffset = try reader.word(at: w ? 0x28 : 0x20, wide: w, path: path)
        let entrySize = UInt64(try reader.half(at: w ? 0x3A : 0x2E, path: path))
        let count = UInt64(try reader.half(at: w ? 0x3C : 0x30, path: path))
        let namesIndex = UInt64(try reader.half(at: w ? 0x3E : 0x32, path: path))
        guard count > 0, namesIndex < count else { throw .malformed(path: path, what: "no section headers") }

        struct Header { var name: UInt64, type: UInt64, flags: UInt64, address: UInt64, offset: UInt64, size: UInt64, link: UInt64, entrySize: UInt64 }
        var headers: [Header] = []
        for index in 0..<count {
            let base = sectionOffset + index * entrySize
            headers.append(Header(
                name: UInt64(try reader.u32(at: base, path: path)),
                type: UInt64(try reader.u32(at: base + 4, path: path)),
                flags: try reader.word(at: base + 8, wide: w, path: path),
                address: try reader.word(at: base + (w ? 0x10 : 0x0C), wide: w, path: path),
                offset: try reader.word(at: base + (w ? 0x18 : 0x10), wide: w, path: path),
                size: try reader.word(at: base + (w ? 0x20 : 0x14), wide: w, path: path),
                link: UInt64(try reader.u32(at: base + (w ? 0x28 : 0x18), path: path)),
                entrySize: try reader.word(at: base + (w ? 0x38 : 0x24), wide: w, path: path)))
        }
        let names = headers[Int(namesIndex)]
        var sections: [Section] = []
        for header in headers where header.flags & 0x2 != 0 && header.size > 0 {  // SHF_ALLOC
            sections.append(Section(
                name: try reader.string(at: names.offset + header.name, path: path), address: header.address,
                size: header.size, isReadOnly: header.flags & 0x1 == 0, isZeroed: header.type == 8,
                isExecutable: header.flags & 0x4 != 0, fileOffset: header.offset))
        }
        self.sections = sections

        var symbols: [Symbol] = []
        for table in headers where table.type == 2 && table.entrySize > 0 {  // SHT_SYMTAB
            guard table.link < count else { throw .malformed(path: path, what: "a symbol table without its names") }
            let strings = headers[Int(table.link)]
            for index in 1..<max(1, table.size / table.entrySize) {
                let base = table.offset + index * table.entrySize
                let name = UInt64(try reader.u32(at: base, path: path))
                let info = try reader.byte(at: base + (w ? 4 : 12), path: path)
                let address = try reader.word(at: base + (w ? 8 : 4), wide: w, path: path)
                let size = try reader.word(at: base + (w ? 16 : 8), wide: w, path: path)
                let type = info & 0xF  // STT_OBJECT 1, STT_FUNC 2
                guard type == 1 || type == 2, size > 0 else { continue }
                symbols.append(Symbol(
                    name: try reader.string(at: strings.offset + name, path: path),
                    address: is64Bit ? address : address & ~1,  // a Thumb function's address has bit 0 set
                    size: size, isFunction: type == 2))
            }
        }
        self.symbols = symbols
    }

    /// The symbol called `name`.
    func symbol(_ name: String) -> Symbol? { symbols.first { $0.name == name } }

    /// The function that contains `address`, if any.
    func function(containing address: UInt64) -> Symbol? {
        let address = is64Bit ? address : address & ~1
        return symbols.first { $0.isFunction && $0.address <= address && address < $0.address + $0.size }
    }

    /// The pointer-sized words stored at `symbol` (a table of handler addresses, say), read from the file; nil if
    /// the symbol is not in a section with contents.
    func words(of symbol: Symbol) -> [UInt64]? {
        guard let section = sections.first(where: { !$0.isZeroed && $0.address <= symbol.address && symbol.address + symbol.size <= $0.address + $0.size })
        else { return nil }
        let reader = Reader(bytes: bytes)
        let width: UInt64 = is64Bit ? 8 : 4
        let start = section.fileOffset + (symbol.address - section.address)
        return try? (0..<symbol.size / width).map { index throws(ELFError) in
            try reader.word(at: start + index * width, wide: is64Bit, path: "")
        }
    }
}

/// Why a firmware image could not be read: the file is missing, not ELF, or cut short.
public enum ELFError: Error, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String)
    /// The file does not start with the ELF magic number.
    case notELF(path: String)
    /// The file is ELF but something in it points outside it or is not what this reader knows.
    case malformed(path: String, what: String)

    /// What went wrong, naming the file.
    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the firmware image \(path)"
        case .notELF(let path): "\(path) is not an ELF file"
        case .malformed(let path, let what): "\(path): cannot read the ELF file: \(what)"
        }
    }
}

/// Little-endian reads from the file's bytes, each checked against the file's end.
private struct Reader {
    let bytes: [UInt8]

    func byte(at offset: UInt64, path: String) throws(ELFError) -> UInt8 {
        guard offset < UInt64(bytes.count) else { throw .malformed(path: path, what: "an offset past the end of the file") }
        return bytes[Int(offset)]
    }

    func half(at offset: UInt64, path: String) throws(ELFError) -> UInt16 {
        UInt16(try byte(at: offset, path: path)) | UInt16(try byte(at: offset + 1, path: path)) << 8
    }

    func u32(at offset: UInt64, path: String) throws(ELFError) -> UInt32 {
        UInt32(try half(at: offset, path: path)) | UInt32(try half(at: offset + 2, path: path)) << 16
    }

    func word(at offset: UInt64, wide: Bool, path: String) throws(ELFError) -> UInt64 {
        wide ? UInt64(try u32(at: offset, path: path)) | UInt64(try u32(at: offset + 4, path: path)) << 32
            : UInt64(try u32(at: offset, path: path))
    }

    func string(at offset: UInt64, path: String) throws(ELFError) -> String {
        var end = offset
        while try byte(at: end, path: path) != 0 { end += 1 }
        return String(decoding: bytes[Int(offset)..<Int(end)], as: UTF8.self)
    }
}
