import Foundation
import Testing

/// The documentation quotes real runs and real code, and this suite keeps the quotes true.
///
/// In README.md and in any article of a DocC catalog under Sources/:
/// - a ```` ```text ```` block whose first line is `$ swift run pinwheel ARGUMENTS` (or `$ pinwheel …`) quotes that command's output. The test runs
///   the built `pinwheel` with those arguments and requires the quoted lines in its output, in order, each run of
///   lines between two `…` lines contiguous;
/// - a ```` ```swift ```` block whose first line is `// From PATH` quotes that file (PATH from the package root). Its
///   lines must appear in the file, in order, each run between two `// …` lines contiguous (indentation aside).
@Suite struct GuideQuoteTests {
    /// A quoted block: where it is, what it names, and its lines split at the elision marks.
    struct Quote: CustomStringConvertible, Sendable {
        enum Source: Sendable { case command([String]), file(String) }
        let article: String
        let line: Int
        let source: Source
        let segments: [[String]]
        var description: String { "\(article):\(line)" }
    }

    static let root = PinwheelProcess.packageRoot

    /// README.md and every article of every catalog in Sources/.
    static func articles() throws -> [URL] {
        let sources = root.appendingPathComponent("Sources")
        var found: [URL] = [root.appendingPathComponent("README.md")]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() {
            let moduleURL = sources.appendingPathComponent(module)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: moduleURL.path).sorted()) ?? []
            where entry.hasSuffix(".docc") {
                let catalog = moduleURL.appendingPathComponent(entry)
                for file in try FileManager.default.contentsOfDirectory(atPath: catalog.path).sorted() where file.hasSuffix(".md") {
                    found.append(catalog.appendingPathComponent(file))
                }
            }
        }
        return found
    }

    /// The quoted blocks of `text` (an article at `path`).
    static func quotes(in text: String, article path: String) -> [Quote] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var quotes: [Quote] = []
        var index = 0
        while index < lines.count {
            let fence = lines[index].trimmingCharacters(in: .whitespaces)
            guard fence == "```text" || fence == "```swift" else { index += 1; continue }
            let start = index + 1
            var end = start
            while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces) != "```" { end += 1 }
            defer { index = end + 1 }
            guard start < end else { continue }
            let first = lines[start].trimmingCharacters(in: .whitespaces)
            let body = Array(lines[(start + 1)..<end])
            let command = ["$ pinwheel ", "$ swift run pinwheel "].first { first.hasPrefix($0) }
            if fence == "```text", let command {
                let arguments = first.dropFirst(command.count).split(separator: " ").map(String.init)
                quotes.append(Quote(article: path, line: start + 1, source: .command(arguments),
                                    segments: segments(of: body, elision: "…", trimming: false)))
            } else if fence == "```swift", first.hasPrefix("// From ") {
                let file = String(first.dropFirst("// From ".count))
                quotes.append(Quote(article: path, line: start + 1, source: .file(file),
                                    segments: segments(of: body, elision: "// …", trimming: true)))
            }
        }
        return quotes
    }

    /// `lines` split at the lines equal to `elision`; trailing spaces dropped, and indentation too when `trimming`.
    static func segments(of lines: [String], elision: String, trimming: Bool) -> [[String]] {
        var segments: [[String]] = [[]]
        for line in lines {
            let trimmed = trimming ? line.trimmingCharacters(in: .whitespaces) : String(line.reversed().drop(while: { $0 == " " }).reversed())
            if trimmed == elision {
                segments.append([])
            } else {
                segments[segments.count - 1].append(trimmed)
            }
        }
        return segments.filter { !$0.isEmpty }
    }

    /// The first segment of `segments` not found in `lines` (each contiguous, in order after the one before), or nil.
    static func firstMissing(_ segments: [[String]], in lines: [String]) -> [String]? {
        var from = 0
        for segment in segments {
            var found: Int?
            var start = from
            while start + segment.count <= lines.count {
                if Array(lines[start..<(start + segment.count)]) == segment { found = start; break }
                start += 1
            }
            guard let found else { return segment }
            from = found + segment.count
        }
        return nil
    }

    static func allQuotes() throws -> [Quote] {
        try articles().flatMap { url in
            let relative = String(url.path.dropFirst(root.path.count + 1))
            return quotes(in: try String(contentsOf: url, encoding: .utf8), article: relative)
        }
    }

    @Test func theGuideQuotesRunsAndCode() throws {
        let all = try Self.allQuotes()
        // Every article of the waker guide ties its answer to something the reader runs.
        let guide = try Self.articles().filter { $0.path.contains("PinwheelDemos.docc") && $0.lastPathComponent != "PinwheelDemos.md" }
        #expect(guide.count >= 5)
        for article in guide {
            let name = String(article.path.dropFirst(Self.root.path.count + 1))
            #expect(all.contains { $0.article == name && { if case .command = $0.source { true } else { false } }($0) },
                    "\(name) quotes no command's output")
        }
    }

    @Test func aChangedLineIsCaught() {
        let output = ["a", "b", "c", "d"]
        #expect(Self.firstMissing([["b", "c"], ["d"]], in: output) == nil)
        #expect(Self.firstMissing([["b", "d"]], in: output) == ["b", "d"], "the lines of a segment must be contiguous")
        #expect(Self.firstMissing([["c"], ["b"]], in: output) == ["b"], "segments must come in order")
        #expect(Self.firstMissing([["b", "x"]], in: output) == ["b", "x"])
    }

    @Test(arguments: try allQuotes())
    func theQuoteMatches(_ quote: Quote) async throws {
        switch quote.source {
        case .command(let arguments):
            let result = try await PinwheelProcess.run(arguments, limit: .seconds(300))
            let lines = (result.output + result.error).split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
            if let missing = Self.firstMissing(quote.segments, in: lines) {
                Issue.record("\(quote): `pinwheel \(arguments.joined(separator: " "))` no longer prints\n\(missing.joined(separator: "\n"))")
            }
        case .file(let path):
            let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if let missing = Self.firstMissing(quote.segments, in: lines) {
                Issue.record("\(quote): \(path) no longer holds\n\(missing.joined(separator: "\n"))")
            }
        }
    }
}
