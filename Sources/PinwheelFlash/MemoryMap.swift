import CPinwheelAsync
import Pinwheel
import PinwheelAsync
import PinwheelDemos
import PinwheelProgram
#if canImport(Glibc)
import Glibc
#endif

/// The flashed image's memory map: the static executor (task table, ready bitmap, timer queue) with each slot's
/// task, the waker cells the interrupt sources hold, and the vector table.
struct MemoryMap {
    struct Slot {
        let slot: Int
        let name: String
        let slotBytes: Int
        /// Heap blocks the task holds, measured with malloc_usable_size.
        let heapBytes: Int
        /// An async task (slot executor, its state, the Swift task) rather than a poll task's object.
        let async: Bool
        /// Measured with malloc_usable_size (a real-time run), or the sizes requested (a deterministic run, where a
        /// figure that depends on the allocator's history is not printed), the Swift task object left out.
        let measured: Bool
    }

    struct Vector {
        let irq: UInt16
        let name: String
        let detail: String
    }

    /// The executor's parts, read from its types.
    var machine: MachineLayout
    var slots: [Slot]
    var wakerBytes: Int
    var wakerCellBytes: Int
    var wakerCells: [String]
    var vectors: [Vector]
    var vectorCapacity: Int
    var vectorTableBytes: Int

    var executorBytes: Int { machine.executorBytes }
    var executorType: String { machine.executorType }
    var tableBytes: Int { machine.tableBytes }
    var slotStride: Int { machine.slotStride }
    var slotCount: Int { machine.slots }
    var readyBitmapBytes: Int { machine.readyBitmapBytes }
    var timerEntries: Int { machine.timerEntries }
    var timerEntryBytes: Int { machine.timerEntryBytes }

    /// The heap block holding `object`'s state (its class instance), as malloc sized it (`measured`), or as it was
    /// requested: the class's instance size, the same on every run.
    static func heapBlockBytes(of object: AnyObject, measured: Bool) -> Int {
        measured ? pw_heap_block_size(Unmanaged.passUnretained(object).toOpaque())
            : instanceSize(of: type(of: object))
    }

    var staticBytes: Int { executorBytes + wakerCellBytes * wakerCells.count + vectorTableBytes }

    func print(to console: Console) {
        guard !console.json else {
            return console.emit([
                "type": "memory", "executor_bytes": executorBytes, "task_table_bytes": tableBytes,
                "slot_bytes": slotStride, "slots": slotCount, "slots_used": slots.count,
                "ready_bitmap_bytes": readyBitmapBytes, "timer_queue_bytes": timerEntries * timerEntryBytes,
                "tasks": slots.map {
                    ["slot": $0.slot, "name": $0.name, "slot_bytes": $0.slotBytes, "heap_bytes": $0.heapBytes,
                     "kind": $0.async ? "async" : "poll"]
                },
                "waker_bytes": wakerBytes, "waker_cells": wakerCells, "waker_cell_bytes": wakerCellBytes,
                "irqs": vectors.map { ["irq": Int($0.irq), "name": $0.name, "detail": $0.detail] },
                "vectors": vectorCapacity, "static_bytes": staticBytes,
            ])
        }
        func row(_ label: String, _ bytes: Int?, _ detail: String) {
            let amount = bytes.map { "\($0) B" } ?? ""
            console.line("  \(label.rightPadded(22))\(amount.leftPadded(8))  \(detail)")
        }
        console.line("Memory map (static image, \(MemoryLayout<Int>.size * 8)-bit)")
        row("executor", executorBytes, executorType)
        row("  task table", tableBytes, "\(slotCount) slots × \(slotStride) B: \(slots.count) used, \(slotCount - slots.count) free")
        // The set's words plus its summary word (which a one-word set keeps but does not use).
        let words = readyBitmapBytes / MemoryLayout<UInt>.size - 1
        row("  ready bitmap", readyBitmapBytes, "\(words) word(s), one bit per slot, and a summary word"
            + (words == 1 ? " (unused with one word)" : ""))
        row("  timer queue", timerEntries * timerEntryBytes, "\(timerEntries) entries × \(timerEntryBytes) B, one per waiting task")
        for slot in slots {
            let held = !slot.async ? "poll task's state"
                : slot.measured ? "async task: slot executor, its state, the Swift task object"
                : "async task: slot executor and its state as requested; the Swift task object besides"
            row("  slot \(slot.slot): \(slot.name)", slot.slotBytes, "+ \(slot.heapBytes) B \(held), allocated at programming")
        }
        row("waker cells", wakerCellBytes * wakerCells.count,
            "\(wakerCells.count) × \(wakerCellBytes) B\(wakerCells.isEmpty ? "" : ": " + wakerCells.joined(separator: ", ")); a waker is \(wakerBytes) B, never reference-counted")
        row("vector table", vectorTableBytes,
            "\(vectorCapacity) vectors × \(vectorTableBytes / max(vectorCapacity, 1)) B (pollfd; the descriptor and its handler, or the signal's state): \(vectors.count) bound, \(vectorCapacity - vectors.count) free")
        for vector in vectors { row("  IRQ \(vector.irq): \(vector.name)", nil, vector.detail) }
        row("total static", staticBytes, "executor + waker cells + vector table")
    }
}
