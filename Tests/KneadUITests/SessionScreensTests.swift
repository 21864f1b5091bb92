import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The treatment screen's panels drawn alone on small canvases: each is a function of the
/// session, what the screen remembers and a rectangle.
@Suite("Treatment panels on small canvases")
struct TreatmentPanelTests {
    /// The panels of a treatment with three regions worked (the right upper back now, at deep pressure).
    func panels(_ t: TreatmentFixture, checkInReminderMinutes: Int = 5, screen: TreatmentState? = nil) throws -> TreatmentPanels {
        let session = try #require(t.state)
        return TreatmentPanels(session: session, screen: screen ?? t.app.treatment, now: AppFixture.now, catalog: .standard,
                               keymap: .standard(), formatting: Formatting(zone: TimeZone(identifier: "UTC")!),
                               checkInReminderMinutes: checkInReminderMinutes)
    }

    func lines(_ canvas: Canvas) -> [String] { canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func theNowPanelShowsTheWorkGoingOnInAThirtyByEightBox() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        // What the next work would use differs: the panel shows the work going on.
        var next = t.app.treatment
        next.pressure = .light
        next.technique = Technique("effleurage")
        var canvas = Canvas(width: 30, height: 8)
        try panels(t, screen: next).renderNow(into: &canvas, Rect(x: 0, y: 0, width: 30, height: 8), withTime: true)
        let rows = lines(canvas)
        #expect(rows[0].hasPrefix("┌─ Now "))
        #expect(rows[1] == "│ Region     right upper back│", "the value fills its 16 columns: \(rows[1])")
        #expect(rows[2].contains("Technique  petrissage"))
        #expect(rows[3].contains("Pressure   ■■■■□ 4"))
        #expect(rows[4].contains("Pain       2/10"))
        #expect(rows[6].contains("Time       "))
        #expect(rows[7].hasPrefix("└"))
        #expect(canvas[13, 3].role == .pressure4)
    }

    @Test func withNoWorkTheNowPanelSaysWhichKeyStartsAndWhatTheNextWorkUses() throws {
        let t = try TreatmentFixture()
        var canvas = Canvas(width: 44, height: 8)
        try panels(t).renderNow(into: &canvas, Rect(x: 0, y: 0, width: 44, height: 8), withTime: false)
        let text = canvas.text
        #expect(text.contains("none — w starts work"))
        #expect(text.contains("effleurage (next)"))
        #expect(text.contains("6/10  (intake)"), "the intake pain, before any check-in")
        #expect(!text.contains("Time "), "the one-line timer is left to the large timer")
    }

    @Test func theNowPanelAsksForACheckInAfterTheReminderMinutes() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)   // the last check-in 2 min before the end of the steps
        var canvas = Canvas(width: 60, height: 8)
        try panels(t, checkInReminderMinutes: 1).renderNow(into: &canvas, Rect(x: 0, y: 0, width: 60, height: 8), withTime: false)
        #expect(canvas.text.contains("◷ check in?"))
        var quiet = Canvas(width: 60, height: 8)
        try panels(t, checkInReminderMinutes: 600).renderNow(into: &quiet, Rect(x: 0, y: 0, width: 60, height: 8), withTime: false)
        #expect(!quiet.text.contains("check in?"))
    }

    @Test func theTimelineShowsTheNewestRowsThatFitAndSaysHowManyAreEarlier() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        var canvas = Canvas(width: 40, height: 6)
        try panels(t).renderTimeline(into: &canvas, Rect(x: 0, y: 0, width: 40, height: 6))
        let rows = lines(canvas)
        #expect(rows[0].hasPrefix("┌─ Timeline "))
        #expect(rows[4].contains("pain 2"), "the newest at the bottom: \(rows[4])")
        #expect(rows[3].contains("R upper back · petrissage · P4"))
        #expect(rows[5].contains("earlier"))
        #expect(!canvas.text.contains("session started"))
    }

    @Test func theBodyMapPanelNamesTheHighlightedRegionAndReusesItsPicture() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        let p = try panels(t)
        let marks = p.session.regionMarks(upTo: p.now)
        let box = Rect(x: 0, y: 0, width: BodyMap.width + 4, height: BodyMap.height + 6)
        var canvas = Canvas(width: box.width, height: box.height)
        let first = p.renderMap(marks: marks, scale: 1, into: &canvas, box)
        #expect(canvas.text.contains("▸ right upper back"))
        #expect(canvas.text.contains("pain 2"))
        #expect(first.placement.scale == 1)
        var again = Canvas(width: box.width, height: box.height)
        let second = p.renderMap(marks: marks, scale: 1, cached: first.picture, into: &again, box)
        #expect(second.picture == first.picture)
        #expect(again.text == canvas.text)
    }

    @Test func theLargeTimerShowsTheElapsedTimeInBigDigitsAndWhatIsLeft() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        var canvas = Canvas(width: 60, height: 7)
        try panels(t).renderBigTimer(into: &canvas, Rect(x: 0, y: 0, width: 60, height: 7))
        #expect(canvas.text.contains("of 60 min planned"))
        #expect(canvas.text.contains("min left"))
        #expect(canvas.text.contains("███"))
    }

    @Test func theRegionsPanelListsMinutesAndFirstToLatestPain() throws {
        let t = try TreatmentFixture(steps: TreatmentFixture.worked)
        let p = try panels(t)
        var canvas = Canvas(width: 50, height: 6)
        p.renderRegionSummary(marks: p.session.regionMarks(upTo: p.now), into: &canvas, Rect(x: 0, y: 0, width: 50, height: 6))
        let text = canvas.text
        #expect(text.contains("L shoulder"))
        #expect(text.contains("● R upper back"))
        #expect(text.contains("min"))
    }
}

