extension String {
    /// The text as it may be shown on a terminal: control characters (C0 but the line feed, DEL, C1) and the
    /// bidirectional-override characters are written as escapes (`\t`, `\r`, `\u{1B}`), so that text from a file or
    /// an argument cannot move the cursor, recolour the terminal or reorder what is shown around it.
    public var shown: String {
        // The common case, printable ASCII, is one pass over the bytes (the console calls this for every line).
        var plain = true
        for byte in utf8 where byte < 0x20 && byte != 0x0A || byte >= 0x7F {
            plain = false
            break
        }
        if plain { return self }
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            guard Self.needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings, overrides and isolates
        default: false
        }
    }
}
