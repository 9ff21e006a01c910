import CLinuxInterrupts
import CSignalSender
import Pinwheel
import PinwheelLinux
import PinwheelTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

let signalChannel = Channel<UInt32, 64>()
/// Woken by the handler when it finds the channel full, as a driver wakes its reader when it loses a byte: the task
/// learns of the loss (from the count) even when nothing more arrives.
let refusedCell = WakerCell()

/// Part of the real-signal tests: run one at a time with the others that queue real-time signals to this process
/// (they share the user's pending-signal limit and the process's dispositions).
extension SignalInterruptTests {
    /// A real signal handler sends into a channel: another process queues 10,000 real-time signals to the executor's
    /// thread, each carrying its sequence number, and the handler sends the number. The receiving task sees them in
    /// order with none twice; any the handler found no room for are counted as rejected, never silently gone.
    @Test(.disabled(if: pw_under_thread_sanitizer() != 0, "ThreadSanitizer merges queued instances of one real-time signal"))
    func aSignalHandlerSendsAndNothingIsLostUncounted() throws {
        let count = 10_000
        let signo = pw_sigrtmin() + 4
        // Initialise the globals before the handler may use them: a handler entering a lazy global's one-time
        // initialiser while this thread is inside it would deadlock.
        _ = signalChannel.count
        _ = refusedCell.isRegistered
        // The handler first: it also unblocks the signal on this thread, and the platform keeps the thread's mask as
        // it finds it (inside ppoll too).
        let installed = pw_install_value_handler(signo) { value in
            if !signalChannel.trySend(UInt32(value)) { refusedCell.wake() }
        }
        #expect(installed == 0)
        defer { pw_restore_default_handler(signo) }
        var platform = try LinuxPlatform(vectors: 4)
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        var receive = signalChannel.receive()
        var values: [UInt32] = []
        let rejectedBefore = signalChannel.rejected
        try executor.spawn(ClosureTask { context in
            refusedCell.register(context.waker)
            while case .ready(let value) = receive.poll(context) { values.append(value) }
            // Done when every signal is accounted for: received, or refused and counted.
            return values.count + Int(signalChannel.rejected - rejectedBefore) == count
        })
        let child = pw_spawn_sigqueue_child(signo, Int32(count), pw_gettid())
        #expect(child > 0)
        #expect(executor.run(on: &platform) == .finished)
        #expect(pw_wait_child(child) == 0)
        let rejected = Int(signalChannel.rejected - rejectedBefore)
        #expect(values.count + rejected == count, "\(values.count) received, \(rejected) rejected")
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "in order, none twice")
        print("signal handler into a channel: \(count) queued signals, \(values.count) received, \(rejected) refused (full, counted)")
    }
}
