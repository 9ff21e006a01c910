import Foundation
import Testing

/// Whether golden-output tests rewrite their files instead of comparing: `PINWHEEL_UPDATE_GOLDEN=1`, on a
/// developer's machine only. Under CI (`CI` set, not "false") the request is refused and recorded as a failure: a
/// test that rewrote its own expectation would pass whatever the program printed.
enum GoldenUpdate {
    static func isRequested(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        guard environment["PINWHEEL_UPDATE_GOLDEN"] == "1" else { return false }
        if let ci = environment["CI"], !ci.isEmpty, ci != "false", ci != "0" {
            Issue.record("PINWHEEL_UPDATE_GOLDEN=1 under CI: golden files are compared, never rewritten, here",
                         sourceLocation: sourceLocation)
            return false
        }
        return true
    }
}
