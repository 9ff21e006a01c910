import Pinwheel

/// Where two ``PingPong`` tasks find each other's wakers and their shared countdown: plain memory with no
/// exclusivity checks, as a firmware image's statics would be.
public struct PingPongState {
    @usableFromInline var wakers: (Waker?, Waker?) = (nil, nil)
    @usableFromInline var cyclesLeft: Int

    /// State for a ping-pong of `cycles` wake→poll cycles.
    public init(cycles: Int) { cyclesLeft = cycles }
}

/// One of two tasks that wake each other until the countdown runs out: each poll is one wake→poll cycle.
///
/// The benchmarks time it; the steady-state allocation test proves the same code allocates nothing.
public struct PingPong: Future {
    @usableFromInline let me: Int
    @usableFromInline let state: UnsafeMutablePointer<PingPongState>

    /// Task `me` (0 or 1) of the pair sharing `state`.
    public init(_ me: Int, sharing state: UnsafeMutablePointer<PingPongState>) {
        precondition(me == 0 || me == 1, "a ping-pong has tasks 0 and 1")
        self.me = me
        self.state = state
    }

    /// Wakes the other task; finished once the countdown is out (the other sees it too, on the poll this wakes).
    // Inlinable so that a benchmark in another module measures what a one-module firmware image would run.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Void> {
        let peer: Waker?
        if me == 0 {
            state.pointee.wakers.0 = context.waker
            peer = state.pointee.wakers.1
        } else {
            state.pointee.wakers.1 = context.waker
            peer = state.pointee.wakers.0
        }
        // The first poll of task 0 has no peer yet; task 1's first poll wakes it.
        peer?.wake()
        guard state.pointee.cyclesLeft > 0 else { return .ready(()) }
        state.pointee.cyclesLeft -= 1
        return .pending
    }
}

extension PingPong {
    /// The executor a ping-pong pair runs on: two slots, one bitmap word, two timer entries.
    public typealias Executor = Pinwheel.Executor<TaskPool<PingPong, 2>, 1, 2>

    /// An executor with a pair of tasks spawned that will run `cycles` wake→poll cycles, handed to `body`;
    /// the pair's shared state is freed when `body` returns.
    public static func withPair<Result>(cycles: Int, _ body: (inout Executor) -> Result) -> Result {
        let state = UnsafeMutablePointer<PingPongState>.allocate(capacity: 1)
        defer { state.deallocate() }
        state.initialize(to: PingPongState(cycles: cycles))
        var executor = try! Executor()
        try! executor.spawn(PingPong(0, sharing: state))
        try! executor.spawn(PingPong(1, sharing: state))
        return body(&executor)
    }
}
