import Pinwheel

/// A task table entry that is either an async function or a poll future, for a table that mixes both:
/// `Executor<TaskPool<MixedTask<MyFuture>, 8>, 1, 8>`.
public enum MixedTask<PollTask: Future>: Future {
    /// An async function.
    case async(AsyncTask)
    /// A poll future; its output is dropped.
    case poll(PollTask)

    /// An async function to spawn.
    public init(_ body: @escaping @isolated(any) () async -> Void) { self = .async(AsyncTask(body)) }

    /// Polls whichever it is.
    public mutating func poll(_ context: Context) -> Poll<Void> {
        switch self {
        case .async(var task):
            return task.poll(context)
        case .poll(var future):
            let result = future.poll(context)
            self = .poll(future)
            return result.isReady ? .ready(()) : .pending
        }
    }
}

@available(*, unavailable, message: "an async task runs on the thread of the executor it is spawned into")
extension MixedTask: Sendable {}
