import Pinwheel
import PinwheelAsync

/// Where two async ping-pong tasks find each other: whose turn it is, and each one's waker. Plain memory with no
/// exclusivity checks, as a firmware image's statics would be.
public struct AsyncPingPongState {
    @usableFromInline var turn = 0
    @usableFromInline var wakers: (Waker?, Waker?) = (nil, nil)

    /// Task 0 has the first turn.
    public init() {}
}

/// Two async tasks that hand a turn back and forth: each waits (parks) until it is its turn, passes the turn and
/// wakes the other. One round trip is two parks and two resumes.
///
/// The benchmark times it; the allocation test proves the same code allocates nothing once started.
public enum AsyncPingPong {
    /// The executor an async ping-pong pair runs on.
    public typealias Executor = Pinwheel.Executor<TaskPool<AsyncTask, 2>, 1, 2>

    /// Task `me` of the pair: `roundTrips` turns, then done.
    public static func task(_ me: Int, roundTrips: Int, state: UnsafeMutablePointer<AsyncPingPongState>) -> AsyncTask {
        let pointer = StatePointer(state: state)
        return AsyncTask {
            for _ in 0..<roundTrips {
                await waitUntil { context in
                    if me == 0 { pointer.state.pointee.wakers.0 = context.waker } else { pointer.state.pointee.wakers.1 = context.waker }
                    return pointer.state.pointee.turn == me ? .ready(()) : .pending
                }
                pointer.state.pointee.turn = 1 - me
                let peer = me == 0 ? pointer.state.pointee.wakers.1 : pointer.state.pointee.wakers.0
                peer?.wake()
            }
        }
    }

    /// An executor with a pair spawned for `roundTrips` round trips, handed to `body`; the shared state is freed
    /// when `body` returns.
    public static func withPair<Result>(roundTrips: Int, _ body: (inout Executor) -> Result) -> Result {
        let state = UnsafeMutablePointer<AsyncPingPongState>.allocate(capacity: 1)
        defer { state.deallocate() }
        state.initialize(to: AsyncPingPongState())
        var executor = try! Executor()
        try! executor.spawn(task(0, roundTrips: roundTrips, state: state))
        try! executor.spawn(task(1, roundTrips: roundTrips, state: state))
        return body(&executor)
    }
}

/// The shared state's address, carried into the tasks.
struct StatePointer: @unchecked Sendable {
    // Safety: both tasks run on the executor's thread, one at a time.
    let state: UnsafeMutablePointer<AsyncPingPongState>
}
