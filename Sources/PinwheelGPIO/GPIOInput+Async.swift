import Pinwheel
import PinwheelAsync

extension GPIOInput {
    /// Waits for the next edge the settings detect (debounced, if a period is set), with the edges lost before it.
    public func edge() async -> EdgeReport {
        let future: EdgeWait = edge()
        return await future.value
    }
}
