/// A value that a ``Signal`` can carry in one atomic word.
///
/// The encoding must never be `UInt.max`, which the signal keeps for "empty"; every conformance here is narrower
/// than a word, so none can produce it.
public protocol SignalValue: BitwiseCopyable {
    /// The value packed into a word below `UInt.max`.
    var signalBits: UInt { get }
    /// The value unpacked from ``signalBits``.
    init(signalBits: UInt)
}

extension Bool: SignalValue {
    @inlinable public var signalBits: UInt { self ? 1 : 0 }
    @inlinable public init(signalBits: UInt) { self = signalBits != 0 }
}

extension UInt8: SignalValue {
    @inlinable public var signalBits: UInt { UInt(self) }
    @inlinable public init(signalBits: UInt) { self.init(truncatingIfNeeded: signalBits) }
}

extension UInt16: SignalValue {
    @inlinable public var signalBits: UInt { UInt(self) }
    @inlinable public init(signalBits: UInt) { self.init(truncatingIfNeeded: signalBits) }
}

extension Int8: SignalValue {
    @inlinable public var signalBits: UInt { UInt(UInt8(bitPattern: self)) }
    @inlinable public init(signalBits: UInt) { self.init(bitPattern: UInt8(truncatingIfNeeded: signalBits)) }
}

extension Int16: SignalValue {
    @inlinable public var signalBits: UInt { UInt(UInt16(bitPattern: self)) }
    @inlinable public init(signalBits: UInt) { self.init(bitPattern: UInt16(truncatingIfNeeded: signalBits)) }
}

#if _pointerBitWidth(_64)
extension UInt32: SignalValue {
    @inlinable public var signalBits: UInt { UInt(self) }
    @inlinable public init(signalBits: UInt) { self.init(truncatingIfNeeded: signalBits) }
}

extension Int32: SignalValue {
    @inlinable public var signalBits: UInt { UInt(UInt32(bitPattern: self)) }
    @inlinable public init(signalBits: UInt) { self.init(bitPattern: UInt32(truncatingIfNeeded: signalBits)) }
}
#endif
