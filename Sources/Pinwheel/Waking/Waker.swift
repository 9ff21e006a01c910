/// A handle that makes one task ready: the address of its executor's ``WakeTarget`` and the task's slot.
///
/// A waker is two words, trivially copyable and never reference-counted, so an interrupt handler can hold one in
/// fixed storage (a ``WakerCell``) and wake it with no allocation and no retain. *How does it know which task?*
/// The slot number is the task's index in the executor's static table and, equally, the index of its bit in the
/// ready bitmap: waking is setting that bit.
///
/// A waker is valid while its executor is running (``Executor/run(on:trace:)``) or may run again without having
/// moved. Executors live in static storage for their program's lifetime, as firmware does, so in practice a waker
/// is valid for the whole program.
@safe public struct Waker: Hashable, @unchecked Sendable {
    // Safety (@safe): the target is a pinned executor's wake target, which outlives the run's wakers (the executor's
    // contract).
    // Safety (Sendable): two words: the pinned executor's wake target, reached only through its atomics, and a slot.
    @usableFromInline let target: UnsafePointer<WakeTarget>

    /// The task's slot in the executor's task table, which is also its bit in the ready bitmap.
    public let slot: Int

    @inlinable init(target: UnsafePointer<WakeTarget>, slot: Int) {
        unsafe self.target = target
        self.slot = slot
    }

    /// Makes the task ready: one atomic fetch-or into the ready bitmap. Safe from a signal handler and from any
    /// thread. Waking a task that is already ready, or has finished, is harmless.
    @inlinable @inline(__always)
    public func wake(from source: WakeSource = .task) {
        unsafe target.pointee.wake(slot: slot, from: source)
    }

    /// Whether both wake the same slot of the same executor.
    @inlinable public static func == (first: Waker, second: Waker) -> Bool {
        unsafe first.target == second.target && first.slot == second.slot
    }

    /// Hashes the executor's address and the slot.
    @inlinable public func hash(into hasher: inout Hasher) {
        unsafe hasher.combine(target)
        hasher.combine(slot)
    }
}
