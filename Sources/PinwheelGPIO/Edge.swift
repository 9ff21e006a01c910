/// The direction of a change on an input line, in logical terms: `rising` is inactive to active, so on an
/// active-low line it is the physical level falling.
public enum Edge: Equatable, Sendable, CustomStringConvertible {
    /// Inactive to active.
    case rising
    /// Active to inactive.
    case falling

    /// The logical level after this edge.
    public var levelAfter: Bool { self == .rising }

    /// "rising" or "falling".
    public var description: String { self == .rising ? "rising" : "falling" }
}
