import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// Parts of a frame kept from the last one (the timeline panel, the hint line, the legend) must
/// be the parts a frame drawn afresh would show, whatever happened in between.
@Suite("Kept panels are the panels drawn afresh")
struct KeptPanelTests {
    /// The frame as drawn, then drawn again with nothing kept: the two must be the same cells.
    func expectSameAsFresh(_ f: AppFixture, _ width: Int, _ height: Int, _ step: String) {
        let kept = f.frame(width, height).canvas
        (f.app.current as? TreatmentScreen)?.keptTimeline = nil
        f.app.keptHintLine = nil
        let fresh = f.frame(width, height).canvas
        // Compared as one flag: a canvas's description is thousands of cells.
        let same = kept == fresh
        #expect(same, "\(step) at \(width)x\(height):\n\(kept.text)\n---\n\(fresh.text)")
    }

    @Test("Through work, check-ins, an undo, scrolling and resizes, the kept timeline is the fresh one")
    func timelineThroughASession() throws {
        let f = try KeysToSignatureTests().inTreatment(returning: false)
        #expect(f.app.screen == .treatment)
        let steps: [(String, [Key])] = [
            ("start", []), ("move", [.character("l")]), ("work", [.character("w")]), ("pain 5", [.character("5")]),
            ("pain 3", [.character("3")]), ("move", [.character("j")]), ("undo", [.character("u")]),
            ("scroll back", [.character("[")]), ("scroll back", [.character("[")]), ("scroll on", [.character("]")]),
            ("pressure", [.character("+")]), ("end work", [.character("e")]), ("work again", [.character("w")]),
            ("pain 7", [.character("7")]),
        ]
        for (i, (name, keys)) in steps.enumerated() {
            for key in keys { f.press(key) }
            if i % 3 == 2 { f.clock.advance(by: 90) }
            for (width, height) in [(80, 24), (80, 24), (100, 30), (200, 60), (80, 24)] {
                expectSameAsFresh(f, width, height, "step \(i) \(name)")
            }
        }
        // The timeline shows the check-ins: the kept panel is not a blank one compared with another.
        #expect(f.frame(80, 24).canvas.text.contains("Timeline"))
    }
}

@Suite("Numbers right-aligned as printf pads them")
struct RightAlignedTests {
    @Test func asPrintf() {
        for number in [0, 7, 10, 99, 100, 999, 1000, 12345, -3, -42] {
            for width in [0, 1, 2, 3, 5] {
                #expect(TreatmentPanels.rightAligned(number, width) == String(format: "%*d", width, number), "\(number) in \(width)")
            }
        }
    }
}

@Suite("Today's kept care plan lines are the lines worked out afresh")
struct KeptTodayCarePlanTests {
    @Test("Through the day, a cleared cache and the days after")
    func keptLinesAreFresh() throws {
        let f = try AppFixture()
        // A care plan whose referral runs out tomorrow, and its client on today's list.
        try SampleCarePlan.seed(into: f.journal, now: AppFixture.now.addingTimeInterval(-20 * 86_400),
                                zone: KeysToSignatureTests.utc)
        var state = SessionState(id: SessionID("care-plan-today"))
        try f.journal.perform(.start(client: SampleCarePlan.client, plannedMinutes: 60), on: &state,
                              at: AppFixture.now.addingTimeInterval(-1800))
        let app = f.app(on: f.journal)
        app.handle(.key(.character("n")))  // the sample practice's unfinished session: not resumed
        #expect(app.screen == .today)
        func frame() -> Canvas {
            app.handle(.resized(width: 100, height: 30))
            return app.frame(width: 100, height: 30).canvas
        }
        func expectFresh(_ step: String) {
            let kept = frame()
            app.carePlans.keptTodayLines = nil
            let fresh = frame()
            let same = kept == fresh
            #expect(same, "\(step):\n\(kept.text)\n---\n\(fresh.text)")
        }
        expectFresh("first")
        #expect(frame().text.contains("⚠ \(SampleCarePlan.client.name)"), "\(frame().text)")
        app.handle(.key(.down))
        expectFresh("moved")
        app.carePlans.clear()
        expectFresh("cache cleared")
        // A referral saved anew, as the care plan form does: the cache is emptied and Today's
        // lines must follow (kept ones would still say the old referral runs out).
        let before = frame().text
        var referral = try #require(try f.journal.referral(of: SampleCarePlan.client.id))
        referral.expires = referral.expires?.adding(days: 365)
        referral.visits = 40
        try f.journal.save(referral, for: SampleCarePlan.client.id)
        app.carePlans.clear()
        expectFresh("referral renewed")
        #expect(frame().text != before, "the renewed referral changes what Today says")
        f.clock.advance(by: 86_400)
        expectFresh("next day")
        f.clock.advance(by: 86_400 * 40)
        expectFresh("forty days on")
    }
}
