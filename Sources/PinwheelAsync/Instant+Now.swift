import Pinwheel

extension Instant {
    /// The current instant on the executor's clock, read from inside an async task (virtual or real, whichever the
    /// executor runs on). Outside an ``AsyncTask`` it stops the program with a message saying so.
    public static var now: Instant { runningSlot().pointee.context!.now() }
}
