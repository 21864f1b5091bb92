import Foundation
import Testing
import KneadCore

@Suite("Decider: starting a session")
struct DeciderStartTests {
    @Test func startRecordsClientAndPlannedLength() throws {
        var session = Session()
        let events = try session.accept(.start(client: Fixture.client, plannedMinutes: 60))
        #expect(events == [SessionEvent(at: Fixture.base, .started(SessionStart(client: Fixture.client, plannedMinutes: 60)))])
        #expect(session.state.isStarted)
        #expect(session.state.client == Fixture.client)
        #expect(session.state.plannedMinutes == 60)
        #expect(session.state.startedAt == Fixture.base)
        #expect(session.state.phase == .assessment)
    }

    @Test func startingTwiceIsRefused() throws {
        var session = try Session.started()
        session.advance(10)
        let rejection = try session.reject(.start(client: Fixture.client, plannedMinutes: 30))
        #expect(rejection.reason.contains("already started"))
        #expect(!rejection.needsConfirmation)
    }

    @Test(arguments: ["", "   ", "\n\t "])
    func blankClientNameIsRefused(name: String) throws {
        let client = Client(id: ClientID("c"), name: name)
        let rejection = try Session().reject(.start(client: client, plannedMinutes: 60))
        #expect(rejection.reason.contains("name"))
    }

    @Test(arguments: [Int.min, -5, 0, 4, 241, 1000])
    func plannedMinutesOutsideRangeAreRefused(minutes: Int) throws {
        let rejection = try Session().reject(.start(client: Fixture.client, plannedMinutes: minutes))
        #expect(rejection.reason.contains("5") && rejection.reason.contains("240"))
    }

    @Test(arguments: [5, 6, 30, 90, 239, 240])
    func plannedMinutesInsideRangeAreAccepted(minutes: Int) throws {
        var session = Session()
        try session.accept(.start(client: Fixture.client, plannedMinutes: minutes))
        #expect(session.state.plannedMinutes == minutes)
        #expect(plannedMinutesRange == 5...240)
    }

    static let commandsOtherThanStart: [SessionCommand] = [
        .recordAssessment(Fixture.assessment),
        .beginTreatment,
        .startWork(Fixture.work(Fixture.leftShoulder)),
        .endWork,
        .changePressure(.deep, confirmed: true),
        .changeTechnique(Fixture.petrissage),
        .checkIn(score: 5, region: nil),
        .note("Client arrived early"),
        .endTreatment,
        .recordAftercare(Fixture.aftercare),
        .sign(by: "Dana Kim, LMT"),
        .amend(Amendment(by: "Dana Kim", reason: "typo", text: "left, not right")),
    ]

    @Test(arguments: commandsOtherThanStart)
    func commandsBeforeStartAreRefused(command: SessionCommand) throws {
        let rejection = try Session().reject(command)
        #expect(rejection.reason == "Start the session first.")
    }
}
