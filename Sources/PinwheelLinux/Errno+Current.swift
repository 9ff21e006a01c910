import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

extension Errno {
    /// The calling thread's `errno`, as left by the system call that just failed.
    public static var current: Errno { Errno(rawValue: errno) }
}
