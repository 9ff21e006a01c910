/// A future that sends its element once the channel has room; from ``BoundedChannel/sendWhenRoom(_:)``.
@safe public struct SendWhenRoom<Source: BoundedChannel & ~Copyable>: Future {
    // Safety (@safe): the future holds the address of its channel, which its contract keeps in place (a global, a
    // pinned value) while futures from it exist.
    @usableFromInline let channel: UnsafePointer<Source>
    @usableFromInline let value: Source.Element

    @inlinable init(channel: UnsafePointer<Source>, value: Source.Element) {
        unsafe self.channel = channel
        self.value = value
    }

    /// Ready once the element is in the channel.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Void> {
        let room = unsafe channel.pointee.signals
        let seen = unsafe room.pointee.room.generation
        if unsafe channel.pointee.enqueue(value, from: .task) { return .ready(()) }
        // Full: wait for the receiver to take one. Subscribing, then comparing generations, catches a take that
        // happened since the try: then poll again at once.
        if unsafe room.pointee.room.poll(context, since: seen).isReady { context.waker.wake() }
        return .pending
    }
}
