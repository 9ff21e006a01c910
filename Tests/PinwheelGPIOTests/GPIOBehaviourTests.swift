import PinwheelBoards
import PinwheelGPIO
import PinwheelGPIOBehaviour
import PinwheelSimulation
import Testing

/// The repository's boards/ directory.
let repositoryBoards = BoardCatalog(
    directory: String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")) + "/boards")

/// The shared GPIO behaviour checks on the simulated chip. The same checks run on the kernel's gpio-sim chip inside
/// the VM (Scripts/test-gpio-vm), against libgpiod v1 and v2.
@Suite struct GPIOBehaviourTests {
    static let applicable: [String] = {
        guard let rig = try? SimulatedRig(catalog: repositoryBoards) else { return ["set-up"] }
        return GPIOBehaviour.checks.filter { $0.skipReason(rig) == nil }.map(\.name)
    }()

    @Test(arguments: applicable)
    func simulatedChip(_ name: String) throws {
        let rig = try SimulatedRig(catalog: repositoryBoards)
        let check = try #require(GPIOBehaviour.checks.first { $0.name == name })
        try check.run(on: rig)
    }
}
