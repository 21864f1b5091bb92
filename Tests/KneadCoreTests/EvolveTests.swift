import Foundation
import Testing
import KneadCore

@Suite("Evolve: segments, clocks and derived values")
struct EvolveTests {
    /// Treatment begins at 360 s; right shoulder from 400 s: effleurage P3, at 460 s deep,
    /// at 550 s petrissage, at 700 s the lumbar spine (trigger point P2), treatment ends at 1000 s.
    static func timedSession() throws -> Session {
        var session = try Session.treating()
        session.now = Fixture.at(400)
        try session.accept(.startWork(Fixture.work(Fixture.rightShoulder)))
        session.now = Fixture.at(460)
        try session.accept(.changePressure(.deep, confirmed: false))
        session.now = Fixture.at(550)
        try session.accept(.changeTechnique(Fixture.petrissage))
        session.now = Fixture.at(700)
        try session.accept(.startWork(Fixture.work(Fixture.lumbarSpine, Fixture.triggerPoint, .lotioning)))
        return session
    }

    @Test func pressureAndTechniqueChangesSplitSegments() throws {
        let session = try Self.timedSession()
        let segments = session.state.segments
        #expect(segments.count == 4)
        #expect(segments.map(\.from) == [Fixture.at(400), Fixture.at(460), Fixture.at(550), Fixture.at(700)])
        #expect(segments.map(\.to) == [Fixture.at(460), Fixture.at(550), Fixture.at(700), nil])
        #expect(segments.map(\.work.pressure) == [.swedish, .deep, .deep, .lotioning])
        #expect(segments.map(\.work.technique) == [Fixture.effleurage, Fixture.effleurage, Fixture.petrissage, Fixture.triggerPoint])
        #expect(segments.map(\.work.region) == [Fixture.rightShoulder, Fixture.rightShoulder, Fixture.rightShoulder, Fixture.lumbarSpine])
    }

    @Test func secondsByRegionCountOpenWorkUpToNow() throws {
        let session = try Self.timedSession()
        let seconds = session.state.secondsByRegion(upTo: Fixture.at(760))
        #expect(seconds == [Fixture.rightShoulder: 300, Fixture.lumbarSpine: 60])
        #expect(seconds[Fixture.leftShoulder] == nil)
    }

    @Test func secondsByTechnique() throws {
        let session = try Self.timedSession()
        let seconds = session.state.secondsByTechnique(upTo: Fixture.at(760))
        #expect(seconds == [Fixture.effleurage: 150, Fixture.petrissage: 150, Fixture.triggerPoint: 60])
    }

    @Test func closedSegmentsStopCounting() throws {
        var session = try Self.timedSession()
        session.now = Fixture.at(1000)
        try session.accept(.endTreatment)
        let later = Fixture.at(5000)
        #expect(session.state.secondsByRegion(upTo: later) == [Fixture.rightShoulder: 300, Fixture.lumbarSpine: 300])
        #expect(session.state.segments.map { $0.seconds(upTo: later) } == [60, 90, 150, 300])
    }

    /// Treatment time counts from "treatment begun" (at 360 s here), not from the intake.
    @Test func elapsedSecondsRunUntilTreatmentEnds() throws {
        #expect(SessionState(id: Fixture.sessionID).elapsedSeconds(at: Fixture.at(100)) == 0)
        var session = try Self.timedSession()
        #expect(session.state.elapsedSeconds(at: Fixture.at(900)) == 540)
        session.now = Fixture.at(1000)
        try session.accept(.endTreatment)
        #expect(session.state.elapsedSeconds(at: Fixture.at(1000)) == 640)
        #expect(session.state.elapsedSeconds(at: Fixture.at(9000)) == 640)
    }

    @Test func latestPainFallsBackToAssessmentBaseline() throws {
        var session = try Session.started()
        #expect(session.state.latestPain == nil)
        try session.accept(.recordAssessment(Fixture.assessment))
        #expect(session.state.latestPain == Fixture.score(6))
        try session.accept(.beginTreatment)
        #expect(session.state.latestPain == Fixture.score(6))
        try session.accept(.checkIn(score: 2, region: nil))
        try session.accept(.checkIn(score: 3, region: Fixture.leftShoulder))
        #expect(session.state.latestPain == Fixture.score(3))
    }

