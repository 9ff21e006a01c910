import Pinwheel
import PinwheelProgram
import PinwheelTesting
import Testing

/// A program that names a line the simulated board lacks.
struct Misspelt: Program {
    let led = OutputLine("LDE")
    func main(_ task: TaskEnvironment) async { led.toggle() }
}

/// A program whose task uses a handle it never declared.
struct Undeclared: Program {
    static let runLength: Duration? = .seconds(1)
    let led = OutputLine("LED")
    func main(_ task: TaskEnvironment) async {
        let stray = InputLine("BUTTON")
        led.set(true)
        _ = await stray.edge()
        task.log("never reached")
    }
}

/// A program keeping a handle where its declaration cannot see it: in a class.
final class Lamps: Sendable { let red = OutputLine("RED") }
struct Hidden: Program {
    let led = OutputLine("LED")
    let lamps = Lamps()
    func main(_ task: TaskEnvironment) async { lamps.red.set(true) }
}

/// A program declaring one line twice.
struct Twice: Program {
    let a = OutputLine("LED"), b = OutputLine("LED")
}

/// A program whose table is too small for its tasks and the session's.
struct Cramped: Program {
    typealias Slots = TaskSlots<2>
    let led = OutputLine("LED")
    var tasks: [ProgramTask] { [ProgramTask("one") { _ in }, ProgramTask("two") { _ in }] }
}

/// A program with a table of its own size.
struct Small: Program {
    typealias Slots = TaskSlots<3>
    static let runLength: Duration? = .milliseconds(100)
    let led = OutputLine("LED")
    func main(_ task: TaskEnvironment) async {
        led.set(true)
        task.log("on")
    }
}

/// Mistakes a program can make, each reported with what, where and how to fix it.
@Suite struct ProgramMistakeTests {
    @Test func aMisspeltLineIsNamedBeforeAnythingIsRequested() {
        #expect {
            _ = try ProgramTest.run(Misspelt.self)
        } throws: { error in
            guard let error = error as? FlashError, case .missingLines(_, "sim", let missing, _) = error else { return false }
            return missing == ["LDE"] && error.exitCode == 64 && error.description.contains("LDE")
        }
    }

    @Test func anUndeclaredHandleStopsTheRunWithItsName() throws {
        let run = try ProgramTest.run(Undeclared.self)
        #expect(run.exitCode == 64)
        #expect(run.reason == .fault(.undeclaredLine("BUTTON")))
        #expect(run.messages(of: "undeclared").contains { $0.contains("the line BUTTON was used but not declared") })
        #expect(!run.messages().contains("never reached"))
        // Stopped at once: not at the run's end.
        #expect(run.records.last { $0.level == .error }?.time == .zero)
    }

    @Test func aHandleKeptOutOfTheDeclarationIsNamedBeforeAnythingIsRequested() {
        #expect {
            _ = try ProgramTest.run(Hidden.self)
        } throws: { error in
            guard let error = error as? FlashError, case .undeclaredHandles("hidden", let names) = error else { return false }
            return names == ["RED"] && error.exitCode == 64 && error.description.contains("not in a class")
        }
    }

    @Test func aLineDeclaredTwiceIsRefused() {
        #expect {
            _ = try ProgramTest.run(Twice.self)
        } throws: { error in
            (error as? FlashError)?.description.contains("declares LED more than once") == true
        }
    }

    @Test func aTableTooSmallSaysWhatItNeeds() {
        #expect {
            _ = try ProgramTest.run(Cramped.self)
        } throws: { error in
            (error as? FlashError)?.description.contains("`typealias Slots = TaskSlots<3>`") == true
        }
    }

    @Test func theTableIsTheProgramsSize() throws {
        let run = try ProgramTest.run(Small.self)
        #expect(run.output.contains("Executor<TaskPool<MixedTask<SessionTask>, 3>, 1, 3>"))
        #expect(run.output.contains("3 slots × 16 B: 2 used, 1 free"))
        #expect(run.messages() == ["on", "the program ended"])
    }
}
