import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// A treatment session on a fresh database, opened in the app at AppFixture.now.
struct TreatmentFixture {
    let f: AppFixture
    let id: SessionID
    static func r(_ a: BodyArea, _ s: Side) -> Region { Region(a, s)! }
    static let leftShoulder = r(.shoulder, .left)
    static let lumbar = Region(.lumbarSpine)!
    static let rightUpperBack = r(.upperBack, .right)

    /// Painful left shoulder (6) and lumbar spine (4); right calf and shin to be avoided; left back
    /// thigh flagged for deep pressure. `steps` follow the beginning of treatment, 40 minutes ago.
    init(steps: [SamplePractice.Step] = [], minutesAgo: Double = 40) throws {
        f = try AppFixture(seeded: false)
        let assessment = Assessment(
            chiefComplaint: "Shoulder and low back",
            painfulRegions: [RegionPain(region: Self.leftShoulder, score: PainScore(6)!),
                             RegionPain(region: Self.lumbar, score: PainScore(4)!)],
            cautionRegions: [Self.r(.thighBack, .left)],
            avoidRegions: [Self.r(.calf, .right), Self.r(.shin, .right)],
            pressurePreference: .swedish, consent: true)
        let state = try SamplePractice.record(f.journal, at: AppFixture.now.addingTimeInterval(-minutesAgo * 60),
                                              client: SamplePractice.clients[3], minutes: 60,
                                              steps: [.command(.recordAssessment(assessment)), .command(.beginTreatment)] + steps)
        id = state.id
        f.app.open(id)
    }

    /// Work in three regions with check-ins, ending on the right upper back.
    static let worked: [SamplePractice.Step] = [
        .command(.startWork(RegionWork(region: leftShoulder, technique: Technique("effleurage"), pressure: .swedish))),
        .wait(5), .command(.checkIn(score: 7, region: nil)),
        .wait(5), .command(.startWork(RegionWork(region: lumbar, technique: Technique("myofascial-release"), pressure: .swedish))),
        .wait(4), .command(.checkIn(score: 3, region: nil)),
        .wait(3), .command(.startWork(RegionWork(region: rightUpperBack, technique: Technique("petrissage"), pressure: .deep))),
        .wait(2), .command(.checkIn(score: 2, region: nil)),
    ]

    var app: KneadApp { f.app }
    var state: SessionState? { f.app.session }
    func text(_ w: Int = 80, _ h: Int = 24) -> String { f.frame(w, h).canvas.text }
}

