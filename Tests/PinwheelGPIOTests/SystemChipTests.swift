import PinwheelGPIO
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The libgpiod side on this machine. (Its behaviour against a real kernel chip runs inside the gpio-sim VM.)
@Suite struct SystemChipTests {
    @Test func theShimIsBuiltAgainstTheInstalledLibgpiod() {
        let library = SystemChip.library
        if access("/usr/include/gpiod.h", F_OK) == 0 {
            #expect(library.api == 1 || library.api == 2, "libgpiod is installed but the shim reports \(library)")
            #expect(library.version.hasPrefix("\(library.api)."), "API \(library.api) but version \(library.version)")
        } else {
            #expect(library.api == 0 && library.version == "none")
        }
    }

    @Test(.enabled(if: access("/dev/gpiochip0", F_OK) != 0, "for machines without GPIO chips"))
    func aMachineWithoutGPIOChipsGetsAnExplanation() throws {
        let expected: GPIOError = SystemChip.library.api == 0 ? .libgpiodMissing : .noGPIOChips
        #expect(throws: expected) { _ = try SystemChip(label: "pinctrl-rp1") }
        #expect(expected.description.contains(SystemChip.library.api == 0 ? "apt-get install libgpiod-dev" : "--board sim"))
    }
}
