import Foundation
import KneadCore
import GRDB
import Testing
@testable import KneadStore

/// The database itself keeps a signed note locked, whatever SQL reaches it.
@Suite("Signed sessions are locked by the database")
struct TriggerTests {
    let temp: TemporaryFolder
    let journal: SQLiteJournal
    let clock = ManualClock(awkwardMoment)
    let session = SessionID("signed")

    init() throws {
        temp = try TemporaryFolder()
        journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
    }

    private func signedSession() throws -> SessionState {
        try run(wholeSession(), in: session, journal: journal, clock: clock)
    }

    @Test("Before signing, raw SQL may still change an event: the lock is about signing")
    func unsignedIsNotLocked() throws {
        let state = try run(Array(try wholeSession().prefix(4)), in: session, journal: journal, clock: clock)
        try journal.executeRawSQL("UPDATE events SET at = at + 1 WHERE session_id = ? AND seq = 2",
                                  arguments: [session.rawValue])
        #expect(try journal.events(of: session) != state.events)
        try journal.executeRawSQL("DELETE FROM events WHERE session_id = ? AND seq = 4", arguments: [session.rawValue])
        #expect(try journal.events(of: session).count == state.events.count - 1)
    }

    @Test("After signing, UPDATE of an event is refused", arguments: [
        "UPDATE events SET payload = '{\"text\":\"changed\",\"type\":\"noted\"}', type = 'noted' WHERE session_id = ? AND seq = 2",
        "UPDATE events SET at = at + 60 WHERE session_id = ?",
        "UPDATE events SET session_id = 'elsewhere' WHERE session_id = ? AND type = 'signed'",
    ])
    func updateRefused(_ sql: String) throws {
        let state = try signedSession()
        #expect(throws: StoreError.signedSessionLocked(nil)) {
            try journal.executeRawSQL(sql, arguments: [session.rawValue])
        }
        #expect(try journal.events(of: session) == state.events)
    }

    @Test("After signing, DELETE of events or of the session is refused", arguments: [
        "DELETE FROM events WHERE session_id = ?",
        "DELETE FROM events WHERE session_id = ? AND type = 'signed'",
        "DELETE FROM sessions WHERE id = ?",
    ])
    func deleteRefused(_ sql: String) throws {
        let state = try signedSession()
        #expect(throws: StoreError.signedSessionLocked(nil)) {
            try journal.executeRawSQL(sql, arguments: [session.rawValue])
        }
        #expect(try journal.events(of: session) == state.events)
        #expect(try journal.sessions(startedFrom: .distantPast, to: .distantFuture).count == 1)
    }

    @Test("After signing, a raw INSERT of anything but an amendment is refused")
    func rawInsertRefused() throws {
        let state = try signedSession()
        let seq = String(state.events.count + 1)
        #expect(throws: StoreError.signedSessionLocked(nil)) {
            try journal.executeRawSQL("""
                INSERT INTO events (session_id, seq, at, type, payload)
                VALUES (?, ?, 0, 'noted', '{"text":"late note","type":"noted"}')
                """, arguments: [session.rawValue, seq])
        }
        #expect(try journal.events(of: session) == state.events)
    }

    @Test("The triggers find a session's signed event through its own index, not by reading every event")
    func signedEventsIndexed() throws {
        let plan = try journal.dbPool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT 1 FROM events WHERE session_id = 'x' AND type = 'signed'")
                .map { $0["detail"] as String? ?? "" }.joined(separator: " ")
        }
        #expect(plan.contains("events_signed"), "\(plan)")
    }

    @Test("A v15 database gets the index of signed events, and a signed session stays locked through it")
    func signedEventsIndexUpgrade() throws {
        let state = try signedSession()
        try journal.executeRawSQL("""
            DROP INDEX events_signed; DELETE FROM grdb_migrations WHERE identifier = 'v16-signed-events-index';
            PRAGMA user_version = 15
            """)
        try journal.close()
        let reopened = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        defer { try? reopened.close() }
        #expect(try reopened.fetchRawStrings("PRAGMA user_version") == ["16"])
        #expect(try reopened.fetchRawStrings("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'events_signed'")
                == ["events_signed"])
        #expect(throws: StoreError.signedSessionLocked(session)) {
            try reopened.append([SessionEvent(at: clock.now(), .noted("late note"))], to: session)
        }
        #expect(throws: StoreError.signedSessionLocked(nil)) {
            try reopened.executeRawSQL("UPDATE sessions SET phase = 'treatment' WHERE id = ?", arguments: [session.rawValue])
        }
        #expect(try reopened.events(of: session) == state.events)
    }

    @Test("After signing, the journal cannot append a note: the trigger refuses it")
    func appendRefused() throws {
        let state = try signedSession()
        #expect(throws: StoreError.signedSessionLocked(session)) {
            try journal.append([SessionEvent(at: clock.now(), .noted("late note"))], to: session)
        }
        #expect(try journal.events(of: session) == state.events)
        #expect(try journal.fetchRawStrings("SELECT count(*) FROM note_search WHERE text = 'late note'") == ["0"])
    }

    @Test("After signing, an amendment is accepted, replayed, and then locked too")
    func amendmentAccepted() throws {
        let state = try signedSession()
        let amended = try run([.amend(Amendment(by: "Sam Rivera, LMT", reason: "Omitted finding",
                                                text: "Mild edema noted at the left ankle."))],
                              in: session, journal: journal, from: state, clock: clock)
        let replayed = SessionState(id: session, replaying: try journal.events(of: session))
        #expect(replayed == amended)
        #expect(replayed.amendments.count == 1)
        #expect(throws: StoreError.signedSessionLocked(nil)) {
            try journal.executeRawSQL("DELETE FROM events WHERE session_id = ? AND type = 'amended'",
                                      arguments: [session.rawValue])
        }
    }
}
