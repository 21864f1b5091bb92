import Foundation
import Testing
import KneadCore

/// Aftercare starts filled from what is known; screening's one-key helpers.
@Suite("Aftercare draft and screening shortcuts")
struct AftercareDraftTests {
    /// Treatment on four regions: two with check-ins (the right shoulder twice), one with an
    /// overall check-in given while it was worked, one with none.
    static func treated() throws -> Session {
        var session = try Session.treating()
        try session.accept(.startWork(Fixture.work(Fixture.rightShoulder)))
        try session.accept(.checkIn(score: 5, region: nil))  // while on the right shoulder: counts for it
        session.advance(300)
        try session.accept(.checkIn(score: 3, region: Fixture.rightShoulder))
        try session.accept(.startWork(Fixture.work(Fixture.lumbarSpine)))
        try session.accept(.checkIn(score: 4, region: Fixture.lumbarSpine))
        try session.accept(.startWork(Fixture.work(Fixture.leftShoulder)))
        try session.accept(.startWork(Fixture.work(Fixture.cervicalSpine)))
        try session.accept(.checkIn(score: 2, region: Fixture.rightShoulder))  // a later word about the shoulder
        session.advance(600)
        try session.accept(.endTreatment)
        return session
    }

    static let plan = PlanOfCare(start: CalendarDate(year: 2025, month: 6, day: 2)!, goals: [
        CareGoal(id: "lift", text: "Lift the baby without pain", target: CalendarDate(year: 2025, month: 8, day: 1)!),
    ], frequency: "Twice a week", durationWeeks: 8, reassessment: .visits(4))

    @Test("Each worked region's after-pain is its latest check-in; regions without one stay to ask")
    func regionPain() throws {
        let draft = Aftercare.draft(for: try Self.treated().state, lastTime: nil, planOfCare: nil)
        #expect(draft.regionPain == [RegionPain(region: Fixture.rightShoulder, score: Fixture.score(2)),
                                     RegionPain(region: Fixture.lumbarSpine, score: Fixture.score(4))])
        #expect(draft.postPain == nil, "the overall pain after is asked, not guessed")
        #expect(draft.advice.isEmpty && draft.plan.isEmpty, "a first visit without a plan of care starts blank")
    }

    @Test("Last time's advice; the plan of care's plan before the last visit's")
    func adviceAndPlan() throws {
        let state = try Self.treated().state
        let last = Aftercare(postPain: Fixture.score(3), advice: [Aftercare.standardAdvice[0], "Walk 20 minutes a day"],
                             homeCare: "Stretch", plan: "Weekly", nextFocus: "Neck")
        let fromLast = Aftercare.draft(for: state, lastTime: last, planOfCare: nil)
        #expect(fromLast.advice == [Aftercare.standardAdvice[0], "Walk 20 minutes a day"])
        #expect(fromLast.plan == "Weekly")
        #expect(fromLast.nextFocus.isEmpty, "last visit's focus was for today")
        #expect(fromLast.hasPlan)
        let fromPlan = Aftercare.draft(for: state, lastTime: last, planOfCare: Self.plan)
        #expect(fromPlan.plan == "Twice a week, plan of care to 2025-07-28")
        #expect(fromPlan.advice == last.advice)
    }

    @Test("Aftercare already recorded is kept as it is")
    func recordedIsKept() throws {
        var session = try Self.treated()
        let recorded = Aftercare(postPain: Fixture.score(1), plan: "As needed")
        try session.accept(.recordAftercare(recorded))
        #expect(Aftercare.draft(for: session.state, lastTime: Fixture.aftercare, planOfCare: Self.plan) == recorded)
    }

    @Test("One key answers no to the rest of a group; answers given stay")
    func noToTheRest() {
        var screening = Screening()
        screening.set(.yes, for: "open-wound", regions: [Fixture.leftCalf])
        screening.set(.no, for: "aneurysm")
        #expect(screening.answerNoToRest(of: .local) == 7)
        let local = ScreeningCatalog.standard.questions.filter { $0.category == .local }
        #expect(local.allSatisfy { screening.answer(to: $0.id) != .notAsked })
        #expect(screening.response(to: "open-wound")?.regions == [Fixture.leftCalf])
        #expect(screening.answer(to: "fever") == .notAsked, "other groups are untouched")
        #expect(screening.answerNoToRest(of: .local) == 0)
    }

    @Test("A returning client's unchanged answers are taken from the last visit, derived ones are not")
    func confirmUnchanged() {
        var last = Screening()
        last.set(.yes, for: "varicose-veins", regions: [Fixture.leftCalf])
        last.set(.no, for: "fever")
        last.responses.append(ScreeningResponse("anticoagulant", .yes, derivedFrom: "warfarin (medications)"))
        var today = Screening()
        today.set(.yes, for: "fever")
        #expect(today.confirmUnchanged(from: last, category: .local) == 1)
        #expect(today.response(to: "varicose-veins")?.regions == [Fixture.leftCalf])
        #expect(today.confirmUnchanged(from: last) == 0, "today's fever answer stays; the derived answer is not carried")
        #expect(today.answer(to: "fever") == .yes)
        #expect(today.answer(to: "anticoagulant") == .notAsked)
    }

    @Test("The next question y or n moves to skips those already answered")
    func nextUnanswered() {
        var screening = Screening()
        screening.set(.no, for: "contagious-illness")
        screening.set(.no, for: "unstable-hypertension")
        #expect(screening.nextUnanswered(after: 0) == 3)
        let last = ScreeningCatalog.standard.questions.count - 1
        #expect(screening.nextUnanswered(after: last) == nil)
    }
}
