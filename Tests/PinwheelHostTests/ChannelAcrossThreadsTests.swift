import Pinwheel
import PinwheelHost
import PinwheelTestSupport
import Synchronization
import Testing

let crossThreadChannel = Channel<UInt64, 64>()
let oneSenderChannel = SingleProducerChannel<UInt64, 64>()

@Suite struct ChannelAcrossThreadsTests {
    /// Four threads send 25,000 items each (producer number in the high half, sequence number in the low) into a
    /// 64-element channel, retrying while it is full; one task receives on the futex platform. Every item arrives
    /// once, and each producer's items arrive in the order it sent them.
    @Test func oneHundredThousandItemsFromFourThreadsArriveOnceAndInOrder() throws {
        let producers = 4
        let each = 25_000
        _ = crossThreadChannel.count  // initialise the global before other threads use it
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        var receive = crossThreadChannel.receive()
        var last = Array(repeating: -1, count: producers)
        var received = 0
        var outOfOrder = 0
        try executor.spawn(ClosureTask { context in
            while case .ready(let item) = receive.poll(context) {
                let producer = Int(item >> 32)
                let sequence = Int(item & 0xFFFF_FFFF)
                if sequence != last[producer] + 1 { outOfOrder += 1 }
                last[producer] = sequence
                received += 1
                if received == producers * each { return true }
            }
            return false
        })
        let retries = Atomic<Int>(0)
        let threads = (0..<producers).map { producer in
            TestThread {
                for sequence in 0..<each {
                    while !crossThreadChannel.trySend(UInt64(producer) << 32 | UInt64(sequence)) {
                        retries.wrappingAdd(1, ordering: .relaxed)  // full: the caller's choice here is to retry
                    }
                }
            }
        }
        var platform = HostPlatform()
        #expect(executor.run(on: &platform) == .finished)
        threads.forEach { $0.join() }
        #expect(received == producers * each)
        #expect(outOfOrder == 0)
        #expect(last == Array(repeating: each - 1, count: producers))
        let left = crossThreadChannel.count
        #expect(left == 0)
        let rejected = crossThreadChannel.rejected
        #expect(rejected == UInt(retries.load(ordering: .relaxed)), "every refusal was counted")
    }

    /// One thread sends 100,000 items into a 64-element single-producer channel, retrying while it is full; one task
    /// receives on the futex platform. Every item arrives once, in the order sent, and every refusal was counted.
    @Test func oneHundredThousandItemsFromOneThreadThroughTheSingleProducerChannel() throws {
        let items = 100_000
        _ = oneSenderChannel.count  // initialise the global before the other thread uses it
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        var receive = oneSenderChannel.receive()
        var next: UInt64 = 0
        var outOfOrder = 0
        try executor.spawn(ClosureTask { context in
            while case .ready(let item) = receive.poll(context) {
                if item != next { outOfOrder += 1 }
                next = item + 1
                if next == UInt64(items) { return true }
            }
            return false
        })
        let retries = Atomic<Int>(0)
        let sender = TestThread {
            for item in 0..<UInt64(items) {
                while !oneSenderChannel.trySend(item) { retries.wrappingAdd(1, ordering: .relaxed) }
            }
        }
        var platform = HostPlatform()
        #expect(executor.run(on: &platform) == .finished)
        sender.join()
        #expect(next == UInt64(items))
        #expect(outOfOrder == 0)
        let left = oneSenderChannel.count
        #expect(left == 0)
        let rejected = oneSenderChannel.rejected
        #expect(rejected == UInt(retries.load(ordering: .relaxed)), "every refusal was counted")
    }
}
