/// The platform's "wait for interrupt": how the executor sleeps when no task is ready.
///
/// ## The contract: no wake is lost between "nothing is ready" and "sleep"
/// When a batch polled nothing, the executor
/// 1. calls ``WakeTarget/announceSleep()`` (a sequentially consistent store) if the platform gave a ``Pender``, then
/// 2. calls ``sleep(_:whileIdle:)``, and after it returns
/// 3. calls ``WakeTarget/endSleep()`` (again only with a pender) and polls whatever became ready.
///
/// Inside ``sleep(_:whileIdle:)`` the platform must
/// 1. mask its interrupts (block the signals its handlers use; `cpsid i` on a Cortex-M; nothing for a futex);
/// 2. call `isIdle()`, which re-reads the ready bitmap; if it returns false, unmask and return;
/// 3. otherwise sleep *and unmask in one step*, so that an interrupt pending since step 1 ends the sleep at once
///    (`ppoll` with the unblocked mask; `wfi` with PRIMASK set, which wakes on a pending interrupt; a futex wait
///    on ``WakeTarget/state`` expecting the value that has ``WakeTarget/sleeping`` set);
/// 4. return ``IdleOutcome/resumed`` after any wake-up, even a spurious one: the executor simply looks again.
///
/// Interrupt handlers that run on the executor's own thread are covered by the masking. Wakes from other threads
/// are covered by the announcement: a waker sets its bit, then reads ``WakeTarget/state``; if it sees
/// ``WakeTarget/sleeping`` it clears it and calls the ``Pender`` from ``pender()``. Both sides use sequentially
/// consistent operations, so either the waker sees the announcement or the re-check in step 2 sees the bit. A
/// platform without a pender (every wake is an interrupt that ends `wfi`) needs no announcement, and a waker then
/// finishes with its fetch-or: the state word stays 0.
public protocol IdleHook: ~Copyable {
    /// How another thread ends the sleep (a futex wake, an eventfd write); nil if every wake source already ends
    /// it (hardware interrupts ending `wfi`). Called once when a run starts, with this hook at a fixed address.
    mutating func pender() -> Pender?

    /// Sleeps until an interrupt may have made a task ready, under the contract above.
    mutating func sleep(_ target: borrowing WakeTarget, whileIdle isIdle: () -> Bool) -> IdleOutcome

    /// The run ended: forget every waker the platform's own interrupt handlers keep (a signal's waker cell), so
    /// that an interrupt after the run, on another thread, cannot wake into an executor that is gone. Called once
    /// when a run returns, after wakers have left the slow path. Nothing to do by default.
    mutating func runEnded()
}

extension IdleHook where Self: ~Copyable {
    /// Nothing: the platform keeps no wakers of its own.
    public mutating func runEnded() {}
}

/// What an ``IdleHook`` tells the executor after a sleep.
public enum IdleOutcome: Equatable, Sendable {
    /// Look at the ready set again.
    case resumed
    /// Stop running at this idle point: an orderly shutdown was requested, or nothing can ever wake a task.
    case stop
}

/// Everything an executor runs on: a clock with an alarm, and a way to sleep until an interrupt.
public protocol Platform: TimeDriver, IdleHook, ~Copyable {}

extension VirtualClock: Platform {}
