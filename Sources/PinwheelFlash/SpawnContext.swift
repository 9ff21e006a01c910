import Pinwheel
import PinwheelAsync
import PinwheelProgram

/// Step 4 of programming: the program's tasks and the session's own into the machine's static table, each slot
/// recorded for the memory map and named for the trace.
final class SpawnContext {
    let plan: FlashPlan
    let machine: any FlashMachine
    let log: ProgramLog
    let journal: WakeJournal
    let record: StopRecord
    /// Counts the program's tasks still running; the supervisor ends the run when none is.
    let completion: DemoCompletion
    /// The slots filled so far, for the memory map.
    private(set) var slots: [MemoryMap.Slot] = []

    init(
        plan: FlashPlan, machine: any FlashMachine, log: ProgramLog, journal: WakeJournal, record: StopRecord
    ) {
        self.plan = plan
        self.machine = machine
        self.log = log
        self.journal = journal
        self.record = record
        completion = DemoCompletion(tasks: plan.tasks.count)
    }

    /// Spawns one of the session's poll tasks.
    func spawn(_ task: SessionTask) {
        // The plan checked that the program's tasks and the session's fit the table.
        let slot = try! machine.spawn(.poll(task))
        note(slot, name: task.name, heapBytes: MemoryMap.heapBlockBytes(of: task.object, measured: !plan.virtual), async: false)
    }

    /// Spawns the program's tasks, each an async function with its environment; returns them by slot. In a
    /// deterministic run the memory map shows the bytes requested, not what malloc gave (which varies by run).
    func spawnProgram() -> [(slot: Int, environment: TaskEnvironment)] {
        plan.tasks.map { task in
            let record = self.record
            let environment = TaskEnvironment(
                task: task.name, log: log, board: plan.board.name, realTime: !plan.virtual, wakes: journal,
                taskSlots: machine.taskSlots, fault: { record.stop(.fault($0)) })
            let (body, completion) = (task.body, completion)
            let asyncTask = AsyncTask {
                await TaskEnvironment.$current.withValue(environment) { await body(environment) }
                completion.taskFinished()
            }
            let slot = try! machine.spawn(.async(asyncTask))
            environment.slot = slot
            environment.slotExecutor = asyncTask.executor
            // Programming creates the Swift task now, so that the memory map shows what it took.
            asyncTask.start()
            note(slot, name: task.name, heapBytes: plan.virtual ? asyncTask.requestedBytes : asyncTask.heapBytes, async: true)
            return (slot, environment)
        }
    }

    private func note(_ slot: Int, name: String, heapBytes: Int, async: Bool) {
        slots.append(MemoryMap.Slot(
            slot: slot, name: name, slotBytes: MemoryLayout<FirmwareTask?>.stride, heapBytes: heapBytes, async: async,
            measured: !plan.virtual))
    }
}