@Suite("Treatment screen: the body map")
struct TreatmentMapTests {
    @Test("The map with pain, worked and avoid styles at 80x24, 120x40 and 200x60")
    func mapSnapshots() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        #expect(t.app.screen == .treatment)
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            assertSnapshot(t.f.frame(w, h), named: "treatment-map-\(w)x\(h)")
        }
    }

    @Test("Styles carry pain band, worked and avoid; symbols say the same without colour")
    func stylesAndSymbols() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        let canvas = t.f.frame(80, 24).canvas
        var roles: [Character: Set<StyleRole>] = [:]
        for y in 2..<17 {             // the figures, not the legend under them
            for x in 46..<canvas.width {
                let cell = canvas[x, y]
                if let c = cell.text.first, "░▓×█●".contains(c) { roles[c, default: []].insert(cell.role) }
            }
        }
        #expect(roles["×"] == [.danger])                     // right calf and shin: avoid
        #expect(roles["▓"]?.contains(.painSevere) == true)   // left shoulder worked, latest 7
        #expect(roles["▓"]?.contains(.painMild) == true)     // lumbar spine worked, latest 3
        #expect(roles["█"] == [.selected])                   // the highlighted region
        #expect(roles["●"] == [.selected])                   // being worked, and highlighted
        #expect(roles["░"]?.contains(.muted) == true)
        let text = canvas.text
        #expect(text.contains("▸ right upper back"))
        #expect(text.contains("pain 2"))
    }

    @Test("Arrows and hjkl move spatially; g and a letter jumps; the caption follows")
    func movement() throws {
        let t = try TreatmentFixture()
        #expect(t.app.treatment.selected == TreatmentFixture.leftShoulder)   // first painful region
        t.f.press(.character("g"), .character("t"))
        #expect(t.app.treatment.selected == Region(.thoracicSpine))
        t.f.press(.character("l"))
        #expect(t.app.treatment.selected == TreatmentFixture.r(.upperBack, .right))
        t.f.press(.character("h"))
        #expect(t.app.treatment.selected == Region(.thoracicSpine))
        t.f.press(.left)
        #expect(t.app.treatment.selected == TreatmentFixture.r(.upperBack, .left))
        t.f.press(.character("k"))
        #expect(t.app.treatment.selected == TreatmentFixture.r(.neck, .left))
        t.f.press(.down, .character("j"))
        #expect(t.app.treatment.selected == TreatmentFixture.r(.midBack, .left))
        t.f.press(.right)
        t.f.press(.character("g"), .character("o"))
        #expect(t.app.treatment.selected == TreatmentFixture.r(.shoulder, .left))
        t.f.press(.character("g"), .character("o"))
        #expect(t.app.treatment.selected == TreatmentFixture.r(.shoulder, .right))
        #expect(t.text().contains("▸ right shoulder"))
        t.f.press(.character("g"), .escape)
        #expect(t.app.treatment.selected == TreatmentFixture.r(.shoulder, .right))
        #expect(t.app.session?.events.count == 3)  // moving logs nothing
    }

    @Test("Working an avoided region is allowed but warned")
    func avoidWarning() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("g"), .character("v"), .character("g"), .character("v"))
        #expect(t.app.treatment.selected == TreatmentFixture.r(.calf, .right))
        #expect(t.text().contains("× avoid"))
        t.f.press(.character("w"))
        #expect(t.state?.activeWork == nil, "work on an avoided region asks first")
        #expect(t.text().contains("the right calf is to be avoided"))
        t.f.press(.character("y"))
        #expect(t.state?.activeWork?.region == TreatmentFixture.r(.calf, .right))
        #expect(t.state?.activeWork?.avoidConfirmed == true)
        #expect(t.text().contains("confirmed despite screening"))
    }
}

