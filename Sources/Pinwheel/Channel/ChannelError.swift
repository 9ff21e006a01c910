/// Why a send did not happen.
public enum ChannelError: Error, Equatable, Sendable {
    /// The channel held `capacity` elements; the element was not sent.
    case full(capacity: Int)
}
