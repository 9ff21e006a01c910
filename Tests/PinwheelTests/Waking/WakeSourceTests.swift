import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct WakeSourceTests {
    @Test func interruptNumbersRoundTrip() {
        #expect(WakeSource.interrupt(0).irq == 0)
        #expect(WakeSource.interrupt(65535).irq == 65535)
        #expect(WakeSource.timer.irq == nil)
        #expect(WakeSource.interrupt(7) != WakeSource.interrupt(8))
    }
}
