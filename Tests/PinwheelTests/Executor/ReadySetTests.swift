import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct ReadySetTests {
    @Test func oneThousandTwentyFourSlotsEachHaveTheirOwnBit() {
        let set = ReadySet<16>()
        #expect(ReadySet<16>.capacity == 1024)
        #expect(set.isEmpty == true)
        for slot in [0, 1, 63, 64, 65, 511, 512, 1022, 1023] { set.insert(slot) }
        for slot in 0..<1024 {
            #expect(set.contains(slot) == [0, 1, 63, 64, 65, 511, 512, 1022, 1023].contains(slot), "slot \(slot)")
        }
        let width = UInt.bitWidth
        let one: UInt = 1
        #expect(set.take(word: 0) == (one | 2 | one << (width - 1)))
        #expect(set.take(word: 1) == (1 | 2))
        #expect(set.take(word: 0) == 0, "a take empties the word")
        #expect(set.take(word: 15) == (one << (width - 2) | one << (width - 1)))
        #expect(set.isEmpty == false, "words 7 and 8 still hold slots 511 and 512")
        _ = set.take(word: 7)
        _ = set.take(word: 8)
        #expect(set.isEmpty == true)
    }

    @Test func theSummaryNamesTheWokenWordsAndForgetsAWordFoundEmpty() {
        let set = ReadySet<16>()
        #expect(set.namedWords() == 0)
        set.insert(3 * UInt.bitWidth + 7)
        set.insert(12 * UInt.bitWidth)
        #expect(set.namedWords() == (1 << 3 | 1 << 12))
        #expect(set.take(namedWord: 3) == 1 << 7)
        // Taking a word's marks leaves its bit: a word woken again soon costs the waker no second write.
        #expect(set.namedWords() == (1 << 3 | 1 << 12))
        set.insert(3 * UInt.bitWidth + 9)
        #expect(set.take(namedWord: 3) == 1 << 9)
        // Found empty: the bit is stale and goes.
        #expect(set.take(namedWord: 3) == 0)
        #expect(set.namedWords() == 1 << 12)
        // A wake after that names the word again.
        set.insert(3 * UInt.bitWidth)
        #expect(set.namedWords() == (1 << 3 | 1 << 12))
        #expect(set.take(namedWord: 12) == 1)
        #expect(set.take(namedWord: 3) == 1)
    }

    @Test func insertingTwiceCoalesces() {
        let set = ReadySet<1>()
        set.insert(5)
        set.insert(5)
        #expect(set.take(word: 0) == 1 << 5)
    }
}
