import CAllocationCounter
import Foundation
import PinwheelDemos
import PinwheelProgram
import Pinwheel
import PinwheelFlash

/// Flashes every demo onto the simulated board (virtual time, the demo's own stimulus and run length) and counts the
/// heap allocations the executor's thread makes after start-up (from its first idle entry, when every task waits
/// at its first await, to the end of the run), with the malloc interposer linked into this executable. Each demo is
/// flashed once first, uncounted, so that the runtime's one-time lazy work is not counted. Prints one line per demo
/// and output mode: `✔ DEMO MODE: N allocations on the executor's thread after start-up, …`; exits 1 if any count is
/// not zero.
///
/// `PinwheelCLITests/RunAllocationTests` runs it; `pinwheel-allocation-check DEMO…` checks only those demos, and
/// `--stimulus FILE --seconds N` plays that stimulus for N seconds of virtual time instead of the demo's own, and
/// `--cold` leaves out the uncounted first flash (so a demo's count includes the runtime's one-time work, as the
/// one flash of a `pinwheel flash` process does).
@main
struct RunAllocationCheck {
    static func main() throws {
        guard pw_allocation_counter_available() != 0 else {
            print("the allocation counter is not linked in (a sanitizer build): nothing measured")
            exit(2)
        }
        var arguments = CommandLine.arguments.dropFirst()
        var names: [String] = []
        var stimulus: String?
        var duration: Pinwheel.Duration?
        var warmUp = true
        while let argument = arguments.popFirst() {
            switch argument {
            case "--stimulus": stimulus = arguments.popFirst()
            case "--cold": warmUp = false
            case "--seconds": duration = arguments.popFirst().flatMap { UInt64($0) }.map { .seconds($0) }
            default: names.append(argument)
            }
        }
        var failures = 0
        for demo in DemoCatalog.all where names.isEmpty || names.contains(demo.name) {
            // A first flash of the demo, not counted: the Swift runtime's one-time work (type metadata, conformance
            // caches) is done lazily, by whichever run first needs it.
            if warmUp {
                _ = try FlashSession.flash(FlashOptions(program: demo.name), console: Console(json: false, isTerminal: false) { _ in })
            }
            for json in [false, true] {
                let console = Console(json: json, isTerminal: false) { _ in }
                var options = FlashOptions(program: demo.name, stimulusPath: stimulus, duration: duration, json: json)
                options.allocationCounter = { pw_thread_allocations() }
                let outcome = try FlashSession.flash(options, console: console)
                let count = outcome.steadyAllocations ?? .max
                if count != 0 || outcome.exitCode != 0 { failures += 1 }
                print("\(count == 0 ? "✔" : "✘") \(demo.name) \(json ? "json" : "text"): \(count) allocations on the "
                    + "executor's thread after start-up, \(outcome.runAllocations ?? 0) from the first poll (exit \(outcome.exitCode))")
            }
        }
        exit(failures == 0 ? 0 : 1)
    }
}
