import Foundation
import Subprocess
import Testing

/// Interactive mode in a real terminal: tmux runs `pinwheel flash button --interactive`; keys go in with
/// send-keys and the screen comes back with capture-pane.
@Suite(.serialized) struct InteractiveModeTests {
    let session = "pinwheel-test-\(getpid())"

    /// How long a firmware run may take to show its first line: on a fresh checkout `pinwheel flash` builds the
    /// image first (the core and the demo with swiftc), while other tests load both cores.
    static let firmwareBuild = 240.0

    @discardableResult
    func tmux(_ arguments: String...) async throws -> String {
        let result = try await ChildProcess.run(.name("tmux"), arguments, limit: .seconds(20))
        try #require(result.status == 0, "tmux \(arguments.joined(separator: " ")) failed: \(result.output)\(result.error)")
        return result.output
    }

    /// Runs `pinwheel ARGUMENTS` (by default `flash button --interactive`) in a new tmux session, then `body`; ends
    /// the session however `body` ends.
    func inSession(_ arguments: String = "flash button --interactive", _ body: () async throws -> Void) async throws {
        let command = "'\(PinwheelProcess.executable.path)' \(arguments); echo EXIT=$?; sleep 60"
        try await tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", "-c", PinwheelProcess.packageRoot.path, command)
        do {
            try await body()
        } catch {
            _ = try? await tmux("kill-session", "-t", session)
            throw error
        }
        _ = try? await tmux("kill-session", "-t", session)
    }

    /// The screen, once `condition` holds for it; polls the pane until then, for at most `limit` seconds.
    func screen(until condition: (String) -> Bool, limit: Double = 20, _ what: String) async throws -> String {
        let start = Date()
        var last = ""
        while Date().timeIntervalSince(start) < limit {
            last = try await tmux("capture-pane", "-p", "-t", session)
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))  // between looks at the screen; no result depends on it
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        throw CancellationError()
    }

    @Test func keysPressTheButtonAndTheLEDIsDrawnLive() async throws {
        try await inSession {
            let ready = try await screen(until: { $0.contains("q quits") }, "the status line")
            #expect(ready.contains("BUTTON ○  LED ○  │ b presses BUTTON (B holds), q quits"))
            #expect(ready.contains("time: real"))

            try await tmux("send-keys", "-t", session, "b")
            let pressed = try await screen(until: { $0.contains("BUTTON pressed  → LED on") }, "the press reaching the LED")
            #expect(pressed.contains("b: BUTTON pressed for 150 ms"))
            #expect(pressed.contains("BUTTON pressed  → LED on"))
            _ = try await screen(until: { $0.contains("BUTTON released → LED off") }, "the release after 150 ms")
            let released = try await screen(until: { $0.contains("BUTTON ○  LED ○  │") }, "the LED drawn off again")
            #expect(!released.contains("LED ●"))

            try await tmux("send-keys", "-t", session, "q")
            let done = try await screen(until: { $0.contains("EXIT=") }, "the exit")
            #expect(done.contains("q: quitting"))
            #expect(done.contains("released 2 line(s); exit 0"))
            #expect(done.contains("EXIT=0"))
        }
    }

    @Test func theLEDIsDrawnOnWhileTheButtonIsHeld() async throws {
        try await inSession {
            _ = try await screen(until: { $0.contains("q quits") }, "the status line")
            try await tmux("send-keys", "-t", session, "B")
            let held = try await screen(until: { $0.contains("BUTTON ●  LED ●  │") }, "BUTTON and LED drawn on")
            #expect(held.contains("B: BUTTON held down"))
            try await tmux("send-keys", "-t", session, "B")
            let letGo = try await screen(until: { $0.contains("BUTTON ○  LED ○  │") }, "BUTTON and LED drawn off")
            #expect(letGo.contains("B: BUTTON let go"))
            #expect(letGo.contains("BUTTON released → LED off"))
            try await tmux("send-keys", "-t", session, "q")
            _ = try await screen(until: { $0.contains("EXIT=0") }, "the exit")
        }
    }

    @Test func anArrowKeyIsReadWholeAndPressesNothing() async throws {
        try await inSession {
            _ = try await screen(until: { $0.contains("q quits") }, "the status line")
            // Down is ESC [ B; read byte by byte, its B held BUTTON down.
            try await tmux("send-keys", "-t", session, "Down")
            try await tmux("send-keys", "-t", session, "Up")
            try await tmux("send-keys", "-t", session, "b")
            let pressed = try await screen(until: { $0.contains("BUTTON released → LED off") }, "the b press and its release")
            #expect(pressed.contains("b: BUTTON pressed for 150 ms"))
            #expect(!pressed.contains("B: BUTTON held down"))
            try await tmux("send-keys", "-t", session, "q")
            let done = try await screen(until: { $0.contains("EXIT=") }, "the exit")
            #expect(done.contains("EXIT=0"))
        }
    }

    @Test func keysTypedInTheTerminalReachTheFirmwaresUART() async throws {
        try await inSession("flash keys --board qemu-raspi3b --interactive") {
            _ = try await screen(until: { $0.contains("waiting for UART input") }, limit: Self.firmwareBuild, "the firmware's prompt")
            try await tmux("send-keys", "-t", session, "a")
            let typed = try await screen(until: { $0.contains("'a' → LED on") }, "the key reaching the firmware")
            #expect(typed.contains("INFO  keys       'a' → LED on"))
            try await tmux("send-keys", "-t", session, "!")
            let done = try await screen(until: { $0.contains("EXIT=") }, "the exit")
            #expect(done.contains("2 bytes received, 0 lost, 1 keys"))
            #expect(done.contains("the firmware exited with status 0; exit 0"))
            #expect(done.contains("EXIT=0"))
        }
    }

    @Test func ctrlCStopsTheEmulatedBoard() async throws {
        try await inSession("flash keys --board qemu-mps2-an386 --interactive") {
            _ = try await screen(until: { $0.contains("waiting for UART input") }, limit: Self.firmwareBuild, "the firmware's prompt")
            try await tmux("send-keys", "-t", session, "C-c")
            let done = try await screen(until: { $0.contains("EXIT=") }, "the exit")
            #expect(done.contains("SIGINT: QEMU stopped; exit 130"))
            #expect(done.contains("EXIT=130"))
        }
    }

    @Test func aDurationStopsTheEmulatedBoard() async throws {
        try await inSession("flash keys --board qemu-mps2-an386 --interactive --duration 1s") {
            let done = try await screen(until: { $0.contains("EXIT=") }, limit: Self.firmwareBuild, "the exit")
            #expect(done.contains("waiting for UART input"))
            #expect(done.contains("stopped after 1.0 s; exit 0"))
            #expect(done.contains("EXIT=0"))
        }
    }
}
