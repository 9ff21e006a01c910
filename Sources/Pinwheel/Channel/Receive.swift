/// A future for the next element of a channel; from ``BoundedChannel/receive()``.
@safe public struct Receive<Source: BoundedChannel & ~Copyable>: Future {
    // Safety (@safe): the future holds the address of its channel, which its contract keeps in place (a global, a
    // pinned value) while futures from it exist.
    @usableFromInline let channel: UnsafePointer<Source>

    @inlinable init(channel: UnsafePointer<Source>) { unsafe self.channel = channel }

    /// Ready with the oldest element; pending (with the task's waker registered) while the channel is empty.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Source.Element> {
        if let value = unsafe channel.pointee.tryReceive() { return .ready(value) }
        // Register, then look again: an element published in between still wakes the task.
        unsafe channel.pointee.signals.pointee.receiver.register(context.waker)
        if let value = unsafe channel.pointee.tryReceive() { return .ready(value) }
        return .pending
    }
}
