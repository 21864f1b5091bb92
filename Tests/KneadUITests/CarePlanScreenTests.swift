import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// Issue 16's screens: the referral and plan-of-care forms from the client record, the care plan
/// of a session (PSFS, PEG, the goal worked toward), the warnings on Today, in the assessment and
/// in the day review, the outcome trends in the client history and the report written from it.
@Suite("Care plan screens")
struct CarePlanScreenTests {
    static let utc = TimeZone(identifier: "UTC")!
    let daniel = SampleCarePlan.client

    func snap(_ f: AppFixture, _ name: String) {
        for (w, h) in [(80, 24), (120, 40)] { assertSnapshot(f.frame(w, h), named: "\(name)-\(w)x\(h)") }
    }

    /// The sample practice and Daniel Reyes under his referral, ten visits signed.
    func fixture() throws -> AppFixture {
        let f = try AppFixture()
        try SampleCarePlan.seed(into: f.journal, now: AppFixture.now, zone: Self.utc)
        f.press(.character("n"))                      // the sample practice's unfinished session: not resumed
        #expect(f.app.overlays.isEmpty)
        return f
    }

    var today: CalendarDate { CalendarDate(AppFixture.now, in: Self.utc) }

    /// Daniel's session of today, open on the assessment.
    func openDanielToday(_ f: AppFixture) throws -> SessionID {
        var state = SessionState(id: SessionID("daniel-today"))
        try f.journal.perform(.start(client: daniel, plannedMinutes: 60), on: &state, at: AppFixture.now)
        f.app.carePlans.clear()
        f.app.reloadToday()
        f.app.open(state.id)
        if f.app.screen == .historyReview { f.press(.enter) }
        #expect(f.app.screen == .assessment)
        return state.id
    }

    /// Saves a new version of Daniel's referral and plan that call for every warning today.
    func makeEverythingDue(_ f: AppFixture, visits: Int = 11) throws {
        var referral = try #require(try f.journal.referral(of: daniel.id))
        referral.visits = visits
        referral.expires = today.adding(days: 3)
        try f.journal.save(referral, for: daniel.id)
        var plan = try #require(try f.journal.plan(of: daniel.id))
        plan.reassessment = .visits(1)
        try f.journal.save(plan, for: daniel.id)
        f.app.carePlans.clear()
    }

    // MARK: Referral and plan of care

    @Test func theReferralFormSavesANewVersionAndKeepsTheEarlierOne() throws {
        let f = try fixture()
        let record = try #require(try f.journal.clientRecord(daniel.id))
        f.app.editRecord(record, isNew: false)
        snap(f, "careplan-client-record")
        f.press(.function(5))
        #expect(f.app.current is ReferralScreen)
        snap(f, "careplan-referral")
        for _ in 0..<7 { f.press(.tab) }      // to the visits ordered
        f.press(.control("u"))
        f.type("16")
        f.press(.function(2))
        #expect(f.app.current is ClientRecordScreen)
        let versions = try f.journal.referralVersions(of: daniel.id)
        #expect(versions.map(\.value.visits) == [12, 16])
        #expect(f.frame(100, 30).canvas.text.contains("Referral saved as a new version; the earlier one is kept."))
    }

    @Test func aReferralIsEnteredFromTheRecordOfAClientWithoutOne() throws {
        let f = try fixture()
        let record = SamplePractice.records[0]
        f.app.editRecord(record, isNew: false)
        f.press(.function(5))
        f.type("Dr. Lena Park")
        f.press(.tab); f.type("Eastside Spine")
        f.press(.tab); f.type("555 222 0101")
        f.press(.tab)                                 // the date: today, filled in
        f.press(.tab); f.type("m5442")
        #expect(f.frame(100, 30).canvas.text.contains("Put a dot after the third character: M54.42."))
        f.press(.control("u")); f.type("m54.12")
        #expect(!f.frame(100, 30).canvas.text.contains("Put a dot"))
        f.press(.tab); f.type("Radiculopathy, cervical region")
        f.press(.tab); f.type("Twice a week")
        f.press(.tab); f.type("8")
        f.press(.tab); f.type("2027-01-31")
        f.press(.function(2))
        let saved = try #require(try f.journal.referral(of: record.id))
        #expect(saved.diagnosis.code.rawValue == "M54.12")
        #expect(saved.clinician == ReferringClinician(name: "Dr. Lena Park", practice: "Eastside Spine", contact: "555 222 0101"))
        #expect(saved.visits == 8 && saved.expires == CalendarDate(year: 2027, month: 1, day: 31) && saved.date == today)
    }

