/// A C-callable way to read a time driver's clock, so that a ``Context`` (which is not generic over the driver)
/// can give futures the current ``Instant``.
public struct ClockReader: @unchecked Sendable {
    // Safety (Sendable): a C function that only reads, and the address of the pinned time driver it reads.
    /// Reads the clock: `driver` is the time driver's address during the run. Returns nanoseconds.
    public typealias Function = @convention(c) (_ driver: UnsafeRawPointer?) -> UInt64

    @usableFromInline let driver: UnsafeRawPointer?
    @usableFromInline let read: Function

    /// A reader calling `read` with `driver`.
    @inlinable public init(driver: UnsafeRawPointer?, read: Function) {
        self.driver = driver
        self.read = read
    }

    /// The clock's current instant.
    @inlinable public func now() -> Instant { Instant(ticks: read(driver)) }
}
