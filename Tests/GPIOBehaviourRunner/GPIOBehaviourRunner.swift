import PinwheelBoards
import PinwheelGPIO
import PinwheelGPIOBehaviour
#if canImport(Glibc)
import Glibc
#endif

/// Runs the GPIO behaviour checks against one rig and prints one line per check, then `N passed, N failed`.
/// Scripts/gpio-sim-vm runs it inside the VM with `--rig kernel`; it is single-threaded, as the kernel rig needs.
@main
enum GPIOBehaviourRunner {
    static let usage = """
        usage: pinwheel-gpio-behaviour [--rig simulated|kernel] [--boards DIR] [--list]
          --rig simulated  the simulated board `sim` (the default)
          --rig kernel     the kernel's gpio-sim chip (board `gpio-sim`); needs PINWHEEL_GPIO_SIM_SYSFS, the chip's
                           sysfs directory, as Scripts/gpio-sim-vm sets it
          --boards DIR     where the .board files are (default: PINWHEEL_BOARDS, or boards/ found upwards)
          --list           print the checks' names and exit
        exit status: 0 when every check that applies passed, 1 when one failed, 2 for bad usage or set-up
        """

    static func fail(_ message: String, status: Int32 = 2) -> Never {
        let text = "pinwheel-gpio-behaviour: error: \(message)\n"
        _ = write(2, text, text.utf8.count)
        exit(status)
    }

    static func main() {
        var arguments = CommandLine.arguments.dropFirst()
        var rigName = "simulated"
        var boards: String?
        while let argument = arguments.popFirst() {
            switch argument {
            case "--rig":
                guard let value = arguments.popFirst() else { fail("--rig needs simulated or kernel\n\(usage)") }
                rigName = value
            case "--boards":
                guard let value = arguments.popFirst() else { fail("--boards needs a directory\n\(usage)") }
                boards = value
            case "--list":
                for check in GPIOBehaviour.checks { print(check.name) }
                return
            case "-h", "--help":
                print(usage)
                return
            default: fail("unknown argument \(argument)\n\(usage)")
            }
        }
        let rig: any GPIORig
        do {
            let catalog = try boards.map { BoardCatalog(directory: $0) } ?? BoardCatalog.locate()
            switch rigName {
            case "simulated":
                rig = try SimulatedRig(catalog: catalog)
            case "kernel":
                guard let sysfs = getenv("PINWHEEL_GPIO_SIM_SYSFS") else {
                    fail("--rig kernel needs PINWHEEL_GPIO_SIM_SYSFS (the gpio-sim chip's sysfs directory); "
                        + "run it with Scripts/gpio-sim-vm")
                }
                rig = try KernelRig(catalog: catalog, sysfs: String(cString: sysfs))
            default:
                fail("unknown rig \(rigName): expected simulated or kernel")
            }
        } catch {
            fail("cannot set up the rig: \(error)")
        }
        print("GPIO behaviour on \(rig.name)")
        var passed = 0
        var failed = 0
        var skipped = 0
        for check in GPIOBehaviour.checks {
            if let reason = check.skipReason(rig) {
                skipped += 1
                print("- \(check.name) (skipped: \(reason))")
                continue
            }
            do {
                try check.run(on: rig)
                passed += 1
                print("✔ \(check.name)")
            } catch {
                failed += 1
                print("✘ \(check.name): \(error)")
            }
        }
        if skipped > 0 { print("(\(skipped) skipped: they do not apply to this rig)") }
        print("\(passed) passed, \(failed) failed")
        exit(failed == 0 ? 0 : 1)
    }
}
