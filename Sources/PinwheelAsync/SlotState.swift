import Pinwheel
import Synchronization

/// Everything one async task slot keeps outside the task itself, at a fixed address for the slot's life.
///
/// Fields without atomics are touched only on the executor's thread, inside the slot's poll: by the poll itself,
/// by the task it runs (``Future/value``), and by the slot executor's `enqueue` when the runtime calls it there.
/// Other threads touch only the atomics: the inbox and the published waker.
@usableFromInline struct SlotState: ~Copyable {
    /// The function to start; taken by the first poll.
    var body: Body?
    /// The Swift task, once started.
    var task: Task<Void, Never>?
    /// The size of the Swift task object's heap block, measured when ``AsyncTask/start()`` created it.
    var startBytes: Int?
    /// Whether the first poll has published the slot's waker.
    @usableFromInline var isWakerPublished: Bool { waker != nil }
    /// The poll's context while a poll runs; what the task's awaits poll their futures with.
    @usableFromInline var context: Context?
    /// The continuation of an `await` that found its future pending: the task parked in this slot.
    @usableFromInline var parked: UnsafeContinuation<Void, Never>?
    /// A job the runtime handed over on the executor's thread during this poll, run before the poll returns.
    @usableFromInline var local: UnownedJob?
    /// The task's function returned.
    @usableFromInline var finished = false
    /// Resumes of the parked task by this slot's poll.
    @usableFromInline var resumes: UInt64 = 0
    /// Jobs from other threads, and a poll's second and later jobs.
    @usableFromInline let inbox = JobInbox()
    /// Jobs handed over outside the slot's own poll.
    let foreignJobs = Atomic<UInt64>(0)
    // The slot's waker, for foreign threads: written once, at the first poll, before `wakerPublished` is set;
    // never written again, so a thread that saw the flag reads it without a race.
    @usableFromInline var waker: Waker?
    let wakerPublished = Atomic<Bool>(false)

    init(body: Body) { self.body = body }

    /// The slot's waker, once the first poll published it. Any thread.
    func publishedWaker() -> Waker? {
        wakerPublished.load(ordering: .sequentiallyConsistent) ? waker : nil
    }

    /// Publishes the slot's waker for foreign threads. The first poll calls it, before the task exists.
    @usableFromInline mutating func publish(_ waker: Waker) {
        self.waker = waker
        wakerPublished.store(true, ordering: .sequentiallyConsistent)
    }
}

/// An async task's function, passed on to the Swift task exactly once.
struct Body: @unchecked Sendable {
    // Safety: the Swift task runs only inside its slot's polls, on the thread running the executor; the closure
    // and whatever it captures stay on that thread, as a poll future's state does (see AsyncTask.init).
    let run: @isolated(any) () async -> Void
}

/// The address of a slot's state, carried into the Swift task so that it can mark its slot finished.
struct SlotReference: @unchecked Sendable {
    // Safety: the slot executor owns the state, and the task holds its executor preference (the runtime takes
    // it, consumed, at creation), so the state lives as long as the task; the task dereferences it only on the
    // executor's thread, inside the slot's poll.
    let state: UnsafeMutablePointer<SlotState>
}
