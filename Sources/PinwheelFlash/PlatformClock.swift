import Pinwheel
import PinwheelLinux

/// Reads a pinned platform's clock (virtual or monotonic) for the parts that stamp times outside a poll: the
/// simulated chip's output changes, the log.
final class PlatformClock: @unchecked Sendable {
    // Safety (Sendable): reading the clock only loads from the platform, which flash pins for longer than any reader.
    let platform: UnsafeMutablePointer<LinuxPlatform>

    init(_ platform: UnsafeMutablePointer<LinuxPlatform>) { self.platform = platform }

    func now() -> Instant { Instant(ticks: LinuxPlatform.readClock(UnsafeRawPointer(platform))) }
}
