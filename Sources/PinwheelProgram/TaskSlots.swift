/// A task table's capacity, as a type: a ``Program``'s ``Program/Slots``.
public protocol TaskCapacity {
    /// The number of slots.
    static var slots: Int { get }
    /// Calls `opener` with the capacity as a generic value, so that a flash builds a table of exactly that size.
    static func open<Opener: CapacityOpener>(_ opener: Opener) -> Opener.Result
}

/// Code that needs a capacity as a generic value (the flash layer's machine of that size).
public protocol CapacityOpener {
    /// What it makes.
    associatedtype Result
    /// Makes it for `count` slots.
    func open<let count: Int>(_ capacity: TaskSlots<count>.Type) -> Result
}

/// A task table of `count` slots: `typealias Slots = TaskSlots<8>` in a ``Program``.
public enum TaskSlots<let count: Int>: TaskCapacity {
    /// `count`.
    public static var slots: Int { count }

    /// Calls `opener` with `count`.
    public static func open<Opener: CapacityOpener>(_ opener: Opener) -> Opener.Result { opener.open(Self.self) }
}
