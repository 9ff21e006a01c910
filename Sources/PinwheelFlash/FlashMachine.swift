import Pinwheel
import PinwheelAsync
import PinwheelHost
import PinwheelLinux
import PinwheelProgram

/// The executor a program is flashed into and the Linux platform it runs on, pinned together, behind an interface
/// that does not name the table's size: the program chooses that at compile time (``Program/Slots``), and
/// ``SizedMachine`` is the machine of exactly that size.
protocol FlashMachine: AnyObject {
    /// The platform, at its fixed address for as long as the machine lives.
    var platform: UnsafeMutablePointer<LinuxPlatform> { get }
    /// The number of task slots.
    var taskSlots: Int { get }
    /// The executor's layout, for the memory map: its type and the sizes of its parts.
    var layout: MachineLayout { get }
    /// The executor's counters.
    var stats: ExecutorStats { get }
    /// Spawns `task` into a free slot.
    func spawn(_ task: FirmwareTask) throws(SpawnError) -> Int
    /// Whether `slot` still holds a task.
    func isOccupied(slot: Int) -> Bool
    /// Runs the executor on the platform until it stops.
    func run(trace: inout FlashTrace) -> RunOutcome
}

/// What the memory map shows of the executor: read from the machine's own types, never restated.
struct MachineLayout {
    let executorType: String
    let executorBytes: Int
    let tableBytes: Int
    let slotStride: Int
    let slots: Int
    let readyBitmapBytes: Int
    let timerEntries: Int
    let timerEntryBytes: Int
}

/// The machine with `slots` task slots: one ready word (so at most 64), a timer entry per slot.
final class SizedMachine<let slots: Int>: FlashMachine {
    typealias Tasks = TaskPool<FirmwareTask, slots>
    typealias Machine = PinnedExecutor<Tasks, 1, slots, LinuxPlatform>
    let pinned: Machine

    init(platform: consuming LinuxPlatform) throws(ExecutorError) {
        pinned = Machine(executor: try Executor<Tasks, 1, slots>(), platform: platform)
    }

    var platform: UnsafeMutablePointer<LinuxPlatform> { pinned.platform }
    var taskSlots: Int { slots }
    var stats: ExecutorStats { pinned.withExecutor { $0.stats } }

    var layout: MachineLayout {
        MachineLayout(
            // Executor and TaskPool are not copyable, so their names are put together from their parameters.
            executorType: "Executor<TaskPool<\(_typeName(FirmwareTask.self, qualified: false)), \(slots)>, 1, \(slots)>",
            executorBytes: MemoryLayout<Executor<Tasks, 1, slots>>.size, tableBytes: MemoryLayout<Tasks>.size,
            slotStride: MemoryLayout<FirmwareTask?>.stride, slots: slots, readyBitmapBytes: MemoryLayout<ReadySet<1>>.size,
            timerEntries: slots, timerEntryBytes: MemoryLayout<TimerEntry>.stride)
    }

    func spawn(_ task: FirmwareTask) throws(SpawnError) -> Int { try pinned.spawn(task) }
    func isOccupied(slot: Int) -> Bool { pinned.withExecutor { $0.isOccupied(slot: slot) } }
    func run(trace: inout FlashTrace) -> RunOutcome { pinned.run(trace: &trace) }
}

/// Makes the machine of a program's capacity (``CapacityOpener``): the platform is made first and moved in.
struct MachineMaker: CapacityOpener {
    let vectors: Int
    let virtualTime: Bool

    func open<let count: Int>(_ capacity: TaskSlots<count>.Type) -> Result<any FlashMachine, FlashError> {
        do {
            let platform = try LinuxPlatform(vectors: vectors, virtualTimeFrom: virtualTime ? .zero : nil)
            do {
                return .success(try SizedMachine<count>(platform: platform))
            } catch {
                return .failure(.tableTooLarge(slots: count, most: ReadySet<1>.capacity))
            }
        } catch {
            return .failure(.platform(error))
        }
    }
}
