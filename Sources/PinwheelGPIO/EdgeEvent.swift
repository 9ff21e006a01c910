import Pinwheel

/// One edge on an input line, as the kernel (or the simulated chip) stamped it.
public struct EdgeEvent: Equatable, Sendable {
    /// Which way the line went, in logical terms.
    public var edge: Edge
    /// When the kernel saw the edge, on `CLOCK_MONOTONIC` (the executor's clock on Linux).
    public var timestamp: Instant
    /// The line's own event number: consecutive unless events were dropped. 0 when the library gives none
    /// (libgpiod v1).
    public var lineSequence: UInt64
    /// The request's event number across its lines. 0 when the library gives none.
    public var globalSequence: UInt64

    /// An event.
    public init(edge: Edge, timestamp: Instant, lineSequence: UInt64, globalSequence: UInt64) {
        self.edge = edge
        self.timestamp = timestamp
        self.lineSequence = lineSequence
        self.globalSequence = globalSequence
    }
}