    @Test func checkInsForARegion() throws {
        var session = try Session.working()
        try session.accept(.checkIn(score: 5, region: nil))
        try session.accept(.checkIn(score: 7, region: Fixture.leftShoulder))
        session.advance(30)
        try session.accept(.checkIn(score: 3, region: nil))
        #expect(session.state.checkIns(for: Fixture.rightShoulder).map(\.value.score.value) == [5, 3])
        #expect(session.state.checkIns(for: Fixture.leftShoulder).map(\.value.score.value) == [7])
        #expect(session.state.checkIns(for: Fixture.leftCalf).isEmpty)
    }

    @Test func workedRegionsInOrderFirstWorked() throws {
        var session = try Session.treating()
        try session.accept(.startWork(Fixture.work(Fixture.rightShoulder)))
        try session.accept(.startWork(Fixture.work(Fixture.lumbarSpine)))
        try session.accept(.startWork(Fixture.work(Fixture.rightShoulder)))
        try session.accept(.changePressure(.light, confirmed: false))
        try session.accept(.startWork(Fixture.work(Fixture.leftShoulder)))
        #expect(session.state.workedRegions == [Fixture.rightShoulder, Fixture.lumbarSpine, Fixture.leftShoulder])
    }

    @Test func eventsAreKeptInOrder() throws {
        let session = try Session.signed()
        #expect(session.state.events.map(\.change.kind) == [
            "started", "assessed", "treatmentBegan", "workStarted", "workEnded", "treatmentEnded",
            "aftercareRecorded", "signed",
        ])
    }

    @Test func pressureChangeWithoutOpenWorkChangesNoSegment() {
        // Events are facts already decided; a stray one must not invent work.
        let state = SessionState(id: Fixture.sessionID, replaying: [
            SessionEvent(at: Fixture.at(0), .started(SessionStart(client: Fixture.client, plannedMinutes: 30))),
            SessionEvent(at: Fixture.at(1), .pressureChanged(.deep, cautionConfirmed: false)),
            SessionEvent(at: Fixture.at(2), .techniqueChanged(Fixture.petrissage)),
        ])
        #expect(state.segments.isEmpty)
        #expect(state.events.count == 3)
    }

    @Test func phaseTitlesAndOrder() {
        #expect(Phase.allCases == [.assessment, .treatment, .aftercare, .signed])
        #expect(Phase.assessment < .treatment && .treatment < .aftercare && .aftercare < .signed)
        #expect(!(Phase.signed < .assessment))
        #expect(Phase.signed.title == "Signed")
    }
}

@Suite("Replay")
struct ReplayTests {
    @Test func replayingEqualsFoldingOneByOne() throws {
        var session = try EvolveTests.timedSession()
        try session.accept(.checkIn(score: 4, region: nil))
        try session.accept(.note("Tender at L4"))
        session.advance(300)
        try session.accept(.endTreatment)
        try session.accept(.recordAftercare(Fixture.aftercare))
        try session.accept(.sign(by: "Dana Kim, LMT"))
        try session.accept(.amend(Amendment(by: "Dana Kim", reason: "typo", text: "L5, not L4")))

        let events = session.state.events
        var folded = SessionState(id: Fixture.sessionID)
        for event in events { folded.evolve(event) }
        let replayed = SessionState(id: Fixture.sessionID, replaying: events)
        #expect(replayed == folded)
        #expect(replayed == session.state)
        #expect(events.reduce(SessionState(id: Fixture.sessionID), evolve) == session.state)
    }

    @Test func replayOfAPrefixIsAnEarlierState() throws {
        let session = try Session.signed()
        let prefix = Array(session.state.events.prefix(3))
        let replayed = SessionState(id: Fixture.sessionID, replaying: prefix)
        #expect(replayed.phase == .treatment)
        #expect(replayed != session.state)
    }

    @Test func replayingNothingIsTheUnstartedSession() {
        let state = SessionState(id: Fixture.sessionID, replaying: [])
        #expect(state == SessionState(id: Fixture.sessionID))
        #expect(!state.isStarted)
        #expect(state.phase == .assessment)
    }
}
