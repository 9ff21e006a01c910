import CPinwheelAsync
import Pinwheel

extension Future {
    /// Awaits the future from an async task: polls it with the task's waker, parks the task while it is pending,
    /// and polls again each time the waker is woken. The one bridge from poll futures to `await`.
    ///
    /// Call it only from an ``AsyncTask`` (it needs the slot whose waker to use; elsewhere it stops the program
    /// with a message saying so). A future that is ready at once costs one poll and no suspension.
    @inlinable public var value: Output {
        get async {
            var future = self
            return await awaitReady(&future)
        }
    }
}

/// Polls `future` until it is ready, parking the running async task between polls.
@inlinable
func awaitReady<F: Future>(_ future: inout F) async -> F.Output {
    let state = runningSlot()
    while true {
        // Safety: the task runs only inside its slot's poll, on the executor's thread, while `context` is set.
        if case .ready(let output) = future.poll(state.pointee.context!) { return output }
        await park(state)
    }
}

/// Waits until `poll` returns ready, calling it with the task's context now and after each wake: a leaf future
/// written in place, as for a `WakerCell`:
///
/// ```swift
/// await waitUntil { context in
///     cell.register(context.waker)
///     return done.load(ordering: .acquiring) ? .ready(()) : .pending
/// }
/// ```
@inlinable public func waitUntil<T>(_ poll: (Context) -> Poll<T>) async -> T {
    let state = runningSlot()
    while true {
        if case .ready(let output) = poll(state.pointee.context!) { return output }
        await park(state)
    }
}

/// The state of the slot whose poll is running the calling task.
@inlinable func runningSlot() -> UnsafeMutablePointer<SlotState> {
    guard let raw = pw_running_slot_get() else {
        preconditionFailure("a Pinwheel future was awaited outside an async task of a Pinwheel executor: spawn the function as an AsyncTask")
    }
    // Safety: only AsyncTask.poll sets the running slot, to its own state, which outlives the poll.
    return raw.assumingMemoryBound(to: SlotState.self)
}

/// Suspends the task with its continuation kept in the slot; the slot's next poll resumes it.
@inlinable func park(_ state: UnsafeMutablePointer<SlotState>) async {
    await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
        // Safety: on the executor's thread inside the slot's poll, which reads `parked` after this returns.
        state.pointee.parked = continuation
    }
}