@Suite("Treatment screen: one-key logging")
struct TreatmentKeyTests {
    @Test("w starts work on the highlighted region, e ends it")
    func startAndEnd() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("w"))
        #expect(t.state?.activeWork?.region == TreatmentFixture.leftShoulder)
        #expect(t.state?.activeWork?.pressure == .swedish)
        t.f.press(.character("e"))
        #expect(t.state?.activeWork == nil)
        #expect(t.text().contains("Ended work on the left shoulder."))
    }

    @Test("A digit logs pain for the region worked; x logs 10; 7 or more asks to lighten")
    func checkIns() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("w"), .character("3"), .character("x"), .character("*"))
        #expect(t.state?.checkIns.map(\.value.score.value) == [3, 10, 10])
        #expect(t.state?.checkIns.allSatisfy { $0.value.region == TreatmentFixture.leftShoulder } == true)
        #expect(t.text().contains("Pain 10 in the left shoulder (was 10) — lighten the pressure? - lightens it."))
    }

    @Test("A rise of 2 over the region's previous check-in asks to lighten, though below its baseline and 7")
    func aRiseOverThePreviousCheckInAsks() throws {
        let t = try TreatmentFixture()   // left shoulder 6 at intake
        t.f.press(.character("w"), .character("2"))
        #expect(t.text().contains("Pain 2 in the left shoulder logged."))
        t.f.press(.character("3"))       // a rise of 1: logged
        #expect(t.text().contains("Pain 3 in the left shoulder logged."))
        t.f.press(.character("5"))       // 2 over the previous check-in, still below the baseline of 6
        #expect(t.text().contains("Pain 5 in the left shoulder (was 3) — lighten the pressure?"))
        t.f.press(.character("-"))       // what the therapist did is in the note
        let note = NoteComposer().compose(try #require(t.state), now: AppFixture.now)
        #expect(note.assessment.contains { $0.hasPrefix("Pain rose to 5/10 from 3 in the left shoulder at ") && $0.hasSuffix("; pressure lightened from 3 to 2.") })
    }

    @Test("p then a level sets the pressure at once; + and - step it")
    func pressure() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("p"), .character("1"))
        #expect(t.app.treatment.pressure == .light)           // no work yet: the next work's pressure
        t.f.press(.character("w"))
        #expect(t.state?.activeWork?.pressure == .light)
        t.f.press(.character("p"))
        #expect(t.text().contains("Pressure — press 0–5"))
        t.f.press(.character("9"))                            // not a level: the menu stays
        #expect(t.text().contains("9 is not in this menu"))
        t.f.press(.character("4"))
        #expect(t.state?.activeWork?.pressure == .deep)
        t.f.press(.character("-"))
        #expect(t.state?.activeWork?.pressure == .swedish)
        t.f.press(.character("+"), .character("="))
        #expect(t.state?.activeWork?.pressure == .deepest)
        t.f.press(.character("p"), .escape)
        #expect(t.state?.activeWork?.pressure == .deepest)
    }

    @Test("p and a deep level on a flagged region asks first")
    func deepPressureOnFlaggedRegion() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("g"), .character("y"), .character("w"))
        #expect(t.state?.activeWork?.region == TreatmentFixture.r(.thighBack, .left))
        t.f.press(.character("p"), .character("5"))
        #expect(t.text().contains("needs care"))
        t.f.press(.character("y"))
        #expect(t.state?.activeWork?.pressure == .deepest)
        #expect(t.state?.activeWork?.cautionConfirmed == true)
    }

    @Test("t then a letter changes the technique; n logs a one-line finding")
    func techniqueAndFinding() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("w"), .character("t"), .character("m"))
        #expect(t.state?.activeWork?.technique == Technique("myofascial-release"))
        t.f.press(.character("n"))
        #expect(t.text().contains("Finding or note"))
        t.f.type("Trigger point, left upper trapezius, refers to temple")
        t.f.press(.enter)
        #expect(t.state?.notes.map(\.value) == ["Trigger point, left upper trapezius, refers to temple"])
        #expect(t.text(120, 40).contains("finding: Trigger point, left upper trapezius"))
    }

    @Test("u undoes the last action, again walks further back, then says there is nothing left")
    func undo() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("w"), .character("6"), .character("p"), .character("4"))
        t.f.press(.character("u"))
        #expect(t.state?.activeWork?.pressure == .swedish)
        #expect(t.text().contains("Undone: pressure → 4 deep."))
        #expect(t.text().contains("pressure → 4 deep — undone"))
        t.f.press(.character("u"))
        #expect(t.state?.checkIns.isEmpty == true)
        t.f.press(.character("u"))
        #expect(t.state?.activeWork == nil)
        #expect(t.state?.segments.isEmpty == true)
        t.f.press(.character("u"))
        #expect(t.text().contains("Nothing left to undo since treatment began."))
        // Append-only: the journal has every event and three undos.
        let kinds = try t.f.journal.events(of: t.id).map(\.change.kind)
        #expect(kinds.filter { $0 == "voided" }.count == 3)
        #expect(kinds.contains("pressureChanged") && kinds.contains("checkedIn"))
        #expect(SessionState(id: t.id, replaying: try t.f.journal.events(of: t.id)) == t.state)
    }

    @Test("b blanks the screen at once and any key brings it back; q leaves, a asks to end")
    func blankLeaveAndEnd() throws {
        let t = try TreatmentFixture()
        t.f.press(.character("b"))
        #expect(t.text().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        t.f.press(.character("7"))                            // restores, logs nothing
        #expect(t.state?.checkIns.isEmpty == true)
        #expect(t.text().contains("Body map"))
        t.f.press(.character("a"))
        #expect(t.text().contains("End treatment and go to aftercare?"))
        t.f.press(.character("n"), .character("q"))
        #expect(t.app.screen == .today)
    }

    @Test("PgUp and [ scroll the timeline back; PgDn and ] forward")
    func timelineScrolls() throws {
        let steps: [SamplePractice.Step] = (0..<20).flatMap { i -> [SamplePractice.Step] in
            [.command(.checkIn(score: i % 10, region: TreatmentFixture.lumbar)), .wait(1)]
        }
        let t = try TreatmentFixture(steps: steps)
        #expect(!t.text().contains("newer below"))
        t.f.press(.character("["))
        let scrolled = t.text()
        #expect(scrolled.contains("Timeline — 5 newer below"))
        #expect(!scrolled.contains("session started"))
        t.f.press(.pageUp, .pageUp, .pageUp)
        #expect(t.text().contains("session started"))
        t.f.press(.pageDown, .pageDown, .pageDown, .pageDown, .character("]"))
        #expect(!t.text().contains("newer below"))
        #expect(t.app.treatment.timelineScroll == 0)
    }

    @Test("The hint bar shows the treatment keys, with undo and direct pressure, at 80 columns")
    func hints() throws {
        let t = try TreatmentFixture()
        let bottom = t.text().split(separator: "\n").last.map(String.init) ?? ""
        for hint in ["hjkl move", "w work", "e end", "0-9x pain", "p+- press", "t tech", "u undo", "n note", "? help"] {
            #expect(bottom.contains(hint), "no \(hint) in \(bottom)")
        }
        let wide = t.text(200, 60).split(separator: "\n").last.map(String.init) ?? ""
        for hint in ["g go to", "b blank", "a aftercare"] { #expect(wide.contains(hint)) }
    }
}

