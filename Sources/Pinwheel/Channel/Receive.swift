/// A future for the next element of a channel; from ``BoundedChannel/receive()``.
public struct Receive<Source: BoundedChannel & ~Copyable>: Future {
    @usableFromInline let channel: UnsafePointer<Source>

    @inlinable init(channel: UnsafePointer<Source>) { self.channel = channel }

    /// Ready with the oldest element; pending (with the task's waker registered) while the channel is empty.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Source.Element> {
        if let value = channel.pointee.tryReceive() { return .ready(value) }
        // Register, then look again: an element published in between still wakes the task.
        channel.pointee.signals.pointee.receiver.register(context.waker)
        if let value = channel.pointee.tryReceive() { return .ready(value) }
        return .pending
    }
}