    @Test func aBadReferralIsRefusedAtItsFieldsAndNothingIsSaved() throws {
        let f = try fixture()
        f.app.editRecord(SamplePractice.records[0], isNew: false)
        f.press(.function(5))
        for _ in 0..<4 { f.press(.tab) }
        f.type("Q1")
        f.press(.tab, .tab, .tab)
        f.type("0")
        f.press(.tab); f.type("2020-01-01")
        f.press(.function(2))
        let text = f.frame(120, 40).canvas.text
        #expect(f.app.current is ReferralScreen)
        #expect(text.contains("“Q1” is not an ICD-10-CM code"))
        #expect(text.contains("Enter a whole number from 1 to 200."))
        #expect(try f.journal.referralVersions(of: SamplePractice.records[0].id).isEmpty)
        snap(f, "careplan-referral-refused")
        f.press(.escape)                            // cannot save: asks for a second Esc
        #expect(f.app.current is ReferralScreen)
        f.press(.escape)
        #expect(f.app.current is ClientRecordScreen)
        #expect(try f.journal.referralVersions(of: SamplePractice.records[0].id).isEmpty)
    }

    @Test func thePlanOfCareFormKeepsGoalKeysAndSavesANewVersion() throws {
        let f = try fixture()
        let record = try #require(try f.journal.clientRecord(daniel.id))
        f.app.editRecord(record, isNew: false)
        f.press(.function(8))
        #expect(f.app.current is PlanOfCareScreen)
        snap(f, "careplan-plan-of-care")
        for _ in 0..<11 { f.press(.tab) }      // goal 4
        f.type("Garden for an hour")
        f.press(.tab); f.type("2027-03-01")
        f.press(.function(2))
        let versions = try f.journal.planVersions(of: daniel.id)
        #expect(versions.count == 2)
        let goals = try #require(versions.last?.value.goals)
        #expect(goals.map(\.id) == ["sit-workday", "drive-2h", "lift-groceries", "garden-for-an"])
        #expect(goals[1].met != nil)                 // "met" read back from the form
        #expect(versions.first?.value.goals.count == 3)
    }

    @Test func aPlanWithAnUnreadableDateIsRefusedAtTheFieldAndNothingIsSaved() throws {
        let f = try fixture()
        f.app.editRecord(SamplePractice.records[0], isNew: false)
        f.press(.function(8))
        f.press(.tab); f.type("Weekly")
        f.press(.tab); f.type("8")
        f.press(.tab); f.type("3")
        f.press(.tab, .tab); f.type("Walk to work without stopping")
        f.press(.tab); f.type("soon")
        f.press(.function(2))
        #expect(f.app.current is PlanOfCareScreen)
        #expect(f.frame(120, 40).canvas.text.contains("Give the target date, e.g. 2027-01-15"))
        #expect(try f.journal.planVersions(of: SamplePractice.records[0].id).isEmpty)
        f.press(.control("u")); f.type("2027-02-01")
        f.press(.function(2))
        #expect(f.app.current is ClientRecordScreen)
        let plan = try #require(try f.journal.plan(of: SamplePractice.records[0].id))
        #expect(plan.goals == [CareGoal(id: "walk-to-work", text: "Walk to work without stopping", target: try #require(CalendarDate(year: 2027, month: 2, day: 1)))])
        #expect(plan.reassessment == .visits(3) && plan.durationWeeks == 8 && plan.frequency == "Weekly")
    }

    @Test func aNewClientIsSavedBeforeItsReferral() throws {
        let f = try fixture()
        f.press(.character("c"), .function(5))  // clients, new client: F5 in the list
        #expect(f.app.current is ClientRecordScreen)
        f.press(.function(5))
        #expect(f.app.current is ClientRecordScreen)
        #expect(f.frame(120, 40).canvas.text.contains("Save the new client's record first"))
    }

    // MARK: Warnings

    @Test func todayTheAssessmentAndTheDayReviewWarn() throws {
        let f = try fixture()
        try makeEverythingDue(f)
        let id = try openDanielToday(f)
        let assessment = f.frame(120, 40).canvas.text
        #expect(assessment.contains("This is the last visit the referral covers"))
        #expect(assessment.contains("The referral expires in 3 days."))
        #expect(assessment.contains("Re-assessment is due"))
        snap(f, "careplan-assessment-warnings")
        f.press(.escape)
        #expect(f.app.screen == .today)
        let todayText = f.frame(120, 40).canvas.text
        #expect(todayText.contains("⚠ Daniel Reyes: last visit of the referral · referral expires in 3 d · re-assessment due"))
        snap(f, "careplan-today-warnings")
        f.press(.character("r"))
        #expect(f.app.screen == .dayReview)
        let review = try #require(f.app.review)
        review.selection = try #require(review.rows.firstIndex { $0.id == id })
        #expect(f.frame(120, 40).canvas.text.contains("Care plan: last visit of the referral · referral expires in 3 d · re-assessment due"))
        snap(f, "careplan-day-review-warnings")
    }

    @Test func aVisitOutsideTheReferralIsFlagged() throws {
        let f = try fixture()
        try makeEverythingDue(f, visits: 10)       // the ten signed visits used them all
        _ = try openDanielToday(f)
        #expect(f.frame(120, 40).canvas.text.contains("This visit falls outside the referral: all 10 visits ordered are used."))
        f.press(.escape)
        #expect(f.frame(120, 40).canvas.text.contains("⚠ Daniel Reyes: outside the referral"))
    }

    @Test func aClientWithoutAReferralShowsNoWarnings() throws {
        let f = try fixture()
        let before = f.frame(120, 40).canvas.text
        #expect(!before.contains("⚠"))
        #expect(!before.contains("referral"))
    }

