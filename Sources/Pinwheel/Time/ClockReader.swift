/// A C-callable way to read a time driver's clock, so that a ``Context`` (which is not generic over the driver)
/// can give futures the current ``Instant``.
@safe public struct ClockReader: @unchecked Sendable {
    // Safety (@safe): the driver address is the pinned platform's for the run, and the function only reads it.
    // Safety (Sendable): a C function that only reads, and the address of the pinned time driver it reads.
    /// Reads the clock: `driver` is the time driver's address during the run. Returns nanoseconds.
    public typealias Function = @convention(c) (_ driver: UnsafeRawPointer?) -> UInt64

    @usableFromInline let driver: UnsafeRawPointer?
    @usableFromInline let read: Function

    /// A reader calling `read` with `driver`.
    @inlinable public init(driver: UnsafeRawPointer?, read: Function) {
        unsafe self.driver = driver
        unsafe self.read = read
    }

    /// The clock's current instant.
    @inlinable public func now() -> Instant { unsafe Instant(ticks: read(driver)) }
}
