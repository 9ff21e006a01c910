import Synchronization

/// A bounded queue from interrupt handlers and threads to one task: `capacity` elements in static storage, sent
/// lock-free from anywhere, received by one task through a future.
///
/// Sending is lock-free and allocation-free, so it is safe in a signal handler, an interrupt service routine and
/// any thread, by any number of senders at once (a bounded multi-producer ring with a sequence number per cell).
/// A full channel never drops silently; the sender chooses:
/// - ``trySend(_:)`` returns false, and ``rejected`` counts it (an interrupt handler's choice: it cannot wait);
/// - ``send(_:)`` throws ``ChannelError/full(capacity:)``;
/// - ``sendWhenRoom(_:)`` is a future that waits until the receiver has taken an element (a task's choice).
///
/// One task receives, through ``receive()``: a future that registers the task's waker before it looks, so an
/// element sent between the look and the sleep still wakes it. Elements are `BitwiseCopyable`: no reference
/// counting in a handler.
///
/// Like an executor, a channel lives at a stable address (a global) while anything uses it.
public struct Channel<Element: BitwiseCopyable, let capacity: Int>: ~Copyable, @unchecked Sendable {
    @usableFromInline let cells: InlineArray<capacity, ChannelCell<Element>>
    /// The next position a sender claims, and the next the receiver takes; positions grow without bound (wrapping).
    @usableFromInline let tail = Atomic<UInt>(0)
    @usableFromInline let head = Atomic<UInt>(0)
    @usableFromInline let receiver = WakerCell()
    /// Tasks waiting for room (``sendWhenRoom(_:)``): a task-slot bitmap of one executor of up to 64 tasks.
    @usableFromInline let room = Notify<1>()
    @usableFromInline let refused = Atomic<UInt>(0)

    /// An empty channel.
    public init() {
        precondition(capacity > 0, "a channel holds at least one element")
        cells = InlineArray { ChannelCell(position: UInt($0)) }
    }

    /// Sends `value` if there is room, and wakes the receiver as `source` (an interrupt handler passes its IRQ, so
    /// the trace shows who woke the receiver). Returns false when the channel is full (counted in ``rejected``).
    /// Safe from a signal handler and from any thread.
    @inlinable @discardableResult
    public func trySend(_ value: Element, from source: WakeSource = .task) -> Bool {
        if enqueue(value, from: source) { return true }
        refused.wrappingAdd(1, ordering: .relaxed)
        return false
    }

    /// Puts `value` in the next free position and wakes the receiver; false when full.
    @inlinable func enqueue(_ value: Element, from source: WakeSource) -> Bool {
        var position = tail.load(ordering: .relaxed)
        while true {
            let cell = cellAddress(position)
            let sequence = cell.pointee.sequence.load(ordering: .acquiring)
            let lag = Int(bitPattern: sequence &- position)
            if lag == 0 {
                // The cell is free for this position: claim the position, then fill the cell and publish it.
                let (claimed, seen) = tail.weakCompareExchange(
                    expected: position, desired: position &+ 1, ordering: .relaxed)
                if claimed {
                    // Safety: the position is ours alone until the sequence store publishes it to the receiver.
                    cell.pointee.value = value
                    cell.pointee.sequence.store(position &+ 1, ordering: .releasing)
                    receiver.wake(from: source)
                    return true
                }
                position = seen
            } else if lag < 0 {
                return false  // the cell still holds the element from one lap ago: full
            } else {
                position = tail.load(ordering: .relaxed)  // another sender took this position
            }
        }
    }

    /// Sends `value`, or throws ``ChannelError/full(capacity:)`` (counted in ``rejected``).
    @inlinable public func send(_ value: Element) throws(ChannelError) {
        guard trySend(value) else { throw .full(capacity: capacity) }
    }

