import Foundation
import Testing
import KneadCore

/// Referral, plan of care and outcome-measure rules.
@Suite("Care plan: referral, plan of care, outcome measures")
struct CarePlanTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    static let referral = Referral(
        clinician: ReferringClinician(name: "Dr. Ada Okafor", practice: "Riverside Family Medicine", contact: "555 010 2000"),
        date: day("2026-10-01"), diagnosis: Diagnosis(code: ICD10Code("M54.42")!, text: "Lumbago with sciatica, left side"),
        frequency: "Weekly", visits: 4, expires: day("2026-12-31"))

    static func plan(_ interval: ReassessmentInterval) -> PlanOfCare {
        PlanOfCare(start: day("2026-10-01"),
                   goals: [CareGoal(id: "sit-workday", text: "Sit through a work day without leg pain", target: day("2027-01-15"))],
                   frequency: "Weekly", durationWeeks: 10, reassessment: interval)
    }

    static func visit(_ n: Int, _ text: String, reassessed: Bool = false) -> CareVisit {
        CareVisit(session: SessionID("v\(n)"), day: day(text), reassessed: reassessed)
    }

    // MARK: ICD-10-CM

    @Test(arguments: ["M54.42", "m54.5", "S13.4XXA", "G44.209", "M79.1", "Z87", "M62.83"])
    func icdCodesOfTheRightFormAreAccepted(code: String) {
        #expect(ICD10Code(code)?.rawValue == code.uppercased())
    }

    @Test(arguments: ["M5442", "54.42", "M54.", "M54.42345", "MM4.2", "M54-42", "", "M5", "M54.4 2", "Ⅿ54.42"])
    func icdCodesOfAnotherFormAreRefused(code: String) {
        #expect(ICD10Code(code) == nil)
    }

    @Test func aReferralWithoutClinicianVisitsOrWithExpiryBeforeItsDateSaysWhy() {
        var referral = Self.referral
        #expect(referral.problems().isEmpty)
        referral.clinician.name = " "
        referral.visits = 0
        referral.expires = Self.day("2026-09-01")
        referral.notes = "bell\u{07}"
        let problems = referral.problems()
        #expect(problems.count == 4)
        #expect(problems.contains { $0.contains("expires (2026-09-01) before") })
    }

    @Test func aPlanWithoutGoalsOrWithDuplicateKeysSaysWhy() {
        var plan = Self.plan(.visits(4))
        #expect(plan.problems().isEmpty)
        plan.goals.append(plan.goals[0])
        #expect(plan.problems() == ["Two goals share a key; give each its own."])
        plan.goals = []
        #expect(plan.problems() == ["A plan of care needs at least one goal."])
    }

    // MARK: Visits counted

    @Test func visitsUsedCountSignedVisitsWithinTheReferral() {
        let visits = [Self.visit(0, "2026-09-20"), Self.visit(1, "2026-10-02"), Self.visit(2, "2026-10-09")]
        let status = CarePlanStatus(referral: Self.referral, plan: nil, visits: visits, today: Self.day("2026-10-10"))
        #expect(status.visitsUsed == 2)
        #expect(status.visitsRemaining == 2)
        #expect(status.visitsOutsideReferral.map(\.session) == [SessionID("v0")])
        #expect(status.warnings.isEmpty)
        #expect(!status.nextVisitOutsideReferral)
    }

    @Test func onlySignedSessionsThatWereNotRescheduledAreVisits() throws {
        var signed = try Session.treating()
        try signed.accept(.endTreatment)
        try signed.accept(.recordAftercare(Fixture.aftercare))
        try signed.accept(.sign(by: "Dana Kim, LMT"))
        var rescheduled = try Session.assessed()
        try rescheduled.accept(.reschedule(reason: "Flu", by: "Dana Kim, LMT"))
        let open = try Session.treating()
        let visits = CareVisit.visits(in: [signed.state, rescheduled.state, open.state], zone: TimeZone(identifier: "UTC")!)
        #expect(visits.map(\.day) == [CalendarDate(year: 2025, month: 6, day: 15)!])
    }

    @Test func theLastVisitAndUsedUpVisitsWarnAndAFurtherVisitIsOutside() {
        let three = (1...3).map { Self.visit($0, "2026-10-0\($0 + 1)") }
        let last = CarePlanStatus(referral: Self.referral, plan: nil, visits: three, today: Self.day("2026-10-10"))
        #expect(last.warnings == [.visitsRunningOut(remaining: 1)])
        #expect(!last.nextVisitOutsideReferral)
        let five = three + [Self.visit(4, "2026-10-10"), Self.visit(5, "2026-10-17")]
        let over = CarePlanStatus(referral: Self.referral, plan: nil, visits: five, today: Self.day("2026-10-18"))
        #expect(over.visitsUsed == 4)
        #expect(over.visitsRemaining == 0)
        #expect(over.warnings == [.visitsRunningOut(remaining: 0)])
        #expect(over.visitsOutsideReferral.map(\.session) == [SessionID("v5")])
        #expect(over.nextVisitOutsideReferral)
    }

    @Test func aVisitAfterTheReferralExpiredIsOutsideIt() {
        let visits = [Self.visit(1, "2026-12-30"), Self.visit(2, "2027-01-02")]
        let status = CarePlanStatus(referral: Self.referral, plan: nil, visits: visits, today: Self.day("2027-01-03"))
        #expect(status.visitsUsed == 1)
        #expect(status.visitsOutsideReferral.map(\.session) == [SessionID("v2")])
        #expect(status.visitsRemaining == 3)
    }

    @Test func expiryWarnsWithinAWeekAndAfter() {
        func warnings(_ today: String) -> [CarePlanWarning] {
            CarePlanStatus(referral: Self.referral, plan: nil, visits: [], today: Self.day(today)).warnings
        }
        #expect(warnings("2026-12-23") == [])
        #expect(warnings("2026-12-24") == [.referralExpiresSoon(days: 7)])
        #expect(warnings("2026-12-31") == [.referralExpiresSoon(days: 0)])
        #expect(warnings("2027-01-01") == [.referralExpired(on: Self.day("2026-12-31"))])
        #expect(CarePlanStatus(referral: Self.referral, plan: nil, visits: [], today: Self.day("2027-01-01")).nextVisitOutsideReferral)
        #expect(CarePlanStatus(referral: Self.referral, plan: nil, visits: [], today: Self.day("2026-09-30")).nextVisitOutsideReferral)
    }

    @Test func reassessmentIsDueEveryNVisitsCountedFromTheLastOne() {
        let plan = Self.plan(.visits(3))
        func due(_ visits: [CareVisit]) -> Bool {
            CarePlanStatus(referral: nil, plan: plan, visits: visits, today: Self.day("2026-11-30")).reassessmentDue
        }
        #expect(!due([Self.visit(1, "2026-10-02"), Self.visit(2, "2026-10-09")]))
        #expect(due([Self.visit(1, "2026-10-02"), Self.visit(2, "2026-10-09"), Self.visit(3, "2026-10-16")]))
        #expect(!due([Self.visit(1, "2026-10-02"), Self.visit(2, "2026-10-09"), Self.visit(3, "2026-10-16", reassessed: true)]))
        #expect(due([Self.visit(1, "2026-10-02", reassessed: true), Self.visit(2, "2026-10-09"), Self.visit(3, "2026-10-16"),
                     Self.visit(4, "2026-10-23")]))
    }

    @Test func reassessmentIsDueEveryNWeeksCountedFromTheLastOne() {
        let plan = Self.plan(.weeks(2))
        let visits = [Self.visit(1, "2026-10-05", reassessed: true)]
        #expect(!CarePlanStatus(referral: nil, plan: plan, visits: visits, today: Self.day("2026-10-18")).reassessmentDue)
        #expect(CarePlanStatus(referral: nil, plan: plan, visits: visits, today: Self.day("2026-10-19")).reassessmentDue)
        #expect(CarePlanStatus(referral: nil, plan: plan, visits: [], today: Self.day("2026-10-15")).reassessmentDue)
        #expect(CarePlanStatus(referral: nil, plan: plan, visits: [], today: Self.day("2026-10-15")).warnings == [.reassessmentDue])
    }

    @Test func dayArithmeticCrossesMonthsYearsAndLeapDays() {
        #expect(Self.day("2026-12-31").days(until: Self.day("2027-01-01")) == 1)
        #expect(Self.day("2028-02-28").days(until: Self.day("2028-03-01")) == 2)
        #expect(Self.day("2027-03-01").days(until: Self.day("2027-02-28")) == -1)
        #expect(Self.day("2028-02-28").adding(days: 1) == Self.day("2028-02-29"))
    }

    // MARK: Outcome measures

    @Test func psfsMeanAndPegMean() {
        let psfs = PSFSRating(activities: [PSFSActivity(activity: "Sit", score: 3), PSFSActivity(activity: "Drive", score: 6)])
        #expect(psfs.mean == 4.5)
        #expect(PEGRating(pain: 6, enjoyment: 4, generalActivity: 5).mean == 5)
    }

    @Test func painChangeOfTwoPointsOrThirtyPercentIsImportant() {
        #expect(MinimalImportantChange.pain(from: 8, to: 6))
        #expect(MinimalImportantChange.pain(from: 3, to: 2))  // 33 %
        #expect(!MinimalImportantChange.pain(from: 5, to: 4))  // 1 point, 20 %
        #expect(!MinimalImportantChange.pain(from: 0, to: 1))
        #expect(MinimalImportantChange.pain(from: 4, to: 6))
    }

    @Test func psfsChangeOfTwoPointsIsImportant() {
        #expect(MinimalImportantChange.psfs(from: 3, to: 5))
        #expect(!MinimalImportantChange.psfs(from: 3, to: 4.8))
    }

    @Test func outcomeMeasuresAreRecordedAndReplayed() throws {
        var session = try Session.assessed()
        let psfs = OutcomeMeasure.psfs(PSFSRating(activities: [PSFSActivity(activity: "  Lift the baby ", score: 4)]))
        let events = try session.accept(.recordOutcome(psfs))
        #expect(events.map(\.change) == [.outcomeMeasured(.psfs(PSFSRating(activities: [PSFSActivity(activity: "Lift the baby", score: 4)])))])
        try session.accept(.recordOutcome(.peg(PEGRating(pain: 6, enjoyment: 5, generalActivity: 7))))
        try session.accept(.workTowardGoal("lift-baby"))
        let replayed = SessionState(id: session.state.id, replaying: session.state.events)
        #expect(replayed.outcomes.map(\.value.name) == ["PSFS", "PEG"])
        #expect(replayed.outcomes.map(\.value.mean) == [4, 6])
        #expect(replayed.goalsWorkedOn == ["lift-baby"])
        #expect(replayed == session.state)
    }

    @Test(arguments: [
        OutcomeMeasure.psfs(PSFSRating(activities: [])),
        .psfs(PSFSRating(activities: (1...6).map { PSFSActivity(activity: "Activity \($0)", score: 5) })),
        .psfs(PSFSRating(activities: [PSFSActivity(activity: "Sit", score: 11)])),
        .psfs(PSFSRating(activities: [PSFSActivity(activity: " ", score: 5)])),
        .psfs(PSFSRating(activities: [PSFSActivity(activity: "Sit", score: 5), PSFSActivity(activity: "sit ", score: 4)])),
        .psfs(PSFSRating(activities: [PSFSActivity(activity: "Sit\u{1B}[2J", score: 5)])),
        .peg(PEGRating(pain: -1, enjoyment: 5, generalActivity: 5)),
        .peg(PEGRating(pain: 5, enjoyment: 5, generalActivity: 11)),
    ])
    func outOfRangeOrUnnamedMeasuresAreRefused(measure: OutcomeMeasure) throws {
        _ = try Session.assessed().reject(.recordOutcome(measure))
    }

    @Test func measuresAreRefusedOnceTheNoteIsSignedAndGoalsOnceNamed() throws {
        var session = try Session.treating()
        try session.accept(.workTowardGoal("lift-baby"))
        _ = try session.reject(.workTowardGoal("lift-baby"))
        _ = try session.reject(.workTowardGoal("  "))
        try session.accept(.endTreatment)
        try session.accept(.recordAftercare(Fixture.aftercare))
        try session.accept(.sign(by: "Dana Kim, LMT"))
        let rejection = try session.reject(.recordOutcome(.peg(PEGRating(pain: 1, enjoyment: 1, generalActivity: 1))))
        #expect(rejection.reason.contains("signed"))
    }
}

