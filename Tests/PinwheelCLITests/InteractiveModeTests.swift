import Foundation
import Testing

/// Interactive mode in a real terminal: tmux runs `pinwheel flash button --interactive`; keys go in with
/// send-keys and the screen comes back with capture-pane.
@Suite(.serialized) struct InteractiveModeTests {
    let session = "pinwheel-test-\(getpid())"

    @discardableResult
    func tmux(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        try #require(process.terminationStatus == 0, "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        return text
    }

    /// The screen, once `condition` holds for it; polls the pane until then, for at most `limit` seconds.
    func screen(until condition: (String) -> Bool, limit: Double = 20, _ what: String) throws -> String {
        let start = Date()
        var last = ""
        while Date().timeIntervalSince(start) < limit {
            last = try tmux("capture-pane", "-p", "-t", session)
            if condition(last) { return last }
            usleep(50_000)  // between looks at the screen; no result depends on it
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        throw CancellationError()
    }

    @Test func keysPressTheButtonAndTheLEDIsDrawnLive() throws {
        let command = "'\(PinwheelProcess.executable.path)' flash button --interactive; echo EXIT=$?; sleep 60"
        try tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", "-c", PinwheelProcess.packageRoot.path, command)
        defer { _ = try? tmux("kill-session", "-t", session) }

        let ready = try screen(until: { $0.contains("q quits") }, "the status line")
        #expect(ready.contains("BUTTON ○  LED ○  │ b presses BUTTON (B holds), q quits"))
        #expect(ready.contains("time: real"))

        try tmux("send-keys", "-t", session, "b")
        let pressed = try screen(until: { $0.contains("BUTTON pressed  → LED on") }, "the press reaching the LED")
        #expect(pressed.contains("b: BUTTON pressed for 150 ms"))
        #expect(pressed.contains("BUTTON pressed  → LED on"))
        _ = try screen(until: { $0.contains("BUTTON released → LED off") }, "the release after 150 ms")
        let released = try screen(until: { $0.contains("BUTTON ○  LED ○  │") }, "the LED drawn off again")
        #expect(!released.contains("LED ●"))

        try tmux("send-keys", "-t", session, "q")
        let done = try screen(until: { $0.contains("EXIT=") }, "the exit")
        #expect(done.contains("q: quitting"))
        #expect(done.contains("released 2 line(s); exit 0"))
        #expect(done.contains("EXIT=0"))
    }

    @Test func theLEDIsDrawnOnWhileTheButtonIsHeld() throws {
        let command = "'\(PinwheelProcess.executable.path)' flash button --interactive; echo EXIT=$?; sleep 60"
        try tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", "-c", PinwheelProcess.packageRoot.path, command)
        defer { _ = try? tmux("kill-session", "-t", session) }
        _ = try screen(until: { $0.contains("q quits") }, "the status line")
        try tmux("send-keys", "-t", session, "B")
        let held = try screen(until: { $0.contains("BUTTON ●  LED ●  │") }, "BUTTON and LED drawn on")
        #expect(held.contains("B: BUTTON held down"))
        try tmux("send-keys", "-t", session, "B")
        let letGo = try screen(until: { $0.contains("BUTTON ○  LED ○  │") }, "BUTTON and LED drawn off")
        #expect(letGo.contains("B: BUTTON let go"))
        #expect(letGo.contains("BUTTON released → LED off"))
        try tmux("send-keys", "-t", session, "q")
        _ = try screen(until: { $0.contains("EXIT=0") }, "the exit")
    }
}
