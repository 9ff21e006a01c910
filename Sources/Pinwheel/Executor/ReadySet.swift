import Synchronization

/// The ready bitmap: one bit per task slot, `words × UInt.bitWidth` bits in all, in atomic words.
///
/// Waking is one atomic fetch-or with wrapping shifts: safe from a signal handler or any thread, with no lock,
/// allocation, retain or lazy initialisation. The executor takes a batch with one exchange per word the summary
/// names and visits only the set bits, so one wake among 1024 idle tasks touches the words it marked, not all 16.
public struct ReadySet<let words: Int>: ~Copyable, @unchecked Sendable {
    // Safety (Sendable): every word, the summary included, is an atomic; wakers only set bits, the executor takes them.
    @usableFromInline let bits: InlineArray<words, AtomicWord>
    /// The summary level, for sets of 2 to `UInt.bitWidth` words: bit `w` is set when word `w` may hold marks. A
    /// wake sets its word's summary bit after the word, unless it finds the bit already set; a batch reads the
    /// summary and takes only the words it names. A bit stays set while its word keeps being woken, so a wake into a
    /// word already named costs one atomic write, as in a one-word set; the batch clears a bit when it finds its word
    /// empty, then looks at the word once more (``take(namedWord:)``). A bit may outlive its word's marks, which
    /// costs one empty take; a mark is never left without its bit, so no wake is lost.
    @usableFromInline let summary = AtomicWord()

    /// An empty set.
    public init() { bits = InlineArray { _ in AtomicWord() } }

    /// How many slots the set can mark.
    public static var capacity: Int { words &* UInt.bitWidth }

    /// Whether the set keeps a summary word: more than one word, and no more than a summary word has bits.
    @inlinable public static var summarized: Bool { words > 1 && words <= UInt.bitWidth }

    /// Marks `slot` ready.
    @inlinable public func insert(_ slot: Int) {
        insert(word: slot &>> WakeTarget.wordShift, bits: 1 &<< UInt(slot & WakeTarget.bitMask))
    }

    /// The words that may hold marks: the summary's bits (every word when the set keeps no summary). Reading them
    /// clears nothing; ``take(namedWord:)`` clears a bit whose word it finds empty.
    @inlinable public func namedWords() -> UInt {
        guard Self.summarized else { return words == 1 ? 1 : .max }
        return summary.value.load(ordering: .acquiring)
    }

    /// Takes every mark in word `word`, which ``namedWords()`` named. An empty word's summary bit is stale: it is
    /// cleared, and the word taken once more, because a wake that saw the bit still set did not set it again.
    @inlinable public func take(namedWord word: Int) -> UInt {
        guard Self.summarized else { return take(word: word) }
        // Named, so most likely marked: straight to the exchange, without take(word:)'s look first.
        let marks = bits[word].value.exchange(0, ordering: .acquiring)
        guard marks == 0 else { return marks }
        // Sequentially consistent, paired with the wake's fetch-or and summary load: either the wake sees the
        // cleared bit and sets it again, or the load below sees the wake's mark.
        summary.value.bitwiseAnd(~(1 &<< UInt(word)), ordering: .sequentiallyConsistent)
        guard bits[word].value.load(ordering: .sequentiallyConsistent) != 0 else { return 0 }
        return bits[word].value.exchange(0, ordering: .acquiring)
    }

    /// The summary word's address, for a ``WakeTarget``; nil when the set keeps none.
    @usableFromInline func summaryAddress() -> UnsafePointer<AtomicWord>? {
        guard Self.summarized else { return nil }
        return unsafe withUnsafePointer(to: summary) { unsafe $0 }
    }

    /// Marks every slot whose bit is set in `bits` within word `word`, with one fetch-or.
    @inlinable public func insert(word: Int, bits marks: UInt) {
        guard marks != 0 else { return }
        bits[word].value.bitwiseOr(marks, ordering: .sequentiallyConsistent)
        guard Self.summarized else { return }
        let named: UInt = 1 &<< UInt(word)
        if summary.value.load(ordering: .sequentiallyConsistent) & named == 0 {
            summary.value.bitwiseOr(named, ordering: .sequentiallyConsistent)
        }
    }

    /// Whether `slot` is marked.
    @inlinable public func contains(_ slot: Int) -> Bool {
        bits[slot &>> WakeTarget.wordShift].value.load(ordering: .acquiring) & (1 &<< UInt(slot & WakeTarget.bitMask)) != 0
    }

    /// Whether no slot is marked.
    @inlinable public var isEmpty: Bool {
        for word in 0..<words where bits[word].value.load(ordering: .sequentiallyConsistent) != 0 { return false }
        return true
    }

    /// Takes every mark in word `word`, leaving it empty; a relaxed load first skips the exchange when it is empty.
    @inlinable public func take(word: Int) -> UInt {
        guard bits[word].value.load(ordering: .relaxed) != 0 else { return 0 }
        return bits[word].value.exchange(0, ordering: .acquiring)
    }

    /// The address of the first word, for a ``WakeTarget``. Valid while the set does not move.
    @usableFromInline func baseAddress() -> UnsafePointer<AtomicWord> {
        unsafe withUnsafePointer(to: bits) { unsafe UnsafeRawPointer($0).assumingMemoryBound(to: AtomicWord.self) }
    }
}
