import Synchronization

/// The waker of the task a ``FutureGroup`` runs in, as its children's pender finds it: two words, stored by the
/// group on every poll (always the same value for one parent, so a store only when it changed), read by the pender
/// when a child wake ends the group's sleep. The target is nil once the group has ended: later child wakes wake
/// nobody. A pender that read it just before it was cleared wakes a task that may have finished, which is harmless,
/// as every executor wake is.
@usableFromInline
@safe struct ParentLink: ~Copyable, @unchecked Sendable {
    // Safety (@safe): the parent waker it publishes points into a pinned executor; a stale link finds nil and does
    // nothing.
    // Safety (Sendable): both fields are atomics; the parent's waker is published with a release store.
    @usableFromInline let target = unsafe Atomic<UnsafeRawPointer?>(nil)
    @usableFromInline let slot = Atomic<Int>(0)

    @inlinable init() {}

    /// Remembers the parent task's waker.
    @inlinable func set(_ waker: Waker) {
        let raw = unsafe UnsafeRawPointer(waker.target)
        if slot.load(ordering: .relaxed) != waker.slot { slot.store(waker.slot, ordering: .relaxed) }
        // Releasing, after the slot: a pender that sees this target sees its slot.
        if unsafe target.load(ordering: .relaxed) != raw { unsafe target.store(raw, ordering: .releasing) }
    }

    /// Forgets the parent.
    @inlinable func clear() { unsafe target.store(nil, ordering: .releasing) }

    /// Wakes the parent task, if a group is running.
    @inlinable func wake() {
        guard let raw = unsafe target.load(ordering: .acquiring) else { return }
        unsafe Waker(target: raw.assumingMemoryBound(to: WakeTarget.self), slot: slot.load(ordering: .relaxed)).wake(from: .group)
    }

    @inlinable deinit {}
}
