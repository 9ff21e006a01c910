import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// One task awaits a `FutureGroup` of 1,000 children. One child counts BUTTON presses; the other 999 wait for
/// deadlines after the run. Each press is one interrupt among the 1,000 children, and the log shows the group's poll
/// that follows it polling exactly one child. It answers "how does a join of 1,000 futures avoid polling all 1,000
/// when one of them is woken?"
public struct JoinOfMany: Program {
    /// The name to flash it by.
    public static let name = "join"
    /// What it shows.
    public static let summary = "one interrupt among 1,000 children of a group: the group polls exactly the child it woke"
    /// What to watch while it runs.
    public static let guide = "Press BUTTON twice: each press wakes one child of 1,000, and the group's next poll polls that child alone."
    /// Its inputs on the simulated board.
    public static let stimulus = """
            at 200ms press BUTTON for 50ms
            at 600ms press BUTTON for 50ms
            """
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = nil

    let button = InputLine("BUTTON", edges: .rising, bias: .pullDown, purpose: "the interrupt child \(pressChild) waits for")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("join") { await Self.join($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    /// The group's size.
    static let children = 1_000
    /// The child that waits for BUTTON: an index in the middle of the group's ready set (word 9, bit 41).
    static let pressChild = 617
    /// Presses the BUTTON child waits for.
    static let presses = 2

    /// The group's child wakers: static storage, as ``ChildWakers`` requires (a child's waker may sit in BUTTON's
    /// cell after the group is gone). 16 words hold 1,024 children's bits.
    nonisolated(unsafe) static let wakers: UnsafeMutablePointer<ChildWakers<16>> = {
        let storage = UnsafeMutablePointer<ChildWakers<16>>.allocate(capacity: 1)
        storage.initialize(to: ChildWakers())
        return storage
    }()

    static func join(_ io: TaskEnvironment, _ program: Self) async {
        let button = program.button
        let (word, bit) = (pressChild / UInt.bitWidth, pressChild % UInt.bitWidth)
        var group = FutureGroup<Watcher, 1_000, 16>(
            InlineArray { index in
                index == pressChild
                    ? Watcher(index: index, wait: .presses(button.edge(), seen: 0), io: io)
                    : Watcher(index: index, wait: .deadline(Timer.after(.seconds(10) + .milliseconds(UInt64(index)))), io: io)
            },
            wakers: wakers)
        io.log("One task, one slot (\(io.slot)), one FutureGroup of \(children) children. Child \(pressChild) waits for \(presses) BUTTON presses; the other \(children - 1) wait for deadlines from 10 s on, after the run. Each child is polled with a waker of its own: the group's wake target and the child's index, so child \(pressChild)'s waker sets bit \(bit) of word \(word) in the group's ready set.")
        var groupPolls = 0
        let finished = await waitUntil { context in
            let before = group.childPolls
            let next = group.pollNext(context)
            groupPolls += 1
            let polled = group.childPolls - before
            if groupPolls == 1 {
                io.log("group poll 1 (the first): \(polled) child polls, every child once, so that each leaves its waker: child \(pressChild)'s is in BUTTON's WakerCell, the others' deadlines are in the group and the earliest in the executor's timer queue under slot \(io.slot).")
            } else {
                let verdict = polled == 1 ? "exactly one child polled" : "\(polled) children polled"
                io.log("group poll \(groupPolls): \(verdict) of \(group.unfinished + (next.isReady ? 1 : 0)) waiting; \(group.childPolls) child polls in all. A join that polls every child would have made \(children) here.")
            }
            return next
        }
        if let (index, presses) = finished {
            io.log("child \(index) finished after \(presses) presses: \(presses) interrupts cost \(group.childPolls - UInt64(children)) child polls after the first round, not \(presses * children). The group ends; its \(group.unfinished) unfinished children are dropped with it.")
        }
    }

    /// A child of the demo's group: the one that counts BUTTON presses, or one that waits for a deadline.
    struct Watcher: Future {
        enum Wait {
            case presses(InputEdge, seen: Int)
            case deadline(Timer)
        }

        let index: Int
        var wait: Wait
        let io: TaskEnvironment

        /// Ready with the presses seen (0 for a deadline child).
        mutating func poll(_ context: Context) -> Poll<Int> {
            switch wait {
            case .deadline(var timer):
                defer { wait = .deadline(timer) }
                return timer.poll(context).isReady ? .ready(0) : .pending
            case .presses(var edge, var seen):
                defer { wait = .presses(edge, seen: seen) }
                // Messages, not strings: joined piece by piece, so that a press costs no allocation.
                var took: LogMessage = ""
                let before = seen
                while case .ready(let report) = edge.poll(context) {
                    seen += 1
                    took = took + (seen > before + 1 ? ", " : "")
                        + "press \(seen) (\(report.event.edge) edge at \(seconds: report.event.timestamp - io.runLog.origin))"
                }
                let location: LogMessage = "bit \(context.waker.slot % UInt.bitWidth) of word \(context.waker.slot / UInt.bitWidth)"
                guard seen > before else {
                    io.log("child \(index) polled: no press yet; its waker (the group's target, " + location + ") is now in BUTTON's WakerCell.")
                    return .pending
                }
                let rest: LogMessage = seen < presses ? "\(presses - seen) to go, pending again" : "done"
                io.log("child \(index) polled: took " + took + "; " + rest + ". The interrupt's handler had woken this child's waker: " + location + " in the group's ready set, and the group's pender woke the task.")
                return seen < presses ? .pending : .ready(seen)
            }
        }
    }
}
