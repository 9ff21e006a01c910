import Pinwheel
import PinwheelTestSupport
import Testing

// Each behaviour runs on both forms of channel: any number of senders (`Channel`) and one (`SingleProducerChannel`).
let fourSlots = Channel<UInt32, 4>()
let pacedChannel = Channel<UInt32, 2>()
let wokenChannel = Channel<UInt32, 4>()
let fourSlotsOneSender = SingleProducerChannel<UInt32, 4>()
let pacedOneSender = SingleProducerChannel<UInt32, 2>()
let wokenOneSender = SingleProducerChannel<UInt32, 4>()

/// Which form of channel a test runs on.
enum ChannelForm: String, CaseIterable, Sendable, CustomStringConvertible {
    case anySenders = "Channel"
    case oneSender = "SingleProducerChannel"
    var description: String { rawValue }
}

@Suite(.serialized) struct ChannelTests {
    @Test(arguments: ChannelForm.allCases)
    func aFullChannelRefusesAndCountsNeverDropsSilently(form: ChannelForm) {
        switch form {
        case .anySenders: Self.refusesWhenFull(fourSlots)
        case .oneSender: Self.refusesWhenFull(fourSlotsOneSender)
        }
    }

    static func refusesWhenFull<C: BoundedChannel & ~Copyable>(_ channel: borrowing C) where C.Element == UInt32 {
        #expect(C.maximumCount == 4)
        let before = channel.rejected
        let acceptedBefore = channel.accepted
        for value: UInt32 in 1...4 {
            let sent = channel.trySend(value)
            #expect(sent)
        }
        let count = channel.count
        #expect(count == 4)
        let fifth = channel.trySend(5)
        #expect(!fifth, "a fifth element fits nowhere")
        #expect(throws: ChannelError.full(capacity: 4)) { try channel.send(6) }
        let rejected = channel.rejected
        #expect(rejected == before + 2)
        // First in, first out; the refused ones never appear.
        let firstTwo = [channel.tryReceive(), channel.tryReceive()]
        #expect(firstTwo == [1, 2])
        let seventh = channel.trySend(7)
        #expect(seventh)
        let rest = [channel.tryReceive(), channel.tryReceive(), channel.tryReceive(), channel.tryReceive()]
        #expect(rest == [3, 4, 7, nil])
        let accepted = channel.accepted
        #expect(accepted == acceptedBefore + 5, "four, then the seventh")
    }

    @Test(arguments: ChannelForm.allCases)
    func theReceiverSleepsUntilASendWakesIt(form: ChannelForm) throws {
        switch form {
        case .anySenders: try Self.sendWakesTheReceiver(wokenChannel)
        case .oneSender: try Self.sendWakesTheReceiver(wokenOneSender)
        }
    }

    static func sendWakesTheReceiver<C: BoundedChannel & ~Copyable>(_ channel: borrowing C) throws where C.Element == UInt32 {
        let address = withUnsafePointer(to: channel) { $0 }  // a global: its address is stable
        var executor = try Executor<TaskPool<ClosureTask, 2>, 1, 2>()
        var receive = address.pointee.receive()
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
            address.pointee.trySend(sent * 10, from: .interrupt(7))  // what a handler does: send, which wakes the receiver
            guard sent < 3 else { return true }
            context.waker.wake()
            return false
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(got.value == [10, 20, 30])
        #expect(receiverPolls <= 4, "polled only when woken: \(receiverPolls) polls")
    }

    @Test(arguments: ChannelForm.allCases)
    func aSenderThatChoosesToWaitSendsWhenTheReceiverMakesRoom(form: ChannelForm) throws {
        switch form {
        case .anySenders: try Self.waitsForRoom(pacedChannel)
        case .oneSender: try Self.waitsForRoom(pacedOneSender)
        }
    }

    static func waitsForRoom<C: BoundedChannel & ~Copyable>(_ channel: borrowing C) throws where C.Element == UInt32 {
        let address = withUnsafePointer(to: channel) { $0 }  // a global: its address is stable
        var executor = try Executor<TaskPool<ClosureTask, 2>, 1, 2>()
        var next: UInt32 = 1
        var sending: SendWhenRoom<C>?
        try executor.spawn(ClosureTask { context in
            while next <= 6 {
                if sending == nil { sending = address.pointee.sendWhenRoom(next) }
                guard sending!.poll(context).isReady else { return false }
                sending = nil
                next += 1
            }
            return true
        })
        var receive = address.pointee.receive()
        let got = Log<[UInt32]>([])
        try executor.spawn(ClosureTask { context in
            // Takes one element per poll, then yields: the sender fills the two cells and must wait each time.
            guard case .ready(let value) = receive.poll(context) else { return false }
            got.value.append(value)
            guard got.value.count < 6 else { return true }
            context.waker.wake()
            return false
        })
        let rejectedBefore = address.pointee.rejected
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(got.value == [1, 2, 3, 4, 5, 6])
        let rejectedAfter = address.pointee.rejected
        #expect(rejectedAfter == rejectedBefore, "a sender that waits is not refused")
    }
}
