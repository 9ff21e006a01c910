import Pinwheel
import PinwheelBoards
import PinwheelProgram

/// The machine as programmed: the board's lines requested and bound to the program's handles, the vectors bound,
/// the slots filled. The memory map is derived from it (``memoryMap(_:)``), with no figure restated by hand.
struct FlashImage {
    let machine: any FlashMachine
    let board: Board
    let lines: BoardLines
    /// The vector table's bound entries, in IRQ order of binding.
    let vectors: [MemoryMap.Vector]
    /// Each filled slot, in spawn order.
    let slots: [MemoryMap.Slot]
    /// The program's tasks, by slot, with their environments.
    let programTasks: [(slot: Int, environment: TaskEnvironment)]
    /// Interactive mode's keys, when bound.
    let keyboard: Keyboard?

    /// Each slot's task name, for the trace, the waveform and the summary.
    var taskNames: [Int: String] { Dictionary(uniqueKeysWithValues: slots.map { ($0.slot, $0.name) }) }

    /// The vectors' names by IRQ, for the trace.
    var irqNames: [UInt16: String] { Dictionary(vectors.map { ($0.irq, $0.name) }, uniquingKeysWith: { first, _ in first }) }

    /// The image's memory map: the executor, each slot's task, the waker cells the interrupt sources hold, the
    /// vector table.
    func memoryMap(_ plan: FlashPlan) -> MemoryMap {
        let declaration = plan.declaration
        let cells = declaration.lines.filter(\.isInput).map(\.name) + declaration.signals.map { "SIG\($0.name)" }
        let platform = machine.platform
        return MemoryMap(
            machine: machine.layout, slots: slots, wakerBytes: MemoryLayout<Waker>.size,
            wakerCellBytes: MemoryLayout<WakerCell>.size, wakerCells: cells + (keyboard != nil ? ["keys"] : []),
            vectors: vectors, vectorCapacity: vectors.count + platform.pointee.freeVectors,
            vectorTableBytes: platform.pointee.vectorTableBytes)
    }
}
