import Foundation
import Testing
import KneadCore

@Suite("Decider: assessment and beginning treatment")
struct DeciderAssessmentTests {
    @Test func assessmentIsRecorded() throws {
        var session = try Session.started()
        session.advance(300)
        let events = try session.accept(.recordAssessment(Fixture.assessment))
        #expect(events == [SessionEvent(at: Fixture.at(300), .assessed(Fixture.assessment))])
        #expect(session.state.assessment == Fixture.assessment)
        #expect(session.state.phase == .assessment)
    }

    @Test func assessmentMayBeRevisedBeforeTreatment() throws {
        var session = try Session.assessed()
        var revised = Fixture.assessment
        revised.goals = "Sleep on the left side"
        try session.accept(.recordAssessment(revised))
        #expect(session.state.assessment?.goals == "Sleep on the left side")
    }

    @Test func duplicatePainfulRegionIsRefused() throws {
        let session = try Session.started()
        let twice = Assessment(painfulRegions: [RegionPain(region: Fixture.leftShoulder, score: Fixture.score(6)),
                                                RegionPain(region: Fixture.leftShoulder, score: Fixture.score(3))],
                               consent: true)
        let rejection = try session.reject(.recordAssessment(twice))
        #expect(rejection.reason.contains("twice"))
    }

    @Test func leftAndRightOfOneAreaAreNotDuplicates() throws {
        var session = try Session.started()
        let both = Assessment(painfulRegions: [RegionPain(region: Fixture.leftShoulder, score: Fixture.score(6)),
                                               RegionPain(region: Fixture.rightShoulder, score: Fixture.score(3))],
                              consent: true)
        try session.accept(.recordAssessment(both))
        #expect(session.state.assessment?.baseline(for: Fixture.rightShoulder) == Fixture.score(3))
    }

    @Test func assessmentAfterTreatmentBeganIsRefused() throws {
        let treating = try Session.treating()
        let rejection = try treating.reject(.recordAssessment(Fixture.assessment))
        #expect(rejection.reason.contains("before treatment"))
        let aftercare = try Session.inAftercare()
        _ = try aftercare.reject(.recordAssessment(Fixture.assessment))
    }

    @Test func beginTreatmentMovesToTreatment() throws {
        var session = try Session.assessed()
        session.advance(60)
        let events = try session.accept(.beginTreatment)
        #expect(events == [SessionEvent(at: Fixture.at(360), .treatmentBegan)])
        #expect(session.state.phase == .treatment)
        #expect(session.state.treatmentBeganAt == Fixture.at(360))
    }

    @Test func beginTreatmentWithoutAssessmentIsRefused() throws {
        let rejection = try Session.started().reject(.beginTreatment)
        #expect(rejection.reason.contains("assessment"))
    }

    @Test func beginTreatmentWithoutConsentIsRefused() throws {
        var noConsent = Fixture.assessment
        noConsent.consent = false
        let rejection = try Session.assessed(noConsent).reject(.beginTreatment)
        #expect(rejection.reason.contains("consent"))
    }

    @Test func beginTreatmentTwiceIsRefused() throws {
        let rejection = try Session.treating().reject(.beginTreatment)
        #expect(rejection.reason.contains("already begun"))
        _ = try Session.inAftercare().reject(.beginTreatment)
    }

    @Test func notesAreAcceptedDuringAssessment() throws {
        var session = try Session.started()
        try session.accept(.note("Prefers the face cradle low"))
        #expect(session.state.notes.map(\.value) == ["Prefers the face cradle low"])
    }
}
