/// A requested line on some chip: what ``GPIOInput`` and ``GPIOOutput`` need from a real or simulated chip.
package protocol LineRequest: AnyObject {
    /// Where edge events arrive, and the descriptor that becomes readable when they do (-1 for none).
    var eventSource: EventSource { get }
    var eventDescriptor: Int32 { get }
    /// The logical value.
    func value() throws(GPIOError) -> Bool
    /// Drives an output's logical value.
    func setValue(_ value: Bool) throws(GPIOError)
    /// Gives the line back; idempotent.
    func release()
}
