/// Where lines come from: the machine's chips through libgpiod (``SystemChip``) or a simulated chip
/// (`PinwheelSimulation`'s `SimulatedChip`). Demos and drivers request lines by name and never learn which.
public protocol GPIOChip: AnyObject {
    /// Requests the line called `name` as an input, as `consumer` (the name other programs see).
    func requestInput(_ name: String, consumer: String, settings: InputSettings) throws(GPIOError) -> GPIOInput
    /// Requests the line called `name` as an output.
    func requestOutput(_ name: String, consumer: String, settings: OutputSettings) throws(GPIOError) -> GPIOOutput
    /// Who holds the line called `name` (nil: nobody); throws ``GPIOError/lineNotFound(name:chipLabel:)`` if the
    /// chip has no such line, so it also answers "is this line here?".
    func consumer(of name: String) throws(GPIOError) -> String?
}