@Suite("Session screens: keys and fields")
struct SessionScreensTests {
    @Test func bangAcknowledgesTheRedFlagsOnTreatmentAsTheBannerSays() throws {
        let f = try AppFixture(seeded: false)
        var screening = Screening()
        screening.set(.yes, for: "night-pain")
        let assessment = Assessment(chiefComplaint: "Low back", screening: screening, pressurePreference: .swedish, consent: true)
        let state = try SamplePractice.record(f.journal, at: AppFixture.now.addingTimeInterval(-600),
                                              client: SamplePractice.clients[3], minutes: 60,
                                              steps: [.command(.recordAssessment(assessment)), .command(.beginTreatment)])
        f.app.open(state.id)
        #expect(f.app.screen == .treatment)
        #expect(f.frame(80, 24).canvas.text.contains("! acknowledges"))
        f.press(.character("!"))
        #expect(f.app.session?.acknowledgedRedFlags.isEmpty == false)
        #expect(!f.frame(80, 24).canvas.text.contains("! acknowledges"))
    }

    @Test func theScreeningListShowsItsAnswerKeysAt80ColumnsAndTheEmergencyHeading() throws {
        let f = try AppFixture(seeded: false)
        ScreeningKeysTests().newClientOnScreening(f)
        let bottom = f.frame(80, 24).canvas.lines.last ?? ""
        for hint in ["y/n answer", "N no to rest", "F2 continue", "Tab next field"] {
            #expect(bottom.contains(hint), "no \(hint) in \(bottom)")
        }
        for _ in 0..<20 { f.press(.down) }
        let list = f.frame(80, 24).canvas.text
        #expect(list.contains("Red flags — same-day emergency care"))
        #expect(list.contains("Red flags — refer to a physician"))
        let emergency = try #require(list.range(of: "same-day emergency care"))
        let referral = try #require(list.range(of: "refer to a physician"))
        let saddle = try #require(list.range(of: "Saddle anaesthesia"))
        let night = try #require(list.range(of: "Severe night pain"))
        #expect(emergency.lowerBound < saddle.lowerBound && saddle.lowerBound < referral.lowerBound
                && referral.lowerBound < night.lowerBound)
    }

    @Test func aMultiLineFieldShowsEveryLineWrappedAndGrows() throws {
        let field = TextField("Hamstring stretch twice a day, thirty seconds each side, and a walk every evening.\nFoam roller on the calves.\nHeat on the low back.\nCall if the numbness returns.", multiline: true)
        let rows = field.wrappedRows(width: 29)
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { DisplayWidth.of(String(field.characters[$0])) <= 29 })
        var form = Form([FormField("home", "Stretches, exercises", .text(field)), FormField("self", "Self-care", .text(TextField("")))])
        form.focus = 1
        var canvas = Canvas(width: 53, height: 12)
        _ = form.render(into: &canvas, rect: Rect(x: 0, y: 0, width: 53, height: 12))
        let text = canvas.text
        for words in ["Hamstring stretch twice a", "day, thirty seconds each", "evening.", "Foam roller on the calves.", "Heat on the low back.", "Call if the numbness returns."] {
            #expect(text.contains(words), "\(words) not shown:\n\(text)")
        }
        #expect(!text.contains("twice a d"), "wraps at a space, never inside a word")
        // The cursor (at the end of the text) stays in view when the long field has the focus.
        form.focus = 0
        var focused = Canvas(width: 53, height: 5)
        let cursor = try #require(form.render(into: &focused, rect: Rect(x: 0, y: 0, width: 53, height: 5)))
        #expect(cursor.y < 5)
        #expect(focused.text.contains("Call if the numbness returns."))
    }

    @Test func theReasonPromptsTakeTheirKeysFromTheKeymapAndTheirHintsSayWhatActs() throws {
        let f = try AppFixture(seeded: false)
        ScreeningKeysTests().newClientOnScreening(f)
        for _ in 0..<6 { f.press(.tab) }               // to consent
        f.press(.character("y"), .function(2))      // consent, nothing screened
        var text = f.frame(80, 24).canvas.text
        #expect(text.contains("Not screened today?"))
        let bottom = f.frame(80, 24).canvas.lines.last ?? ""
        #expect(bottom.contains("Enter record") && !bottom.contains("F2 continue"), "\(bottom)")
        f.type("Client in a hurry")
        f.press(.escape)
        #expect(!f.frame(80, 24).canvas.text.contains("Not screened today?"))
        f.press(.function(2))
        f.type("Client declined")
        f.press(.enter)
        #expect(f.app.screen == .treatment)
        #expect(f.app.session?.screeningSkipped != nil)
        text = f.frame(80, 24).canvas.text
        #expect(text.contains("Body map"))
    }
}

