#if canImport(Glibc)
import Glibc
#endif

/// A real OS thread running `body`, joined by ``join()``: for tests that race another thread against the
/// executor. (Swift concurrency's pool would hide which thread does what.)
public final class TestThread: @unchecked Sendable {
    private var handle = pthread_t()
    private let body: @Sendable () -> Void

    /// Starts a thread running `body`.
    public init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&handle, nil, { context in
            let thread = Unmanaged<TestThread>.fromOpaque(context!).takeRetainedValue()
            thread.body()
            return nil
        }, context)
        precondition(created == 0, "pthread_create failed: \(created)")
    }

    /// Waits for the thread to finish.
    public func join() {
        pthread_join(handle, nil)
    }
}
