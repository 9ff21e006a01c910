import Pinwheel

/// How an input line is requested.
public struct InputSettings: Equatable, Sendable {
    /// Which edges raise an interrupt.
    public var edges: EdgeDetection
    /// The pull resistor.
    public var bias: Bias
    /// Whether the line is active when low: values and edges are then inverted.
    public var activeLow: Bool
    /// Edges closer together than this are bounces: only a level that stays stable this long counts. The kernel
    /// debounces where the library and kernel can (libgpiod v2); otherwise ``GPIOInput`` does it in software.
    public var debounce: Duration?
    /// The fixed ring that holds edges between the interrupt and the task: a full ring counts drops.
    public var eventCapacity: Int

    /// Settings for an input.
    public init(
        edges: EdgeDetection = .both, bias: Bias = .asIs, activeLow: Bool = false, debounce: Duration? = nil,
        eventCapacity: Int = 64
    ) {
        precondition(eventCapacity > 0, "an input needs room for at least one event")
        self.edges = edges
        self.bias = bias
        self.activeLow = activeLow
        self.debounce = debounce
        self.eventCapacity = eventCapacity
    }
}
