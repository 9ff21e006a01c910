/// A function from one future's output to another value, as a type: what ``Map`` applies.
///
/// A transform type costs nothing to store when it has no fields, and is the form of ``Future/map(_:)->Map<Self,T>``
/// that Embedded Swift with `-no-allocations` accepts (a stored closure would need a heap context there).
public protocol OutputTransform<Input, Output> {
    /// What the transform takes.
    associatedtype Input
    /// What the transform makes.
    associatedtype Output
    /// Applies the transform.
    func callAsFunction(_ input: Input) -> Output
}

/// An ``OutputTransform`` that calls a closure: the form of ``Future/map(_:)->Map<Self,ClosureTransform<Self.Output,Mapped>>`` for hosted code.
public struct ClosureTransform<Input, Output>: OutputTransform {
    @usableFromInline let body: (Input) -> Output

    /// A transform calling `body`.
    @inlinable public init(_ body: @escaping (Input) -> Output) { self.body = body }

    /// Calls the closure.
    @inlinable public func callAsFunction(_ input: Input) -> Output { body(input) }
}

/// A future that applies a transform to another future's output; from `map(_:)`.
public struct Map<Base: Future, Transform: OutputTransform>: Future where Transform.Input == Base.Output {
    @usableFromInline var base: Base
    @usableFromInline let transform: Transform

    /// Maps `base` through `transform`.
    @inlinable public init(_ base: Base, _ transform: Transform) {
        self.base = base
        self.transform = transform
    }

    /// Polls the base future and transforms its output when it finishes.
    @inlinable public mutating func poll(_ context: Context) -> Poll<Transform.Output> {
        switch base.poll(context) {
        case .ready(let value): .ready(transform(value))
        case .pending: .pending
        }
    }
}

extension Future {
    /// A future that finishes with `transform` applied to this one's output. Allocation-free everywhere.
    @inlinable public func map<T: OutputTransform>(_ transform: T) -> Map<Self, T> where T.Input == Output {
        Map(self, transform)
    }

    /// A future that finishes with `transform` applied to this one's output.
    ///
    /// Embedded Swift with `-no-allocations` rejects a stored closure; there, pass an ``OutputTransform``.
    @inlinable public func map<Mapped>(
        _ transform: @escaping (Output) -> Mapped
    ) -> Map<Self, ClosureTransform<Output, Mapped>> {
        Map(self, ClosureTransform(transform))
    }
}
