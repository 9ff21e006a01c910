/// The handles made while a program's value is made, so that one its declaration cannot see (kept in a class, or
/// deeper than ``ProgramDeclaration`` looks) is named before anything is requested, not found when a task uses it.
/// Each handle's initializer reports itself to the census of the task (or thread) making the program.
final class HandleCensus: @unchecked Sendable {
    // Safety (Sendable): a census is written only inside `taking`, by initializers running on the caller's thread.
    @TaskLocal static var current: HandleCensus?

    private(set) var made: [(id: ObjectIdentifier, name: String)] = []

    /// Notes a handle just made.
    static func note(_ handle: AnyObject, name: String) {
        current?.made.append((ObjectIdentifier(handle), name))
    }

    /// Runs `make`, noting every handle made meanwhile.
    static func taking<T>(_ make: () -> T) -> (T, HandleCensus) {
        let census = HandleCensus()
        let value = $current.withValue(census) { make() }
        return (value, census)
    }
}

extension ProgramDeclaration {
    /// Makes `P`'s value, and names the handles made with it that its declaration does not hold (nothing would
    /// request their lines): empty for a program whose handles are all stored properties, or structures and arrays
    /// of them.
    public static func make<P: Program>(_ type: P.Type) -> (program: P, undeclared: [String]) {
        let (program, census) = HandleCensus.taking { P() }
        let declaration = program.declaration
        let declared = Set(declaration.lines.map { line -> ObjectIdentifier in
            switch line {
            case .input(let input): ObjectIdentifier(input)
            case .output(let output): ObjectIdentifier(output)
            }
        } + declaration.signals.map(ObjectIdentifier.init))
        return (program, census.made.filter { !declared.contains($0.id) }.map(\.name))
    }
}
