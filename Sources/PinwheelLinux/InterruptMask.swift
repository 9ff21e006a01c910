import CLinuxInterrupts
#if canImport(Glibc)
import Glibc
#endif

/// The signal masks of the Linux platform, in one place: which signals are interrupts, blocking them on a thread,
/// and the mask the executor sleeps with.
///
/// The set of interrupt signals is process-wide and lives in C (`pw_isr_signals_*`), as atomic words a signal
/// handler may read. The executor's thread keeps them blocked except inside `ppoll`, which installs the
/// ``waitMask(from:)`` atomically with going to sleep: that is the pselect pattern, and the no-lost-wake argument
/// for signals.
enum InterruptMask {
    /// This thread's mask now.
    static func current() -> sigset_t {
        var mask = sigset_t()
        pthread_sigmask(SIG_SETMASK, nil, &mask)
        return mask
    }

    /// Blocks every interrupt signal on this thread; returns the mask it replaced.
    @inline(__always)
    static func block() -> sigset_t {
        var saved = sigset_t()
        _ = pw_isr_signals_block(&saved)
        return saved
    }

    /// Puts back a mask that ``block()`` or ``current()`` returned.
    @inline(__always)
    static func restore(_ mask: sigset_t) {
        var mask = mask
        _ = pw_restore_signal_mask(&mask)
    }

    /// Adds `signo` to the process's interrupt signals and blocks it on this thread.
    static func add(_ signo: Int32) {
        pw_isr_signals_add(signo)
        _ = block()
    }

    /// Removes `signo` from the process's interrupt signals. (It stays blocked on this thread until the platform
    /// restores the thread's mask: a delivery still pending must not meet the default action.)
    static func remove(_ signo: Int32) { pw_isr_signals_remove(signo) }

    /// Every interrupt signal, as a set (handlers of interrupt signals block each other with it).
    static func interruptSignals() -> sigset_t {
        var set = sigset_t()
        pw_isr_signals(&set)
        return set
    }

    /// The mask inside the sleep: `threadMask` with every interrupt signal unblocked.
    static func waitMask(from threadMask: sigset_t) -> sigset_t {
        var mask = threadMask
        var interrupts = interruptSignals()
        for signo in 1...pw_sigrtmax() where sigismember(&interrupts, signo) == 1 { sigdelset(&mask, signo) }
        return mask
    }
}
