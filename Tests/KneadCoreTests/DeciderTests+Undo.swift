import Foundation
import Testing
import KneadCore

@Suite("Decider and evolve: undo during treatment")
struct DeciderUndoTests {
    /// The state a list of commands makes, without any undo: what an undo must give back.
    func replayed(_ commands: [(TimeInterval, SessionCommand)], from session: Session) throws -> Session {
        var s = session
        for (wait, command) in commands {
            s.advance(wait)
            try s.accept(command)
        }
        return s
    }

    /// Compares the derived parts of two states (the event lists differ by the undone events).
    func expectSameTreatment(_ a: SessionState, _ b: SessionState, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.phase == b.phase, sourceLocation: sourceLocation)
        #expect(a.segments == b.segments, sourceLocation: sourceLocation)
        #expect(a.checkIns == b.checkIns, sourceLocation: sourceLocation)
        #expect(a.notes == b.notes, sourceLocation: sourceLocation)
        #expect(a.activeWork == b.activeWork, sourceLocation: sourceLocation)
        #expect(a.assessment == b.assessment, sourceLocation: sourceLocation)
    }

    static let undoable: [SessionCommand] = [
        .startWork(Fixture.work(Fixture.leftShoulder)), .endWork, .changePressure(.light, confirmed: false),
        .changeTechnique(Fixture.petrissage), .checkIn(score: 7, region: nil), .note("Trigger point, upper trapezius"),
    ]

    @Test("Each undoable action, undone, leaves the state as before it", arguments: undoable)
    func undoRestoresTheStateBefore(command: SessionCommand) throws {
        var session = try Session.working()
        session.advance(120)
        let before = session.state
        try session.accept(command)
        session.advance(30)
        let events = try session.accept(.undo)
        #expect(events.count == 1)
        guard case .voided(let positions) = events[0].change else {
            Issue.record("undo made \(events[0].change.kind)")
            return
        }
        #expect(positions.allSatisfy { $0 >= before.events.count })
        expectSameTreatment(session.state, before)
        // Append-only: every event is still there, plus the undo.
        #expect(session.state.events.count == before.events.count + (command == .startWork(Fixture.work(Fixture.leftShoulder)) ? 3 : 2))
        #expect(Array(session.state.events.prefix(before.events.count)) == before.events)
    }

    @Test("Starting work elsewhere is one action: undo goes back to the region worked before")
    func switchingRegionsIsUndoneWhole() throws {
        var session = try Session.working()
        let before = session.state
        session.advance(600)
        try session.accept(.startWork(Fixture.work(Fixture.leftShoulder)))
        try session.accept(.undo)
        #expect(session.state.activeWork?.region == Fixture.rightShoulder)
        expectSameTreatment(session.state, before)
        #expect(session.state.voidedPositions.count == 2)
    }

    @Test("Repeated undo walks further back, then stops at the beginning of treatment")
    func repeatedUndo() throws {
        let treating = try Session.treating()
        var session = try replayed([(0, .startWork(Fixture.work(Fixture.leftShoulder))),
                                    (60, .checkIn(score: 5, region: nil)),
                                    (60, .changePressure(.deep, confirmed: false))], from: treating)
        let afterCheckIn = try replayed([(0, .startWork(Fixture.work(Fixture.leftShoulder))),
                                         (60, .checkIn(score: 5, region: nil))], from: treating)
        let afterStart = try replayed([(0, .startWork(Fixture.work(Fixture.leftShoulder)))], from: treating)
        try session.accept(.undo)
        expectSameTreatment(session.state, afterCheckIn.state)
        try session.accept(.undo)
        expectSameTreatment(session.state, afterStart.state)
        try session.accept(.undo)
        expectSameTreatment(session.state, treating.state)
        let rejection = try session.reject(.undo)
        #expect(rejection.reason == "Nothing left to undo since treatment began.")
    }

    @Test("After an undo, new actions count and can be undone in turn")
    func undoThenNewAction() throws {
        var session = try Session.working()
        try session.accept(.checkIn(score: 8, region: nil))
        try session.accept(.undo)
        session.advance(60)
        try session.accept(.checkIn(score: 3, region: nil))
        #expect(session.state.checkIns.map(\.value.score.value) == [3])
        try session.accept(.undo)
        #expect(session.state.checkIns.isEmpty)
        #expect(session.state.activeWork?.region == Fixture.rightShoulder)  // the start of work is next
        try session.accept(.undo)
        #expect(session.state.activeWork == nil)
        #expect(session.state.segments.isEmpty)
    }

    @Test("Undo is refused outside treatment, with a sentence")
    func refusedOutsideTreatment() throws {
        #expect(try Session.assessed().reject(.undo).reason == "There is nothing to undo before treatment begins.")
        #expect(try Session.inAftercare().reject(.undo).reason.hasPrefix("Treatment has ended"))
        #expect(try Session.signed().reject(.undo).reason.contains("signed"))
        #expect(try Session.treating().reject(.undo).reason == "Nothing left to undo since treatment began.")
    }

    @Test("Replaying the journal with undo events gives the same state as folding them live")
    func replayMatches() throws {
        var session = try Session.working()
        try session.accept(.checkIn(score: 6, region: nil))
        try session.accept(.note("Tender at the insertion"))
        try session.accept(.undo)
        try session.accept(.undo)
        let replayed = SessionState(id: session.state.id, replaying: session.state.events)
        #expect(replayed == session.state)
        #expect(session.state.isVoided(session.state.events.count - 3))
    }

    @Test("A voided event survives a JSON round trip")
    func codable() throws {
        let event = SessionEvent(at: Fixture.at(10), .voided(positions: [7, 8]))
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(SessionEvent.self, from: data) == event)
        #expect(String(decoding: try JSONEncoder().encode(event.change), as: UTF8.self).contains("\"type\":\"voided\""))
    }
}
