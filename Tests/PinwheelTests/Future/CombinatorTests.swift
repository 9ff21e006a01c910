import Pinwheel
import PinwheelTestSupport
import Testing

/// A future ready on its `readyOnPoll`-th poll, counting polls.
struct Countdown: Future {
    let readyOnPoll: Int
    let output: Int
    var polls = 0
    mutating func poll(_ context: Context) -> Poll<Int> {
        polls += 1
        if polls >= readyOnPoll { return .ready(output) }
        context.waker.wake()
        return .pending
    }
}

struct Doubling: OutputTransform {
    func callAsFunction(_ input: Int) -> Int { input * 2 }
}

@Suite struct CombinatorTests {
    func run<F: Future>(_ future: F) throws -> F.Output? {
        var executor = try Executor<TaskPool<Await<F>, 1>, 1, 1>()
        let result = Log<F.Output?>(nil)
        try executor.spawn(Await(future) { output, _ in result.value = output })
        var clock = VirtualClock()
        _ = executor.run(on: &clock)
        return result.value
    }

    @Test func joinWaitsForBothAndKeepsBothOutputs() throws {
        let output = try run(join(Countdown(readyOnPoll: 3, output: 30), Countdown(readyOnPoll: 1, output: 10)))
        #expect(output.map { [$0.0, $0.1] } == [30, 10])
    }

    @Test func selectFinishesWithTheFirstToFinish() throws {
        let output = try run(select(Countdown(readyOnPoll: 5, output: 5), Countdown(readyOnPoll: 2, output: 2)))
        #expect(output == .second(2))
    }

    @Test func selectPrefersTheFirstOnATie() throws {
        let output = try run(select(Countdown(readyOnPoll: 2, output: 1), Countdown(readyOnPoll: 2, output: 2)))
        #expect(output == .first(1))
    }

    @Test func selectOfThree() throws {
        let output = try run(select(Countdown(readyOnPoll: 4, output: 1), Countdown(readyOnPoll: 4, output: 2),
                                    Countdown(readyOnPoll: 3, output: 3)))
        #expect(output == .second(.second(3)))
    }

    @Test func selectAnyReportsTheWinnersIndex() throws {
        let futures: InlineArray<4, Countdown> = [
            Countdown(readyOnPoll: 9, output: 0), Countdown(readyOnPoll: 7, output: 1),
            Countdown(readyOnPoll: 3, output: 2), Countdown(readyOnPoll: 3, output: 3),
        ]
        let output = try run(SelectAny(futures))
        #expect(output?.index == 2 && output?.output == 2)
    }

    @Test func mapAppliesAClosureOrATransformType() throws {
        #expect(try run(Countdown(readyOnPoll: 2, output: 21).map { $0 * 2 }) == 42)
        #expect(try run(Countdown(readyOnPoll: 1, output: 4).map(Doubling())) == 8)
    }

    @Test func yieldGivesOthersATurn() throws {
        var executor = try SmallExecutor()
        let order = Log<[String]>([])
        var yield = YieldOnce()
        try executor.spawn(ClosureTask { context in
            order.value.append("yielder")
            return yield.poll(context).isReady
        })
        try executor.spawn(ClosureTask { _ in
            order.value.append("other")
            return true
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(order.value == ["yielder", "other", "yielder"])
    }
}
