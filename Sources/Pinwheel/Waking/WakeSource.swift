/// Who woke a task: carried through a wake to the trace hook so the path from interrupt to poll is visible.
///
/// The low 16 bits say the kind of source; for ``interrupt(_:)`` the upper bits carry the IRQ number.
public struct WakeSource: RawRepresentable, Hashable, Sendable, BitwiseCopyable {
    /// The packed kind and number.
    public var rawValue: UInt32

    /// A source from its packed form.
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A task woke a task (itself or another) from ordinary task code.
    @inlinable public static var task: WakeSource { WakeSource(rawValue: 0) }
    // 1 is not used: it was a spawn, which sets its task's bit without a wake.
    /// A deadline in the timer queue passed.
    @inlinable public static var timer: WakeSource { WakeSource(rawValue: 2) }
    /// The timer queue had been full and left this task out; an entry has left since, so it asks again.
    @inlinable public static var timerOverflow: WakeSource { WakeSource(rawValue: 3) }
    /// Another thread woke the task.
    @inlinable public static var thread: WakeSource { WakeSource(rawValue: 4) }
    /// A ``Notify`` fired.
    @inlinable public static var notify: WakeSource { WakeSource(rawValue: 5) }
    /// A ``Signal`` received a value.
    @inlinable public static var signal: WakeSource { WakeSource(rawValue: 6) }
    /// A child of a ``FutureGroup`` was woken: the group's pender woke the task the group runs in.
    @inlinable public static var group: WakeSource { WakeSource(rawValue: 7) }

    /// Interrupt number `irq` (a vector of the platform's interrupt controller).
    @inlinable public static func interrupt(_ irq: UInt16) -> WakeSource {
        WakeSource(rawValue: 0x100 | UInt32(irq) << 16)
    }

    /// The interrupt number, if this source is an interrupt.
    @inlinable public var irq: UInt16? {
        rawValue & 0xFFFF == 0x100 ? UInt16(truncatingIfNeeded: rawValue >> 16) : nil
    }
}
