import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The day review, the client history and the search overlay, by keys as a therapist uses them.
@Suite("Day review, client history, search")
struct ReviewScreenTests {
    func snap(_ fixture: AppFixture, _ name: String) {
        for (w, h) in ScreenSnapshotTests.sizes { assertSnapshot(fixture.frame(w, h), named: "\(name)-\(w)x\(h)") }
    }

    /// Tom's earlier visits, weekly, with pain before and after that improves over time.
    func addTomsVisits(_ f: AppFixture) throws {
        let tom = SamplePractice.clients[2]
        let lowBack = Region(.lowBack, .left)!, gluteal = Region(.gluteal, .left)!
        for (week, (before, after)) in [(8, 8), (8, 6), (7, 6), (7, 4), (6, 5), (6, 3)].enumerated() {
            let start = AppFixture.now.addingTimeInterval(Double(-(7 - week) * 7 * 86_400))
            try SamplePractice.record(f.journal, at: start, client: tom, minutes: 60, steps: [
                .command(.recordAssessment(Assessment(chiefComplaint: "Low back after driving",
                                                      painfulRegions: [RegionPain(region: lowBack, score: PainScore(before)!)], consent: true))),
                .command(.beginTreatment),
                .command(.startWork(RegionWork(region: lowBack, technique: Technique("effleurage"), pressure: .lotioning))),
                .wait(10),
                .command(.startWork(RegionWork(region: gluteal, technique: Technique("trigger-point"), pressure: .deep))),
                .wait(15), .command(.endTreatment),
                .command(.recordAftercare(Aftercare(postPain: PainScore(after)!, advice: ["Drink water."], plan: "Weekly"))),
                .command(.sign(by: "Sam")),
            ])
        }
    }

    @Test func dayReviewFromToday() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("r"))
        #expect(f.app.screen == .dayReview)
        // Unfinished first (aftercare, then treatment), then the signed one.
        #expect(f.app.review?.rows.map(\.phase) == [.aftercare, .treatment, .signed])
        #expect(f.app.review?.totals.sessions == 3)
        #expect(f.app.review?.totals.unfinished == 2)
        snap(f, "day-review")
    }

    @Test func daysChangeByOneKeyAndByTypingADate() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("r"), .left)
        #expect(f.app.review?.rows.map(\.client.name) == ["Tom O'Brien"])
        f.press(.right, .right)
        #expect(f.app.review?.rows.isEmpty == true)
        snap(f, "day-review-empty")
        f.press(.character("t"))
        #expect(f.app.review?.rows.count == 3)
        f.type("2026-11-17")
        f.press(.enter)
        #expect(f.app.review.map { f.app.formatting.date($0.day) } == "2026-11-17")
        #expect(f.app.review?.rows.count == 1)
        f.press(.character("g"))
        f.type("11-31")
        f.press(.enter)
        #expect(f.app.status?.text.contains("not a date") == true)
        #expect(f.app.review.map { f.app.formatting.date($0.day) } == "2026-11-17")
    }

    /// The digits that start a date are keys of the keymap: help lists them, the config file
    /// rebinds them, and a digit rebound away no longer starts a date.
    @Test func theDayReviewsDigitsComeFromTheKeymap() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("r"))
        #expect((0...9).allSatisfy { n in f.app.activeBindings.contains { $0.action == .dateDigit(n) } })
        f.press(.character("?"))
        #expect(f.frame(80, 60).canvas.text.contains("go to a date that starts with 7"))

        let reading = KneadConfig.parse("[keys.day-review]\ndate-2 = \"f5\"\n", file: "config.toml")
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        let settings = AppSettings(therapistName: "Sam Rivera, LMT", timeZone: TimeZone(identifier: "UTC")!)
        let app = KneadApp(journal: f.journal, clock: f.clock, theme: BuiltInTheme.default, settings: settings, keymap: reading.config.keymap)
        for key: Key in [.character("n"), .character("r"), .character("2")] { app.handle(.key(key)) }
        #expect(app.overlays.isEmpty, "2 no longer starts a date")
        app.handle(.key(.function(5)))
        let entry = try #require(app.overlays.last as? DateEntryOverlay)
        #expect(entry.field.text == "2", "F5 starts the date with 2")
        for c in "026-11-17" { app.handle(.key(.character(c))) }
        app.handle(.key(.enter))
        #expect((app.current as? DayReviewScreen).map { app.formatting.date($0.day) } == "2026-11-17")
    }

    @Test func enterOpensTheNoteAndEscComesBackToTheReview() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("r"), .down, .down, .enter)
        #expect(f.app.screen == .note)
        #expect(f.app.session?.phase == .signed)
        f.press(.escape)
        #expect(f.app.screen == .dayReview)
        #expect(f.app.session == nil)
        // An unfinished one opens on its note too; Esc goes to its phase's screen to finish it.
        f.press(.up, .up, .enter)
        #expect(f.app.screen == .note)
        #expect(f.app.session?.phase == .aftercare)
    }

    @Test func clientHistoryChart() throws {
        let f = try AppFixture()
        try addTomsVisits(f)
        f.press(.character("n"), .character("r"), .left, .character("h"))
        #expect(f.app.screen == .clientHistory)
        #expect(f.app.history?.progress.visits.count == 7)
        #expect(f.app.history?.progress.dropLeaders.first?.technique == Technique("trigger-point"))
        snap(f, "client-history")
        f.press(.escape)
        #expect(f.app.screen == .dayReview)
    }

    @Test func searchHighlightsAndOpens() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("/"))
        f.type("trigger")
        guard let search = f.app.searchOverlay else {
            Issue.record("no search overlay")
            return
        }
        // Every matching entry: the notes and the trigger point work logged in treatment.
        #expect(search.results.count == 4)
        #expect(search.results.allSatisfy { $0.snippet.contains { $0.isMatch && $0.text.lowercased() == "trigger" } })
        snap(f, "search")
        // The matched word is drawn in the highlight role.
        let frame = f.frame(80, 24)
        let row = try #require(frame.canvas.lines.firstIndex { $0.contains("Trigger point, right upper") })
        let column = try #require(frame.canvas.lines[row].range(of: "Trigger")).lowerBound.utf16Offset(in: frame.canvas.lines[row])
        #expect(frame.canvas[column, row].role == .warning)
        f.press(.enter)
        #expect(f.app.session?.client?.name == search.results[0].client.name)
        #expect(f.app.screen == .note)
    }
}
