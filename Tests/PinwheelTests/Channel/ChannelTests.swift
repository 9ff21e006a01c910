import Pinwheel
import PinwheelTestSupport
import Testing

let fourSlots = Channel<UInt32, 4>()
let pacedChannel = Channel<UInt32, 2>()
let wokenChannel = Channel<UInt32, 4>()

@Suite(.serialized) struct ChannelTests {
    @Test func aFullChannelRefusesAndCountsNeverDropsSilently() {
        let before = fourSlots.rejected
        for value: UInt32 in 1...4 {
            let sent = fourSlots.trySend(value)
            #expect(sent)
        }
        let count = fourSlots.count
        #expect(count == 4)
        let fifth = fourSlots.trySend(5)
        #expect(!fifth, "a fifth element fits nowhere")
        #expect(throws: ChannelError.full(capacity: 4)) { try fourSlots.send(6) }
        let rejected = fourSlots.rejected
        #expect(rejected == before + 2)
        // First in, first out; the refused ones never appear.
        let firstTwo = [fourSlots.tryReceive(), fourSlots.tryReceive()]
        #expect(firstTwo == [1, 2])
        let seventh = fourSlots.trySend(7)
        #expect(seventh)
        let rest = [fourSlots.tryReceive(), fourSlots.tryReceive(), fourSlots.tryReceive(), fourSlots.tryReceive()]
        #expect(rest == [3, 4, 7, nil])
    }

    @Test func theReceiverSleepsUntilASendWakesIt() throws {
        var executor = try Executor<TaskPool<ClosureTask, 2>, 1, 2>()
        var receive = wokenChannel.receive()
        let got = Log<[UInt32]>([])
        var receiverPolls = 0
        try executor.spawn(ClosureTask { context in
            receiverPolls += 1
            while case .ready(let value) = receive.poll(context) {
                got.value.append(value)
                if got.value.count == 3 { return true }
            }
            return false
        })
        var sent: UInt32 = 0
        try executor.spawn(ClosureTask { context in
            sent += 1
            wokenChannel.trySend(sent * 10)  // what a handler does: send, which wakes the receiver
            guard sent < 3 else { return true }
            context.waker.wake()
            return false
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(got.value == [10, 20, 30])
        #expect(receiverPolls <= 4, "polled only when woken: \(receiverPolls) polls")
    }

    @Test func aSenderThatChoosesToWaitSendsWhenTheReceiverMakesRoom() throws {
        var executor = try Executor<TaskPool<ClosureTask, 2>, 1, 2>()
        var next: UInt32 = 1
        var sending: SendWhenRoom<UInt32, 2>?
        try executor.spawn(ClosureTask { context in
            while next <= 6 {
                if sending == nil { sending = pacedChannel.sendWhenRoom(next) }
                guard sending!.poll(context).isReady else { return false }
                sending = nil
                next += 1
            }
            return true
        })
        var receive = pacedChannel.receive()
        let got = Log<[UInt32]>([])
        try executor.spawn(ClosureTask { context in
            // Takes one element per poll, then yields: the sender fills the two cells and must wait each time.
            guard case .ready(let value) = receive.poll(context) else { return false }
            got.value.append(value)
            guard got.value.count < 6 else { return true }
            context.waker.wake()
            return false
        })
        let rejectedBefore = pacedChannel.rejected
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(got.value == [1, 2, 3, 4, 5, 6])
        let rejectedAfter = pacedChannel.rejected
        #expect(rejectedAfter == rejectedBefore, "a sender that waits is not refused")
    }
}
