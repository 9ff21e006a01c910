import Pinwheel
import PinwheelBoards
import PinwheelDemos
@testable import PinwheelFlash
import PinwheelProgram
import PinwheelText
import Testing

/// The flash pipeline's stages, in process: the plan (pure), the stop record's precedence, the machine's layout.
@Suite struct FlashPipelineTests {
    static let board = try! BoardFile.parse(
        """
        name = tiny
        description = a test board
        driver = simulated
        chip = test
        [names]
        LED = line GPIO4
        BUTTON = line GPIO5
        RED = line GPIO6
        AMBER = line GPIO7
        GREEN = line GPIO8
        """, path: "tiny.board")

    @Test func aPlanResolvesTheProgramsClockLengthAndStimulus() throws {
        let plan = try FlashPlan(FlashOptions(program: "traffic", board: "tiny"), board: Self.board, program: TrafficLight(), environment: [:])
        #expect(plan.virtual)
        #expect(plan.length == .seconds(15))
        #expect(plan.stimulus?.steps.count == 6)
        #expect(plan.stimulusSource == "the program's built-in stimulus")
        #expect(plan.declaration.lines.map(\.name) == ["RED", "AMBER", "GREEN", "BUTTON"])
        #expect(plan.taskSlots == 16 && plan.sessionTasks == 2)
    }

    @Test func aPlanInRealTimeHasNoLengthAndAStimulusFileIsRead() throws {
        var options = FlashOptions(program: "button", board: "tiny", stimulusPath: "given.stim", realTime: true)
        options.duration = nil
        let plan = try FlashPlan(options, board: Self.board, program: ButtonLED(), environment: [:]) { path in
            #expect(path == "given.stim")
            return "at 1s press BUTTON for 10ms"
        }
        #expect(!plan.virtual)
        #expect(plan.length == nil)
        #expect(plan.stimulus?.steps.count == 2)
    }

    @Test func aPlanRefusesAStimulusLineTheBoardLacks() {
        var options = FlashOptions(program: "button", board: "tiny")
        options.stimulusText = "at 1s press SWITCH for 10ms"
        #expect {
            _ = try FlashPlan(options, board: Self.board, program: ButtonLED(), environment: [:])
        } throws: { error in
            guard case .stimulusUnknownLine(_, "SWITCH", "tiny", _) = error as? FlashError else { return false }
            return true
        }
    }

    @Test func theFirstStopReasonWins() {
        let record = StopRecord(stopper: nil)
        #expect(record.recorded == nil)
        #expect(record.stop(.quit))
        #expect(!record.stop(.duration(.seconds(1))))
        #expect(!record.stop(.pollLimit(3)))
        #expect(record.recorded == .quit)
    }

    @Test func theMemoryMapReadsTheMachinesTypes() throws {
        let machine = try MachineMaker(vectors: 8, virtualTime: true).open(TaskSlots<5>.self).get()
        let layout = machine.layout
        #expect(layout.slots == 5 && layout.timerEntries == 5)
        #expect(layout.executorType == "Executor<TaskPool<MixedTask<SessionTask>, 5>, 1, 5>")
        #expect(layout.tableBytes == MemoryLayout<TaskPool<FirmwareTask, 5>>.size)
        #expect(machine.platform.pointee.freeVectors == 6, "the timer and the doorbell are bound when the platform is made")
        let map = MemoryMap(
            machine: layout, slots: [], wakerBytes: 16, wakerCellBytes: 24, wakerCells: ["BUTTON"],
            vectors: [], vectorCapacity: 8, vectorTableBytes: machine.platform.pointee.vectorTableBytes)
        #expect(map.staticBytes == layout.executorBytes + 24 + machine.platform.pointee.vectorTableBytes)
    }

    @Test func aTableLargerThanOneReadyWordIsRefused() {
        let made = MachineMaker(vectors: 8, virtualTime: true).open(TaskSlots<65>.self)
        guard case .failure(let error) = made else { Issue.record("a 65-slot table was made"); return }
        #expect(error.description.contains("TaskSlots<64>"))
    }
}
