import CAllocationCounter

/// Heap allocations the calling thread makes while running `body` (malloc, calloc, realloc, aligned forms),
/// counted by the malloc interposer linked into the test executable.
public func allocations<T>(during body: () throws -> T) rethrows -> (count: UInt64, result: T) {
    let before = pw_thread_allocations()
    let result = try body()
    return (pw_thread_allocations() - before, result)
}

/// Whether allocations are counted: false in a sanitizer build (ThreadSanitizer, AddressSanitizer), which brings its
/// own malloc. Allocation tests are enabled only where it is true.
public let allocationCounterIsAvailable = pw_allocation_counter_available() != 0

/// Allocations the calling thread has made so far.
public var threadAllocations: UInt64 { pw_thread_allocations() }

/// Whether the interposer is live: an allocation we make on purpose must be counted. Guards the zero-allocation
/// tests against passing because nothing was being counted.
public func allocationCounterIsLive() -> Bool {
    let (count, _) = allocations {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        buffer.deallocate()
    }
    return count == 1
}
