import Foundation
import Testing
import KneadCore

@Suite("Aftercare: fields, older events, signing rules")
struct AftercareTests {
    @Test func anAftercareEventFromBeforeTheNewFieldsStillDecodes() throws {
        let json = #"""
        {"type":"aftercareRecorded","aftercare":{"postPain":3,"advice":["Stand up slowly."],"homeCare":"Chin tucks","plan":"Weekly"}}
        """#
        let change = try JSONDecoder().decode(SessionChange.self, from: Data(json.utf8))
        guard case .aftercareRecorded(let care) = change else {
            Issue.record("decoded \(change.kind)")
            return
        }
        #expect(care == Aftercare(postPain: Fixture.score(3), advice: ["Stand up slowly."], homeCare: "Chin tucks", plan: "Weekly"))
        #expect(care.regionPain.isEmpty && care.heatOrCold == .none && care.additions.isEmpty)
        // Even the oldest, emptiest shape reads.
        let bare = try JSONDecoder().decode(SessionChange.self, from: Data(#"{"type":"aftercareRecorded","aftercare":{}}"#.utf8))
        #expect(bare == .aftercareRecorded(Aftercare()))
    }

    @Test func everyFieldRoundTrips() throws {
        let care = Aftercare(postPain: Fixture.score(2), regionPain: [RegionPain(region: Fixture.rightShoulder, score: Fixture.score(1))],
                             advice: ["Drink water."], homeCare: "Doorway stretch", heatOrCold: .either, selfCare: "Breaks",
                             plan: "Fortnightly", nextFocus: "Left hip", referral: "GP for the numbness", freeText: "Ran late",
                             additions: NoteAdditions(subjective: "s", objective: "o", assessment: "a", plan: "p"))
        let data = try JSONEncoder().encode(SessionChange.aftercareRecorded(care))
        #expect(try JSONDecoder().decode(SessionChange.self, from: data) == .aftercareRecorded(care))
        #expect(care.pain(for: Fixture.rightShoulder) == Fixture.score(1))
        #expect(care.pain(for: Fixture.leftShoulder) == nil)
    }

    @Test func aPlanIsHowOftenOrTheNextFocus() throws {
        var session = try Session.inAftercare()
        try session.accept(.recordAftercare(Aftercare(postPain: Fixture.score(2))))
        let none = try session.reject(.sign(by: "Dana"))
        #expect(none.reason.contains("plan"))
        try session.accept(.recordAftercare(Aftercare(postPain: Fixture.score(2), nextFocus: "Left hip")))
        try session.accept(.sign(by: "Dana"))
        #expect(session.state.phase == .signed)
    }

    @Test func signingNeedsThePostTreatmentScore() throws {
        var session = try Session.inAftercare()
        try session.accept(.recordAftercare(Aftercare(plan: "Weekly")))
        #expect(try session.reject(.sign(by: "Dana")).reason.contains("post-treatment pain"))
    }

    @Test func aRegionScoredTwiceAfterTreatmentIsRefused() throws {
        let session = try Session.inAftercare()
        let twice = Aftercare(postPain: Fixture.score(2), regionPain: [RegionPain(region: Fixture.rightShoulder, score: Fixture.score(1)),
                                                                       RegionPain(region: Fixture.rightShoulder, score: Fixture.score(2))])
        #expect(try session.reject(.recordAftercare(twice)).reason.contains("two pain scores"))
    }
}
