import Synchronization

/// The ring both channel forms keep: `capacity` cells, each with a sequence number that says whose turn it is, and
/// the positions of the next send (`tail`) and the next receive (`head`), which grow without bound (wrapping).
///
/// For position `p` a cell is free to a sender when its sequence is `p`, holds a published element when it is
/// `p + 1`, and is handed back for the next lap as `p + capacity`. How a sender claims a position is the forms'
/// difference: ``Channel`` races for it with compare-and-swap, ``SingleProducerChannel`` owns `tail` outright.
@usableFromInline
struct ChannelRing<Element: BitwiseCopyable, let capacity: Int>: ~Copyable {
    @usableFromInline let cells: InlineArray<capacity, ChannelCell<Element>>
    @usableFromInline let tail = Atomic<UInt>(0)
    @usableFromInline let head = Atomic<UInt>(0)

    @inlinable init() {
        precondition(capacity > 0, "a channel holds at least one element")
        cells = InlineArray { ChannelCell(position: UInt($0)) }
    }

    /// How far the cell for `position` is from being free for it: 0 free, negative still full from a lap ago,
    /// positive already taken by another sender.
    @inlinable func lag(at position: UInt) -> Int {
        unsafe Int(bitPattern: cellAddress(position).pointee.sequence.load(ordering: .acquiring) &- position)
    }

    /// Fills the cell for `position`, which the caller has claimed, and publishes it to the receiver.
    @inlinable func publish(_ value: Element, at position: UInt) {
        let cell = unsafe cellAddress(position)
        // Safety: the position is the caller's alone until the sequence store publishes it to the receiver.
        unsafe cell.pointee.value = value
        unsafe cell.pointee.sequence.store(position &+ 1, ordering: .releasing)
    }

    /// Takes the oldest element, if one has been published. The receiving task only.
    @inlinable func take() -> Element? {
        let position = head.load(ordering: .relaxed)
        let cell = unsafe cellAddress(position)
        guard unsafe cell.pointee.sequence.load(ordering: .acquiring) == position &+ 1 else { return nil }  // empty, or not yet published
        // Safety: published (acquire above), and only the receiver reads it before handing the cell back.
        let value = unsafe cell.pointee.value
        unsafe cell.pointee.sequence.store(position &+ UInt(capacity), ordering: .releasing)
        head.store(position &+ 1, ordering: .relaxed)
        return value
    }

    /// Elements sent and not yet received (a snapshot).
    @inlinable var count: Int { Int(bitPattern: tail.load(ordering: .relaxed) &- head.load(ordering: .relaxed)) }

    /// The cell for `position`.
    @inlinable func cellAddress(_ position: UInt) -> UnsafeMutablePointer<ChannelCell<Element>> {
        // Safety: the channel does not move while used (its contract); a cell holds an atomic, so this is its
        // address in the channel and not a copy's; and each cell's plain field is owned by one side at a time
        // (publish and take), so writing through this address is sound.
        unsafe withUnsafePointer(to: cells) {
            unsafe UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: ChannelCell<Element>.self)
        } + Int(position % UInt(capacity))
    }
}

/// One cell of a ``ChannelRing``: the element and its sequence number.
@usableFromInline
struct ChannelCell<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline let sequence: Atomic<UInt>
    @usableFromInline var value: Element?

    @inlinable init(position: UInt) {
        sequence = Atomic(position)
        value = nil
    }

    @inlinable deinit {}
}