    /// Takes the oldest element, if one has been published. The receiving task only.
    @inlinable public func tryReceive() -> Element? {
        let position = head.load(ordering: .relaxed)
        let cell = cellAddress(position)
        let sequence = cell.pointee.sequence.load(ordering: .acquiring)
        guard sequence == position &+ 1 else { return nil }  // empty, or the sender has not published it yet
        // Safety: published (acquire above), and only the receiver reads it before handing the cell back.
        let value = cell.pointee.value
        cell.pointee.sequence.store(position &+ UInt(capacity), ordering: .releasing)
        head.store(position &+ 1, ordering: .relaxed)
        room.notify(from: .task)
        return value
    }

    /// A future for the next element. One task receives from a channel.
    @inlinable public func receive() -> Receive<Element, capacity> {
        withUnsafePointer(to: self) { Receive(channel: $0) }
    }

    /// A future that sends `value` once there is room: at once if there is, else after the receiver takes an
    /// element. For tasks of an executor of up to 64 slots.
    @inlinable public func sendWhenRoom(_ value: Element) -> SendWhenRoom<Element, capacity> {
        withUnsafePointer(to: self) { SendWhenRoom(channel: $0, value: value) }
    }

    /// Elements sent and not yet received (a snapshot).
    public var count: Int { Int(bitPattern: tail.load(ordering: .relaxed) &- head.load(ordering: .relaxed)) }

    /// Elements accepted since the channel was made (wrapping).
    public var accepted: UInt { tail.load(ordering: .relaxed) }

    /// Sends refused because the channel was full, since it was made.
    public var rejected: UInt { refused.load(ordering: .relaxed) }

    /// The cell for `position`.
    @inlinable func cellAddress(_ position: UInt) -> UnsafeMutablePointer<ChannelCell<Element>> {
        // Safety: the channel does not move while used (its contract), and each cell's fields are either atomic or
        // owned by one side at a time (see trySend and tryReceive), so writing through this address is sound.
        withUnsafePointer(to: cells) {
            UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: ChannelCell<Element>.self)
        } + Int(position % UInt(capacity))
    }

    @usableFromInline func registerReceiver(_ waker: Waker) { receiver.register(waker) }
}

/// One cell of a ``Channel``: the element and the sequence number that says whose turn it is. For position `p`
/// the cell is free to a sender when the sequence is `p`, holds a published element when it is `p + 1`, and is
/// handed back for the next lap as `p + capacity`.
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

/// Why a send did not happen.
public enum ChannelError: Error, Equatable, Sendable {
    /// The channel held `capacity` elements; the element was not sent.
    case full(capacity: Int)
}

/// A future for the next element of a ``Channel``; from ``Channel/receive()``.
public struct Receive<Element: BitwiseCopyable, let capacity: Int>: Future {
    @usableFromInline let channel: UnsafePointer<Channel<Element, capacity>>

    @inlinable init(channel: UnsafePointer<Channel<Element, capacity>>) { self.channel = channel }

    /// Ready with the oldest element; pending (with the task's waker registered) while the channel is empty.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Element> {
        if let value = channel.pointee.tryReceive() { return .ready(value) }
        // Register, then look again: an element published in between still wakes the task.
        channel.pointee.registerReceiver(context.waker)
        if let value = channel.pointee.tryReceive() { return .ready(value) }
        return .pending
    }
}

/// A future that sends its element once the channel has room; from ``Channel/sendWhenRoom(_:)``.
public struct SendWhenRoom<Element: BitwiseCopyable, let capacity: Int>: Future {
    @usableFromInline let channel: UnsafePointer<Channel<Element, capacity>>
    @usableFromInline let value: Element

    @inlinable init(channel: UnsafePointer<Channel<Element, capacity>>, value: Element) {
        self.channel = channel
        self.value = value
    }

    /// Ready once the element is in the channel.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Void> {
        let seen = channel.pointee.room.generation
        if channel.pointee.enqueue(value, from: .task) { return .ready(()) }
        // Full: wait for the receiver to take one. Subscribing, then comparing generations, catches a take that
        // happened since the try: then poll again at once.
        if channel.pointee.room.poll(context, since: seen).isReady { context.waker.wake() }
        return .pending
    }
}
