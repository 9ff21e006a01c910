import Pinwheel
@testable import PinwheelDemos
import PinwheelProgram
import Testing

@Suite struct MorseTests {
    @Test func lettersAndWordsAreSpacedByTheStandardUnits() {
        let schedule = Morse.schedule("SO S").map { "\($0.on ? "on" : "off") \($0.units)" }
        #expect(schedule == [
            "on 1", "off 1", "on 1", "off 1", "on 1",  // S
            "off 3",
            "on 3", "off 1", "on 3", "off 1", "on 3",  // O
            "off 7",
            "on 1", "off 1", "on 1", "off 1", "on 1",  // S
        ])
    }
}
