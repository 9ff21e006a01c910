/// A plain (non-atomic) bitmap over a group's children, for state only the group's own poll touches: the children
/// that finished and wait to be handed out.
public struct ReadyMarks<let words: Int> {
    @usableFromInline var bits = InlineArray<words, UInt>(repeating: 0)
    /// How many bits are set.
    @usableFromInline var count = 0

    @inlinable init() {}

    /// Sets bit `index`.
    @inlinable mutating func insert(_ index: Int) {
        let word = index &>> WakeTarget.wordShift
        let bit: UInt = 1 &<< UInt(index & WakeTarget.bitMask)
        if bits[word] & bit == 0 { count &+= 1 }
        bits[word] |= bit
    }

    /// Clears and returns the lowest set bit's index, if any.
    @inlinable mutating func takeFirst() -> Int? {
        guard count > 0 else { return nil }
        for word in 0..<words where bits[word] != 0 {
            let index = word &* UInt.bitWidth &+ bits[word].trailingZeroBitCount
            bits[word] &= bits[word] &- 1
            count &-= 1
            return index
        }
        return nil
    }
}
