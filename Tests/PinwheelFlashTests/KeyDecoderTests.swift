@testable import PinwheelFlash
import Testing

/// The terminal's bytes as keys: letters are keys; sequences, chords and other bytes are read whole and ignored.
@Suite struct KeyDecoderTests {
    /// The keys `reads` (each string one read from the terminal) produce, and the sequences ignored.
    func keys(_ reads: [[UInt8]]) -> (keys: String, ignored: Int) {
        var decoder = KeyDecoder()
        var keys = ""
        for read in reads {
            for byte in read {
                if let key = decoder.key(after: byte) { keys.append(Character(Unicode.Scalar(key))) }
            }
            decoder.endOfRead()
        }
        return (keys, decoder.ignored)
    }

    let escape: UInt8 = 0x1B

    @Test func lettersAreKeys() {
        #expect(keys([Array("bBq".utf8)]).keys == "bBq")
    }

    @Test func anArrowKeyIsNotALetter() {
        // Down is ESC [ B: before, the B held BUTTON down.
        let down: [UInt8] = [escape] + Array("[B".utf8)
        #expect(keys([down, Array("b".utf8)]) == ("b", 1))
    }

    @Test func functionKeysAndApplicationModeArrowsAreIgnored() {
        let f5: [UInt8] = [escape] + Array("[15~".utf8)
        let f1: [UInt8] = [escape] + Array("OP".utf8)
        let shiftedUp: [UInt8] = [escape] + Array("[1;2A".utf8)
        #expect(keys([f5 + f1 + shiftedUp + Array("x".utf8)]) == ("x", 3))
    }

    @Test func aSequenceSplitBetweenReadsIsStillOneSequence() {
        #expect(keys([[escape, UInt8(ascii: "["), UInt8(ascii: "1")], Array("5~b".utf8)]) == ("b", 1))
    }

    @Test func anAltChordIsIgnoredAndALoneEscapeDoesNotSwallowTheNextKey() {
        #expect(keys([[escape] + Array("b".utf8)]) == ("", 1))
        #expect(keys([[escape], Array("q".utf8)]) == ("q", 1))
    }

    @Test func controlAndNonASCIIBytesAreNotKeys() {
        #expect(keys([Array("é\tb\u{7F}".utf8)]) == ("b", 0))
    }
}
