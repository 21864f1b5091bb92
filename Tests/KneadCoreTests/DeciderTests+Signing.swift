import Foundation
import Testing
import KneadCore

@Suite("Decider: aftercare, signing and amendments")
struct DeciderSigningTests {
    @Test func aftercareIsRecordedInAftercare() throws {
        var session = try Session.inAftercare()
        let events = try session.accept(.recordAftercare(Fixture.aftercare))
        #expect(events.map(\.change) == [.aftercareRecorded(Fixture.aftercare)])
        #expect(session.state.aftercare == Fixture.aftercare)
    }

    @Test func aftercareOutsideAftercareIsRefused() throws {
        let assessing = try Session.assessed().reject(.recordAftercare(Fixture.aftercare))
        #expect(assessing.reason.contains("treatment has ended"))
        _ = try Session.working().reject(.recordAftercare(Fixture.aftercare))
    }

    @Test func signLocksTheNote() throws {
        var session = try Session.readyToSign()
        session.advance(60)
        let events = try session.accept(.sign(by: "Dana Kim, LMT"))
        // Without a vocabulary given, the standard one is kept for the session's techniques.
        let kept = SignedVocabulary(names: ["effleurage": "effleurage"], codes: ["effleurage": "97124"])
        #expect(events == [SessionEvent(at: session.now, .signed(Signature(by: "Dana Kim, LMT", vocabulary: kept)))])
        #expect(session.state.phase == .signed)
        #expect(session.state.signature == Timed(Signature(by: "Dana Kim, LMT", vocabulary: kept), at: session.now))
    }

    @Test func signBeforeAftercarePhaseIsRefused() throws {
        _ = try Session.assessed().reject(.sign(by: "Dana Kim"))
        let rejection = try Session.working().reject(.sign(by: "Dana Kim"))
        #expect(rejection.reason.contains("End treatment"))
    }

    @Test func signWithoutAnyAftercareIsRefused() throws {
        let rejection = try Session.inAftercare().reject(.sign(by: "Dana Kim"))
        #expect(rejection.reason.contains("post-treatment pain"))
    }

    @Test func signWithoutPostPainIsRefused() throws {
        var session = try Session.inAftercare()
        var noScore = Fixture.aftercare
        noScore.postPain = nil
        try session.accept(.recordAftercare(noScore))
        let rejection = try session.reject(.sign(by: "Dana Kim"))
        #expect(rejection.reason.contains("post-treatment pain"))
    }

    @Test(arguments: ["", "  \n "])
    func signWithoutPlanIsRefused(plan: String) throws {
        var session = try Session.inAftercare()
        var noPlan = Fixture.aftercare
        noPlan.plan = plan
        try session.accept(.recordAftercare(noPlan))
        let rejection = try session.reject(.sign(by: "Dana Kim"))
        #expect(rejection.reason.contains("plan"))
    }

    @Test(arguments: ["", "   ", "\t\n"])
    func signWithBlankNameIsRefused(name: String) throws {
        let rejection = try Session.readyToSign().reject(.sign(by: name))
        #expect(rejection.reason.contains("name"))
    }

    @Test func amendBeforeSigningIsRefused() throws {
        let rejection = try Session.readyToSign().reject(.amend(Amendment(by: "Dana", reason: "typo", text: "fix")))
        #expect(rejection.reason.contains("signed"))
    }

    static let everythingButAmend: [SessionCommand] = [
        .start(client: Fixture.client, plannedMinutes: 60),
        .recordAssessment(Fixture.assessment),
        .beginTreatment,
        .startWork(Fixture.work(Fixture.leftShoulder)),
        .endWork,
        .changePressure(.deep, confirmed: true),
        .changeTechnique(Fixture.petrissage),
        .checkIn(score: 2, region: nil),
        .note("Forgot to mention the knee"),
        .endTreatment,
        .recordAftercare(Fixture.aftercare),
        .sign(by: "Dana Kim, LMT"),
    ]

    @Test(arguments: everythingButAmend)
    func everythingButAmendIsRefusedAfterSigning(command: SessionCommand) throws {
        let rejection = try Session.signed().reject(command)
        #expect(rejection.reason.contains("signed"))
        #expect(rejection.reason.contains("locked"))
        #expect(!rejection.needsConfirmation)
    }

    @Test func amendmentIsAddedBesideTheOriginal() throws {
        var session = try Session.signed()
        let original = session.state
        session.advance(86_400)
        let amendment = Amendment(by: "Dana Kim, LMT", reason: "Wrong side charted",
                                  text: "Work was on the left shoulder, not the right.")
        let events = try session.accept(.amend(amendment))
        #expect(events == [SessionEvent(at: session.now, .amended(amendment))])
        #expect(session.state.amendments == [Timed(amendment, at: session.now)])
        #expect(session.state.phase == .signed)
        #expect(session.state.signature == original.signature)
        #expect(session.state.segments == original.segments)
        #expect(Array(session.state.events.prefix(original.events.count)) == original.events)

        try session.accept(.amend(Amendment(by: "Dana Kim", reason: "Addendum", text: "Client called: better.")))
        #expect(session.state.amendments.count == 2)
    }

    @Test func amendmentNeedsAReason() throws {
        let rejection = try Session.signed().reject(.amend(Amendment(by: "Dana", reason: " ", text: "fix")))
        #expect(rejection.reason.contains("why"))
    }

    @Test func amendmentNeedsText() throws {
        let rejection = try Session.signed().reject(.amend(Amendment(by: "Dana", reason: "typo", text: "\n")))
        #expect(rejection.reason.contains("empty"))
    }

    @Test func amendmentNeedsAName() throws {
        let rejection = try Session.signed().reject(.amend(Amendment(by: "", reason: "typo", text: "fix")))
        #expect(rejection.reason.contains("name"))
    }
}
