import Synchronization

/// Wakes every task that is waiting on it: an event without a value, safe to fire from an interrupt handler.
///
/// The subscriber set is a bitmap over one executor's task slots, one atomic word per `UInt.bitWidth` slots, so
/// `Notify<1>` covers an executor of up to 64 tasks in one word and `Notify<16>` one of 1024. Firing takes each
/// word with one exchange and ORs it into the ready bitmap with one fetch-or: waking every subscriber of a word
/// costs what waking one does. Slots map one-to-one to bits, so no task is woken for another's sake.
///
/// A notify belongs to one executor (the first subscriber's) and must live at a stable address, such as a
/// global, while futures from ``notified()`` exist.
@safe public struct Notify<let words: Int>: ~Copyable, @unchecked Sendable {
    // Safety (@safe): the executor address it keeps is a subscriber's waker target (pinned); futures hold the notify's
    // own address, which its contract keeps in place.
    // Safety (Sendable): the subscribers' bits and the executor's address are atomics.
    private let epoch = Atomic<UInt>(0)
    private let subscribers: InlineArray<words, AtomicWord>
    private let target = unsafe Atomic<UnsafeRawPointer?>(nil)

    /// A notify with no subscribers.
    public init() { subscribers = InlineArray { _ in AtomicWord() } }

    /// How many times ``notify(from:)`` has run, wrapping. A future compares against it to learn whether a
    /// notification came since it started waiting.
    public var generation: UInt { epoch.load(ordering: .sequentiallyConsistent) }

    /// Wakes every subscribed task. Safe from a signal handler and from any thread.
    public func notify(from source: WakeSource = .notify) {
        // Bump first: a task that subscribes after our exchange still sees the new generation when it polls.
        // Sequentially consistent with `subscribe`'s store of the target and `poll`'s read of the generation: on a
        // first subscription, either we see the target or the task sees the new generation (a store-buffer pair).
        epoch.wrappingAdd(1, ordering: .sequentiallyConsistent)
        guard let raw = unsafe target.load(ordering: .sequentiallyConsistent) else { return }
        let wakeTarget = unsafe raw.assumingMemoryBound(to: WakeTarget.self)
        for word in 0..<words {
            let bits = subscribers[word].value.exchange(0, ordering: .acquiringAndReleasing)
            if bits != 0 { unsafe wakeTarget.pointee.wake(word: word, bits: bits, from: source) }
        }
    }

    /// Adds the waker's task to the set woken by the next ``notify(from:)``.
    public func subscribe(_ waker: Waker) {
        precondition(waker.slot < words &* UInt.bitWidth, "Notify is smaller than the executor's task table")
        unsafe target.store(UnsafeRawPointer(waker.target), ordering: .sequentiallyConsistent)
        let bit: UInt = 1 &<< UInt(waker.slot & WakeTarget.bitMask)
        subscribers[waker.slot &>> WakeTarget.wordShift].value.bitwiseOr(bit, ordering: .acquiringAndReleasing)
    }

    /// Ready once the notify has fired since generation `seen` was read; otherwise subscribes and is pending.
    public func poll(_ context: Context, since seen: UInt) -> Poll<Void> {
        // Subscribe before checking, so that a notify landing between the two still wakes us.
        subscribe(context.waker)
        return generation != seen ? .ready(()) : .pending
    }

    /// A future that completes at the first notification after this call.
    ///
    /// `@unsafe` (SE-0458): the future keeps this notify's address, so the notify must stay where it is (a global,
    /// a pinned value) for as long as the future exists. Strict-memory-safety code writes `unsafe notify.notified()`.
    @unsafe public func notified() -> Notified<words> {
        // The address escapes on purpose: the notify's contract is a stable address (module overview).
        unsafe withUnsafePointer(to: self) { unsafe Notified(notify: $0, seen: generation) }
    }
}

/// A future that completes when its ``Notify`` fires; from ``Notify/notified()``.
@safe public struct Notified<let words: Int>: Future {
    // Safety (@safe): the executor address it keeps is a subscriber's waker target (pinned); futures hold the notify's
    // own address, which its contract keeps in place.
    private let notify: UnsafePointer<Notify<words>>
    private let seen: UInt

    init(notify: UnsafePointer<Notify<words>>, seen: UInt) {
        unsafe self.notify = notify
        self.seen = seen
    }

    /// Ready once the notify has fired since this future was made.
    public mutating func poll(_ context: Context) -> Poll<Void> {
        unsafe notify.pointee.poll(context, since: seen)
    }
}
