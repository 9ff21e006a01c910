import Foundation
import Testing

/// `pinwheel demos` and `pinwheel boards`: what can be flashed where.
@Suite struct ListingTests {
    @Test func demosListsEveryDemoWithTheLinesItNeeds() async throws {
        let result = try await PinwheelProcess.run(["demos"])
        #expect(result.status == 0)
        for demo in GoldenOutputTests.demos { #expect(result.output.contains("\n  \(demo) "), "\(demo) is listed") }
        #expect(result.output.contains("Firmware demos (pinwheel flash NAME --board qemu-mps2-an386 | qemu-raspi3b):"))
        for demo in ["blinky", "fault", "keys", "latency", "wake"] {
            #expect(result.output.contains("Firmware demos") && result.output.split(separator: "Firmware demos")[1].contains("\n  \(demo) "))
        }
        #expect(result.output.contains("needs: RED (out), AMBER (out), GREEN (out), BUTTON (in)"))
        #expect(result.output.contains("needs: SIGUSR1"))
        #expect(result.output.contains("(default)"))
    }

    @Test func demosNameShowsTheBuiltInStimulus() async throws {
        let result = try await PinwheelProcess.run(["demos", "button"])
        #expect(result.status == 0)
        #expect(result.output.contains("  BUTTON   input  edges wake the task"))
        #expect(result.output.contains("  at 200ms press BUTTON for 300ms"))
        let unknown = try await PinwheelProcess.run(["demos", "blinkie"])
        #expect(unknown.status == 64)
        #expect(unknown.error.contains("unknown demo \"blinkie\""))
    }

    @Test func boardsListsEachBoardAndTheDemosItRuns() async throws {
        let result = try await PinwheelProcess.run(["boards"])
        #expect(result.status == 0)
        for board in ["gpio-sim", "qemu-mps2-an386", "qemu-raspi3b", "rpi3b", "rpi4b", "rpi5", "sim", "zero2w"] {
            #expect(result.output.contains("\n  \(board) "), "\(board) is listed")
        }
        #expect(result.output.contains("[libgpiod, chip pinctrl-rp1]"))
        #expect(result.output.contains("runs: blinky, button, debounce, traffic, morse, pwm, signals, wake, join, latency"))
        #expect(result.output.contains("[QEMU: qemu-system-arm -M mps2-an386, firmware image]"))
        #expect(result.output.contains("[QEMU: qemu-system-aarch64 -M raspi3b, firmware image]"))
        #expect(result.output.contains("runs: blinky (firmware), fault (firmware), keys (firmware), latency (firmware), wake (firmware)"))
    }
}