@Suite("Session screens: snapshots of what changed")
struct SessionScreensSnapshotTests {
    func snap(_ f: AppFixture, _ name: String) {
        for (w, h) in [(80, 24), (120, 40)] { assertSnapshot(f.frame(w, h), named: "\(name)-\(w)x\(h)") }
    }

    @Test func theAftercarePlanAndNotesShowEveryLine() throws {
        let f = try AppFixture()
        f.press(.character("n"), .down, .enter)   // Kim's session, in aftercare
        #expect(f.app.screen == .aftercare)
        while f.app.aftercareForm.focused.id != "home" { f.press(.tab) }
        f.type("Hamstring stretch twice a day, thirty seconds each side, then a short walk every evening after work.")
        f.press(.enter)
        f.type("Foam roller on both calves.")
        f.press(.enter)
        f.type("Heat on the low back before bed.")
        f.press(.enter)
        f.type("Call if the numbness in the left foot returns.")
        snap(f, "aftercare-multiline")
        let text = f.frame(80, 24).canvas.text
        for words in ["Foam roller on both calves.", "Heat on the low back before bed.", "Call if the numbness in the left foot returns."] {
            #expect(text.contains(words))
        }
    }

    @Test func theNotScreenedPromptShowsItsOwnKeys() throws {
        let f = try AppFixture(seeded: false)
        ScreeningKeysTests().newClientOnScreening(f)
        for _ in 0..<6 { f.press(.tab) }
        f.press(.character("y"), .function(2))
        f.type("Client declined the questions")
        snap(f, "not-screened-prompt")
    }
}

@Suite("Treatment timeline: which events make a row")
struct TimelineRowKindTests {
    /// One change of every kind (the switch in `TreatmentPanels.hasRow` has no default, so a new
    /// kind does not compile until it is sorted).
    static let everyKind: [SessionChange] = {
        let client = Client(id: ClientID("c-1"), name: "Ana Lee")
        let shoulder = Region.all[3]
        let work = RegionWork(region: shoulder, technique: Technique("petrissage"), pressure: .deep, cautionConfirmed: true)
        let score = PainScore(4)!
        return [
            .started(SessionStart(client: client, plannedMinutes: 60)), .assessed(Assessment()), .treatmentBegan,
            .workStarted(work), .workEnded(shoulder), .pressureChanged(.deep, cautionConfirmed: false),
            .techniqueChanged(Technique("effleurage")), .checkedIn(PainCheckIn(score: score, region: nil)),
            .checkedIn(PainCheckIn(score: score, region: shoulder)), .noted("tender"), .treatmentEnded,
            .aftercareRecorded(Aftercare()), .signed(Signature(by: "Dana Kim, LMT")),
            .amended(Amendment(by: "Dana Kim", reason: "typo", text: "left")), .historyReviewed(HealthHistory()),
            .contraindicationOverridden(ContraindicationOverride(reason: "Cleared", causes: ["fever"])),
            .redFlagsAcknowledged(["trauma"]), .rescheduled("Flu"), .voided(positions: [1]),
            .unreadable(UnreadableEntry(seq: 7, storedKind: "amended")), .screeningSkipped("late"),
            .outcomeMeasured(.peg(PEGRating(pain: 6, enjoyment: 4, generalActivity: 5))), .goalWorkedOn("sit"),
        ]
    }()

    @Test("an event has a row exactly when the timeline has words for it or it is an undo")
    func rowKindsAgreeWithTheWords() {
        for change in Self.everyKind {
            let isUndo = if case .voided = change { true } else { false }
            let worded = TreatmentPanels.describe(change, catalog: .standard) != nil || isUndo
            #expect(TreatmentPanels.hasRow(change) == worded, "\(change.kind)")
        }
    }
}
