/// Turns the bytes a terminal sends into keys: each printable ASCII character is a key; escape sequences (the
/// arrow and function keys' `ESC [ A`, `ESC O P`, `ESC [ 1 5 ~`), Alt chords (`ESC x`), control characters and
/// bytes of non-ASCII characters are read whole and ignored, never taken as letters. A sequence split between two
/// reads is still read whole.
struct KeyDecoder {
    private enum State {
        /// Between keys.
        case ground
        /// After ESC: a sequence, an Alt chord, or (at the end of a read) the Escape key itself.
        case escape
        /// In `ESC [` …: parameter and intermediate bytes until a final byte.
        case controlSequence
        /// After `ESC O`: one more byte (F1-F4, and arrows in application mode).
        case singleShift
    }

    private var state = State.ground
    /// Sequences and chords read and ignored.
    private(set) var ignored = 0

    /// The key `byte` completes, if it completes one.
    mutating func key(after byte: UInt8) -> UInt8? {
        switch state {
        case .ground:
            if byte == 0x1B {
                state = .escape
                return nil
            }
            return (0x20...0x7E).contains(byte) ? byte : nil
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .controlSequence
            case UInt8(ascii: "O"): state = .singleShift
            case 0x1B: break  // the first ESC was the Escape key; this one starts anew
            default: finish()  // an Alt chord
            }
            return nil
        case .controlSequence:
            // 0x20-0x3F continue it; a final byte (0x40-0x7E) ends it, anything else abandons it.
            if !(0x20...0x3F).contains(byte) { finish() }
            return nil
        case .singleShift:
            finish()
            return nil
        }
    }

    /// The end of one read: an ESC that ended it was the Escape key (a terminal sends a sequence in one write),
    /// not the start of a chord with the next key.
    mutating func endOfRead() {
        if state == .escape { finish() }
    }

    private mutating func finish() {
        state = .ground
        ignored += 1
    }
}