    // MARK: Outcome measures in a session

    @Test func thePSFSOffersTheEarlierActivitiesAndIsRecordedInTheSession() throws {
        let f = try fixture()
        _ = try openDanielToday(f)
        f.press(.function(6))
        #expect(f.app.overlays.last is SessionCarePlanOverlay)
        snap(f, "careplan-session")
        f.press(.character("f"))
        #expect(f.app.overlays.last is OutcomeRatingOverlay)
        let offered = f.frame(120, 40).canvas.text
        #expect(offered.contains("Sit at the desk for an hour") && offered.contains("score (was 6)"))
        snap(f, "careplan-psfs")
        f.type("8"); f.press(.tab, .tab)
        f.type("9"); f.press(.tab, .tab)
        f.type("9")
        f.press(.function(2))
        #expect(f.app.overlays.last is SessionCarePlanOverlay)
        let outcomes = try #require(f.app.session?.outcomes)
        guard case .psfs(let rating)? = outcomes.last?.value else { Issue.record("no PSFS"); return }
        #expect(rating.activities.map(\.score) == [8, 9, 9])
        #expect(rating.activities.first?.activity == "Sit at the desk for an hour")
        #expect(f.frame(120, 40).canvas.text.contains("PSFS recorded: mean 8.7 (+2.0 since"))
        #expect(f.frame(120, 40).canvas.text.contains("a minimal important change"))
        f.press(.character("1"))
        #expect(f.app.session?.goalsWorkedOn == ["sit-workday"])
        f.press(.character("p"))
        #expect(f.frame(120, 40).canvas.text.contains("PEG · pain, enjoyment, general activity"))
        snap(f, "careplan-peg")
        f.type("3"); f.press(.tab); f.type("2"); f.press(.tab); f.type("4")
        f.press(.function(2))
        guard case .peg(let peg)? = f.app.session?.outcomes.last?.value else { Issue.record("no PEG"); return }
        #expect(peg == PEGRating(pain: 3, enjoyment: 2, generalActivity: 4))
        snap(f, "careplan-session-rated")
        // Replayed from the journal, as the note reads them.
        let replayed = SessionState(id: try #require(f.app.session?.id), replaying: try f.journal.events(of: try #require(f.app.session?.id)))
        #expect(replayed.outcomes.count == 2 && replayed.goalsWorkedOn == ["sit-workday"])
    }

    @Test func anIncompletePSFSIsNotRecorded() throws {
        let f = try fixture()
        _ = try openDanielToday(f)
        f.press(.function(6), .character("f"))
        f.type("5")
        f.press(.function(2))
        let text = f.frame(120, 40).canvas.text
        #expect(text.contains("Rate it from 0 (unable to do it) to 10"))
        #expect(f.app.session?.outcomes.isEmpty == true)
        f.press(.escape)
        #expect(f.app.overlays.last is OutcomeRatingOverlay)   // a second Esc leaves without it
        f.press(.escape)
        #expect(f.app.overlays.last is SessionCarePlanOverlay)
        #expect(f.app.session?.outcomes.isEmpty == true)
    }

    // MARK: Client history and the report

    @Test func theHistoryChartsPSFSAndPEGBesidePainAndMarksImportantChanges() throws {
        let f = try fixture()
        f.app.showClientHistory(daniel)
        let text = f.frame(120, 40).canvas.text
        #expect(text.contains("Outcomes by visit  ◆ important change"))
        #expect(text.contains("3.0 → 6.7 (+3.7) ◆ 2026-11-10"))     // PSFS 3.0 at visit 1, 4.7 at visit 5 (+1.7, not yet), 6.7 at visit 9
        #expect(text.contains("7 → 3 (-4) ◆ 2026-10-20"))           // pain at intake 7, 7, 6, 6, 6, then 5 at visit 6: 2 points
        snap(f, "careplan-history")
    }

    @Test func oneKeyInTheHistoryShowsTheReportAndAnotherWritesItPrivately() throws {
        let f = try fixture()
        f.app.showClientHistory(daniel)
        f.press(.character("p"))
        #expect(f.app.overlays.last is ProgressReportOverlay)
        #expect(f.frame(120, 40).canvas.text.contains("Progress report: Daniel Reyes"))
        snap(f, "careplan-report")
        f.press(.character("w"))
        let folder = f.folder.appendingPathComponent("reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files == ["report-demo-daniel-\(today).md"])
        let path = folder.appendingPathComponent(files[0]).path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700)
        let expected = try f.journal.progressReport(for: try #require(try f.journal.clientRecord(daniel.id)), since: nil,
                                                    now: AppFixture.now, zone: Self.utc, catalog: .standard).markdown()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        #expect(f.frame(200, 40).canvas.text.contains(path))
        let log = try f.journal.accessLog().filter { $0.action == .report }
        #expect(log.map(\.detail) == ["shown", "as md to \(path)"] && log.allSatisfy { $0.client == daniel.id })
        f.press(.character("w"))                     // a second one never replaces the first
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["report-demo-daniel-\(today)-2.md", "report-demo-daniel-\(today).md"])
    }
}
