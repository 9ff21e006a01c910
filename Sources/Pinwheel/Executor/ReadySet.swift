import Synchronization

/// The ready bitmap: one bit per task slot, `words × UInt.bitWidth` bits in all, in atomic words.
///
/// Waking is one atomic fetch-or with wrapping shifts: safe from a signal handler or any thread, with no lock,
/// allocation, retain or lazy initialisation. The executor takes a batch with one exchange per non-empty word
/// and visits only the set bits, so one wake among 1024 idle tasks costs what it costs among 8, plus a load of
/// each empty word.
public struct ReadySet<let words: Int>: ~Copyable, @unchecked Sendable {
    @usableFromInline let bits: InlineArray<words, AtomicWord>
    /// The summary level, for sets of 2 to `UInt.bitWidth` words: bit `w` is set when word `w` may be non-empty. A
    /// wake sets its word's summary bit after the word; a batch takes the summary first, then only the words it
    /// names. A bit may outlive its word's marks (the batch that took them left it), which
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

    /// Takes the summary: the words that may hold marks (every word when the set keeps no summary).
    @inlinable public func takeSummary() -> UInt {
        guard Self.summarized else { return words == 1 ? 1 : .max }
        guard summary.value.load(ordering: .relaxed) != 0 else { return 0 }
        return summary.value.exchange(0, ordering: .acquiring)
    }

    /// The summary word's address, for a ``WakeTarget``; nil when the set keeps none.
    @usableFromInline func summaryAddress() -> UnsafePointer<AtomicWord>? {
        guard Self.summarized else { return nil }
        return withUnsafePointer(to: summary) { $0 }
    }

    /// Marks every slot whose bit is set in `bits` within word `word`, with one fetch-or.
    @inlinable public func insert(word: Int, bits marks: UInt) {
        guard marks != 0 else { return }
        bits[word].value.bitwiseOr(marks, ordering: .sequentiallyConsistent)
        if Self.summarized { summary.value.bitwiseOr(1 &<< UInt(word), ordering: .sequentiallyConsistent) }
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
        withUnsafePointer(to: bits) { UnsafeRawPointer($0).assumingMemoryBound(to: AtomicWord.self) }
    }
}
