import Pinwheel
import PinwheelAsync

extension SignalInterrupt {
    /// Waits for the next delivery (or takes the ones waiting): the deliveries since the task last looked.
    public func next() async -> SignalEvents {
        let future: SignalWait = next()
        return await future.value
    }
}
