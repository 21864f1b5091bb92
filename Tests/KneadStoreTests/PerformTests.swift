import Foundation
import KneadCore
import Testing
@testable import KneadStore

@Suite("Performing a command: decide, append durably, then apply")
struct PerformTests {
    let now = Date(timeIntervalSinceReferenceDate: 800_000_000)
    let client = Client(id: ClientID("c1"), name: "Ada Lovelace")

    @Test("An accepted command is on disk and in the state")
    func accepted() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        var state = SessionState(id: SessionID("p1"))
        try journal.perform(.start(client: client, plannedMinutes: 60), on: &state, at: now)
        #expect(state.isStarted)
        #expect(try journal.events(of: state.id) == state.events)
    }

    @Test("A rejected command changes neither the state nor the journal")
    func rejected() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        var state = SessionState(id: SessionID("p2"))
        try journal.perform(.start(client: client, plannedMinutes: 60), on: &state, at: now)
        let before = state
        #expect(throws: CommandFailure.self) {
            try journal.perform(.checkIn(score: 5, region: nil), on: &state, at: now)
        }
        #expect(state == before)
        #expect(try journal.events(of: state.id).count == 1)
    }

    @Test("When the journal refuses the events, the state is unchanged")
    func notSaved() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        var state = SessionState(id: SessionID("p3"))
        try journal.perform(.start(client: client, plannedMinutes: 60), on: &state, at: now)
        let before = state
        try journal.close()  // a closed database cannot take the events
        do {
            try journal.perform(.note("Tight left trapezius"), on: &state, at: now)
            Issue.record("a closed journal accepted an event")
        } catch .notSaved {
            #expect(state == before)
        } catch {
            Issue.record("expected notSaved, got \(error)")
        }
    }
}

@Suite("Undo in the store")
struct UndoStoreTests {
    @Test("A voided event is stored, read back and replayed to the same state")
    func voidedRoundTrips() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let now = Date(timeIntervalSinceReferenceDate: 800_000_000)
        var state = SessionState(id: SessionID("u1"))
        try journal.perform(.start(client: Client(id: ClientID("c1"), name: "Ada Lovelace"), plannedMinutes: 60), on: &state, at: now)
        try journal.perform(.recordAssessment(Assessment(consent: true)), on: &state, at: now)
        try journal.perform(.beginTreatment, on: &state, at: now)
        let shoulder = try #require(Region(.shoulder, .left))
        try journal.perform(.startWork(RegionWork(region: shoulder, technique: Technique("effleurage"), pressure: .swedish)),
                            on: &state, at: now.addingTimeInterval(60))
        try journal.perform(.checkIn(score: 8, region: nil), on: &state, at: now.addingTimeInterval(120))
        try journal.perform(.undo, on: &state, at: now.addingTimeInterval(130))
        #expect(state.checkIns.isEmpty)
        let stored = try journal.events(of: state.id)
        #expect(stored == state.events)
        #expect(stored.last?.change == .voided(positions: [4]))
        #expect(SessionState(id: state.id, replaying: stored) == state)
        try journal.close()
        let reopened = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        defer { try? reopened.close() }
        #expect(SessionState(id: state.id, replaying: try reopened.events(of: state.id)) == state)
    }
}