@Suite("Care plan in the note")
struct CarePlanNoteTests {
    @Test func theNoteNamesTheScoresAndTheGoalWorkedToward() throws {
        var session = try Session.assessed()
        try session.accept(.recordOutcome(.psfs(PSFSRating(activities: [PSFSActivity(activity: "Lift the baby", score: 4),
                                                                         PSFSActivity(activity: "Sleep on the left side", score: 5)]))))
        try session.accept(.recordOutcome(.peg(PEGRating(pain: 6, enjoyment: 5, generalActivity: 7))))
        try session.accept(.workTowardGoal("lift-baby"))
        let note = NoteComposer(timeZone: TimeZone(identifier: "UTC")!).compose(session.state, now: session.now)
        #expect(note.assessment.contains("PSFS mean 4.5/10 (Lift the baby 4; Sleep on the left side 5)"))
        #expect(note.assessment.contains("PEG 6.0/10 (pain 6, enjoyment 5, general activity 7)"))
        #expect(note.assessment.contains("Worked toward goal: lift-baby"), "an entry without the goal's words names its key")
    }

    /// The goal's words travel in the event, so the note says what the goal was — also after the
    /// plan of care is changed — and the physician reads words, not a key.
    @Test func theNoteNamesTheGoalInItsWords() throws {
        var session = try Session.assessed()
        try session.accept(.workTowardGoal("lift-baby", words: "  Lift the baby from the cot  "))
        try session.accept(.workTowardGoal("sleep-left", words: "Sleep on the left side"))
        let replayed = SessionState(id: session.state.id, replaying: session.state.events)
        #expect(replayed.goalsWorkedOn == ["lift-baby", "sleep-left"])
        #expect(replayed.goalWords == ["lift-baby": "Lift the baby from the cot", "sleep-left": "Sleep on the left side"])
        let note = NoteComposer(timeZone: TimeZone(identifier: "UTC")!).compose(replayed, now: session.now)
        #expect(note.assessment.contains("Worked toward goals: “Lift the baby from the cot”; “Sleep on the left side”"),
                "\(note.assessment)")
        #expect(!note.lines.joined().contains("lift-baby"))
        _ = try session.reject(.workTowardGoal("cot", words: "Lift\u{1B}[2J"))
    }
}
