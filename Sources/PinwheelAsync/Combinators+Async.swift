import Pinwheel

/// Runs both futures in this task until both finish; returns both outputs.
public func join<A: Future, B: Future>(_ first: A, _ second: B) async -> (A.Output, B.Output) {
    await Join(first, second).value
}

/// Runs both futures in this task until one finishes; returns which, with its output. The other is dropped (a
/// timer leaves the queue, an edge stays in its input's ring for the next wait). On a tie, the first wins.
///
/// ```swift
/// switch await select(button.edge(), Timer.after(.seconds(2))) {
/// case .first(let edge): …
/// case .second: …  // two seconds without a press
/// }
/// ```
public func select<A: Future, B: Future>(_ first: A, _ second: B) async -> Either<A.Output, B.Output> {
    await Select(first, second).value
}

/// Runs three futures in this task until one finishes; returns which, with its output.
public func select<A: Future, B: Future, C: Future>(
    _ first: A, _ second: B, _ third: C
) async -> Either<A.Output, Either<B.Output, C.Output>> {
    await Select(first, Select(second, third)).value
}