@Suite("Treatment screen: timer and cues")
struct TreatmentTimerTests {
    @Test("A gentle reminder after 5 minutes of work without a check-in; a check-in clears it")
    func checkInReminder() throws {
        let t = try TreatmentFixture(minutesAgo: 10)
        t.f.press(.character("w"))
        t.f.clock.advance(by: 4 * 60 + 59)
        #expect(!t.text().contains("without a pain score"))
        t.f.clock.advance(by: 1)
        #expect(t.text().contains("◷ check in? 5 min without a pain score"))
        t.f.press(.character("2"))
        #expect(!t.text().contains("without a pain score"))
        t.app.settings.checkInReminderMinutes = 2
        t.f.clock.advance(by: 120)
        #expect(t.text().contains("◷ check in? 2 min without a pain score"))
        t.f.press(.character("e"))
        #expect(!t.text().contains("without a pain score"))    // not while no region is worked
    }

    @Test("A cue 5 minutes before the planned end, then past it")
    func endCue() throws {
        let t = try TreatmentFixture(minutesAgo: 54)
        #expect(!t.text().contains("planned end"))
        // Treatment time counts from "treatment begun", 40 s after the session started here.
        t.f.clock.advance(by: 100)  // 55 min of treatment in a 60 min session
        #expect(t.text().contains("◷ 5 min to the planned end"))
        #expect(t.text(120, 40).contains("min left — plan the end"))
        t.f.clock.advance(by: 300)
        #expect(t.text().contains("past the planned end"))
        #expect(t.text(120, 40).contains("at the planned end"))
        t.f.clock.advance(by: 120)
        #expect(t.text(120, 40).contains("over by 2 min"))
    }

    @Test("Large digits from 100 columns, the one-line timer below")
    func bigTimer() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        #expect(t.text(100, 30).contains("of 60 min planned"))
        #expect(t.text(120, 40).contains("█"))
        #expect(t.text(120, 40).contains("min on the right upper back"))
        #expect(!t.text(99, 30).contains("of 60 min planned"))
        // Treatment began 40 s after the session started 40 minutes ago: the timer counts from then.
        #expect(t.text(80, 24).contains("Time       39:20 / 1:00:00"))
        // Minutes and first → latest pain per region, on wide terminals.
        let wide = t.text(120, 40)
        #expect(wide.contains("L shoulder"))
        #expect(wide.contains("6 → 7"))
        #expect(wide.contains("4 → 3"))
    }
}
