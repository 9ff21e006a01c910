import Synchronization

/// One atomic machine word, for fixed arrays of atomics (`InlineArray<n, AtomicWord>`).
///
/// Why not `InlineArray<n, Atomic<UInt>>` directly: with Swift 6.3.1, Embedded Swift fails an assertion
/// (`hasValidSignatureForEmbedded`) when destroying such an array, because it reaches `Atomic`'s generic deinit.
/// An explicit, empty deinit here gives the compiler a concrete destructor to call instead.
@usableFromInline
struct AtomicWord: ~Copyable {
    @usableFromInline let value: Atomic<UInt>

    @inlinable init() { value = Atomic(0) }

    @inlinable deinit {}
}
