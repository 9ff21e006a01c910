/// A file descriptor bound as an interrupt vector: when `ppoll` finds it readable, its handler runs on the
/// executor's thread before any task is polled (the timerfd, the doorbell, GPIO line events, standard input).
struct DescriptorVector {
    /// The descriptor; its owner opens and closes it (the platform, for the timer and the doorbell).
    let fd: Int32
    /// Runs when `fd` is readable.
    let handler: LinuxPlatform.DescriptorHandler
    /// Passed back to `handler`.
    let context: UnsafeMutableRawPointer?

    /// Runs the handler.
    func service() { handler(fd, context) }
}
