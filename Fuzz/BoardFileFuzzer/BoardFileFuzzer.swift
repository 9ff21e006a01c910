import PinwheelBoards
import PinwheelGPIO
import PinwheelText

/// The fuzzed function: any bytes as a board file. The parser must return a board or an error, never crash or hang;
/// a board it accepts must keep its promises (every logical name resolves; lines are listed once).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBoardFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let board = try? BoardFile.parse(text, path: "fuzz.board") else { return 0 }
    for (name, _) in board.names {
        precondition(board.resolve(name) != nil, "an accepted board does not resolve its own name \(name)")
    }
    let lines = board.lineNames
    precondition(Set(lines).count == lines.count, "a line is listed twice")
    _ = board.description.shown
    return 0
}
