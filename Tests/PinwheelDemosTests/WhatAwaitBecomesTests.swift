import Pinwheel
import PinwheelAsync
@testable import PinwheelDemos
import PinwheelProgram
import PinwheelGPIO
import PinwheelSimulation
import Synchronization
import Testing

/// `Morse.send(_:_:)` written by hand as the poll state machine the compiler turns it into: one state per `await`
/// point, holding the locals that live across that await. The article "What await becomes" (PinwheelAsync's
/// documentation) quotes this type; the test below runs it beside the async function and requires the same LED
/// changes at the same instants and the same log.
///
/// ```swift
/// static func send(_ text: String, _ io: TaskEnvironment, _ program: Self) async {
///     let led = program.led
///     var deadline = Instant.now
///     for step in schedule(text) {                                   // the loop's position lives across the await
///         if let letter = step.letter { io.log("\(letter)  \(codes[letter]!)") }
///         led.set(step.on)
///         deadline = deadline + unit * step.units                     // so does `deadline`
///         await Timer.at(deadline)                                    // the one suspension point
///     }
///     led.set(false)
///     io.log("message sent: \(text)")
/// }
/// ```
struct MorseSendMachine: Future {
    /// Where the function is: before its first line, suspended at `await Timer.at(deadline)` in iteration `index`,
    /// or returned. The associated values are exactly the locals still needed after that point.
    enum State {
        case start
        case awaitingTimer(index: Int, deadline: Instant, timer: Timer)
        case returned
    }

    let text: String
    let steps: Morse.Schedule
    let led: OutputLine
    let io: TaskEnvironment
    var state = State.start

    init(_ text: String, _ io: TaskEnvironment, _ program: Morse) {
        self.text = text
        self.io = io
        led = program.led
        steps = Morse.schedule(text)
    }

    /// One call runs the function from where it stopped to its next pending await (or its end).
    mutating func poll(_ context: Context) -> Poll<Void> {
        while true {
            switch state {
            case .start:
                // `var deadline = Instant.now`, then the loop's first iteration up to its await.
                state = runIteration(0, deadline: context.now())
            case .awaitingTimer(let index, let deadline, var timer):
                // The await: poll the future with this task's waker; pending means suspend, keeping the state.
                guard timer.poll(context).isReady else {
                    state = .awaitingTimer(index: index, deadline: deadline, timer: timer)
                    return .pending
                }
                // The rest of the iteration after the await is empty: on to the next one.
                state = runIteration(index + 1, deadline: deadline)
            case .returned:
                return .ready(())
            }
        }
    }

    /// The code between two awaits: iteration `index` of the loop up to its `await`, or the code after the loop.
    func runIteration(_ index: Int, deadline: Instant) -> State {
        guard index < steps.count else {
            led.set(false)
            io.log("message sent: \(text)")
            return .returned
        }
        let step = steps[index]
        if let letter = step.letter { io.log("\(letter)  \(Morse.codes[letter]!)") }
        led.set(step.on)
        let next = deadline + Morse.unit * step.units
        return .awaitingTimer(index: index, deadline: next, timer: .at(next))
    }
}

/// The executor's virtual time, readable from the simulated chip's and the log's clocks.
final class SharedClock: Sendable {
    let ticks = Atomic<UInt64>(0)
    var now: Instant { Instant(ticks: ticks.load(ordering: .relaxed)) }
}

@Suite struct WhatAwaitBecomesTests {
    @Test func theAsyncFunctionAndItsStateMachineDoTheSame() throws {
        let clock = SharedClock()
        let chip = SimulatedChip(lineNames: ["LED", "TWIN"], clock: { clock.now })
        let async = try chip.requestOutput("LED", consumer: "test", settings: OutputSettings())
        let machine = try chip.requestOutput("TWIN", consumer: "test", settings: OutputSettings())
        var records: [String: [String]] = [:]
        let log = ProgramLog(clock: { clock.now }) { records[$0.task, default: []].append("\($0.time.nanoseconds) \($0.message)") }
        func program(_ led: GPIOOutput) -> Morse {
            let program = Morse()
            program.led.line = led
            return program
        }
        func io(_ task: String) -> TaskEnvironment {
            TaskEnvironment(task: task, log: log, board: "test", realTime: false, wakes: WakeJournal(slots: 2), taskSlots: 2) { _ in }
        }
        let (asyncIO, asyncProgram) = (io("async"), program(async))
        let (machineIO, machineProgram) = (io("machine"), program(machine))
        var executor = try Executor<TaskPool<MixedTask<MorseSendMachine>, 2>, 1, 2>()
        try executor.spawn(MixedTask { await Morse.send("SOS PI", asyncIO, asyncProgram) })
        try executor.spawn(.poll(MorseSendMachine("SOS PI", machineIO, machineProgram)))
        var virtual = VirtualClock()
        while executor.runUntilIdle(on: &virtual) == .idle {
            guard let alarm = virtual.alarm else { break }
            virtual.advance(to: alarm)
            clock.ticks.store(virtual.now().ticks, ordering: .relaxed)
        }
        #expect(executor.liveTasks == 0)
        let changes = chip.outputChanges
        let asyncChanges = changes.filter { $0.offset == 0 }.map { "\($0.time.ticks) \($0.value)" }
        let machineChanges = changes.filter { $0.offset == 1 }.map { "\($0.time.ticks) \($0.value)" }
        #expect(asyncChanges.count == Morse.schedule("SOS PI").count + 2, "the level at request, one per step, the last off")
        #expect(asyncChanges == machineChanges)
        #expect(records["async"] == records["machine"])
        #expect(records["async"]?.last == "\(asyncChanges.last!.split(separator: " ")[0]) message sent: SOS PI")
    }
}
