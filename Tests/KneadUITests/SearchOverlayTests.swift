import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// What the search window says about its results: how many matched, or that they are the best of
/// the newest matches and how to reach older ones; and its dates.
@Suite("Search window: counts, the newest matches, dates")
struct SearchOverlayTests {
    /// The search window opened from Today over the sample practice, `words` typed.
    func searched(_ words: String, window: Int? = nil) throws -> (AppFixture, SearchOverlay) {
        let f = try AppFixture()
        f.press(.character("n"), .character("/"))
        let search = try #require(f.app.searchOverlay)
        if let window { search.window = window }
        f.type(words)
        return (f, search)
    }

    /// The line under the words, at 80x24.
    func summaryLine(_ f: AppFixture) -> String {
        let lines = f.frame(80, 24).canvas.lines
        return String(lines[4].dropFirst(4).prefix(72)).trimmingCharacters(in: .whitespaces)
    }

    @Test("Every match ranked: the true count of matching entries")
    func uncapped() throws {
        let (f, search) = try searched("trigger")
        #expect(search.results.count == 4)
        #expect(search.found?.isCapped == false)
        #expect(summaryLine(f) == "4 matching entries, best first")
    }

    @Test("More matches than the window: the best of the newest, said so, with how to narrow")
    func capped() throws {
        let (f, search) = try searched("trigger", window: 2)
        #expect(search.results.count == 2)
        #expect(search.found?.isCapped == true)
        #expect(summaryLine(f) == "Best 2 of the newest 2 matches; narrow with since:2019 before:2020")
        let frame = f.frame(80, 24)
        let column = try #require(frame.canvas.lines[4].range(of: "Best")).lowerBound.utf16Offset(in: frame.canvas.lines[4])
        #expect(frame.canvas[column, 4].role == .warning)
        for (w, h) in [(80, 24), (120, 40)] { assertSnapshot(f.frame(w, h), named: "search-capped-\(w)x\(h)") }
    }

    @Test("The summary's wording, capped or not, with a client, counts grouped by thousands")
    func wording() {
        let hit = NoteSearchHit(session: SessionID("s"), client: Client(id: ClientID("c"), name: "C"), startedAt: AppFixture.now,
                                source: .note, snippet: [], rank: 0)
        let fifty = Array(repeating: hit, count: 50)
        #expect(SearchOverlay.summary(of: NoteSearchResults(hits: fifty, ranked: 1_000, isCapped: true), client: nil)
                == "Best 50 of the newest 1,000 matches; narrow with since:2019 before:2020")
        #expect(SearchOverlay.summary(of: NoteSearchResults(hits: fifty, ranked: 1_000, isCapped: true), client: hit.client)
                == "Best 50 of this client's newest 1,000 matches; narrow with since:2019 before:2020")
        #expect(SearchOverlay.summary(of: NoteSearchResults(hits: fifty, ranked: 437, isCapped: false), client: nil)
                == "Best 50 of 437 matching entries")
        #expect(SearchOverlay.summary(of: NoteSearchResults(hits: [hit], ranked: 1, isCapped: false), client: nil)
                == "1 matching entry, best first")
        #expect(SearchOverlay.summary(of: .nothing, client: nil) == nil)
        #expect(1_234_567.groupedDigits == "1,234,567" && 999.groupedDigits == "999" && (-1_000).groupedDigits == "-1,000")
    }

    @Test("since: and before: among the words keep sessions of those dates; a wrong date says how to write one")
    func dates() throws {
        let (f, search) = try searched("trigger since:2026-11-18")
        #expect(search.results.count == 2)
        #expect(search.results.allSatisfy { $0.client.name == "María José García" })
        f.type(" before:2026-11-18")
        #expect(search.results.isEmpty)
        #expect(f.frame(80, 24).canvas.lines[5].contains("Nothing matches trigger in those dates."))
        for _ in 0..<2 { f.press(.backspace) }
        f.type("31")
        #expect(search.failure == "before: takes a year, a month or a day, e.g. before:2019, before:2019-03 or before:2019-03-15.")
    }
}
