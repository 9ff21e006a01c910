#if canImport(Glibc)
import Glibc
#endif

/// A Value Change Dump (IEEE 1364 §18) written as the run goes: one-bit wires for every board line and for each
/// task's ready and running state, in nanoseconds. GTKWave and PulseView open it. The file appears at its path
/// only when ``finish(at:)`` succeeds (``OutputFile``).
final class ValueChangeDump {
    /// A declared wire.
    struct Wire: Hashable {
        let code: String
    }

    let path: String
    private let file: OutputFile
    private var scopes: [(name: String, wires: [(name: String, wire: Wire)])] = []
    private var values: [Wire: Bool] = [:]
    private var started = false
    private var lastTime: UInt64 = 0
    private var timeWritten = false

    /// Starts a dump for `path`: a temporary file beside it until ``finish(at:)``.
    init(path: String) throws(FlashError) {
        do { file = try OutputFile(path: path) } catch { throw .vcdUnwritable(path: path, errno: error.errno) }
        self.path = path
    }

    /// Declares a wire `name` in `scope` with its value at time zero.
    func declare(_ name: String, in scope: String, initial: Bool) -> Wire {
        precondition(!started, "declare every wire before the first change")
        let wire = Wire(code: Self.code(for: values.count))
        values[wire] = initial
        let clean = name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }
        if let index = scopes.firstIndex(where: { $0.name == scope }) {
            scopes[index].wires.append((String(clean), wire))
        } else {
            scopes.append((scope, [(String(clean), wire)]))
        }
        return wire
    }

    /// Writes the header and the initial values.
    func start(comment: String) {
        started = true
        var header = "$date\n  pinwheel run\n$end\n$version\n  pinwheel flash\n$end\n$comment\n  \(comment)\n$end\n"
        header += "$timescale 1 ns $end\n"
        for scope in scopes {
            header += "$scope module \(scope.name) $end\n"
            for (name, wire) in scope.wires { header += "$var wire 1 \(wire.code) \(name) $end\n" }
            header += "$upscope $end\n"
        }
        header += "$enddefinitions $end\n#0\n$dumpvars\n"
        for scope in scopes {
            for (_, wire) in scope.wires { header += "\(values[wire]! ? "1" : "0")\(wire.code)\n" }
        }
        header += "$end\n"
        file.write(header)
        timeWritten = true
    }

    /// Records `wire` taking `value` at `time` nanoseconds; times never go backwards (a later one is clamped).
    func change(_ wire: Wire, to value: Bool, at time: UInt64) {
        guard values[wire] != value else { return }
        values[wire] = value
        let time = max(time, lastTime)
        if time != lastTime || !timeWritten {
            file.write("#\(time)\n")
            lastTime = time
            timeWritten = true
        }
        file.write("\(value ? "1" : "0")\(wire.code)\n")
    }

    /// Writes the final time stamp and puts the file at its path; throws the first write error instead (the file
    /// is then removed).
    func finish(at time: UInt64) throws(FlashError) {
        let end = max(time, lastTime)
        if end != lastTime { file.write("#\(end)\n") }
        do { try file.commit() } catch { throw .outputUnwritable(path: path, errno: error.errno) }
    }

    /// Identifier codes: printable ASCII from `!` to `~`, base 94.
    static func code(for index: Int) -> String {
        var index = index
        var code = ""
        repeat {
            code.append(Character(Unicode.Scalar(UInt8(33 + index % 94))))
            index = index / 94 - 1
        } while index >= 0
        return code
    }
}
