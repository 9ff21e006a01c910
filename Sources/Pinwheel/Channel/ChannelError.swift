/// Why a send did not happen.
public enum ChannelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The channel held `capacity` elements; the element was not sent.
    case full(capacity: Int)

    /// What went wrong and how to fix it. (A literal: the core builds with `-no-allocations`.)
    public var description: String {
        switch self {
        case .full:
            "the channel is full: the receiver has not kept up; use sendWhenRoom to wait, or give the channel more capacity"
        }
    }
}
