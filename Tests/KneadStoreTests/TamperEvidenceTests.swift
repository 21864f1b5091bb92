import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// Every entry carries a hash of its content and of the entry before it; `verify` finds what
/// was changed, removed or inserted outside knead.
@Suite("Tamper evidence: hash chains, the ledger and verify")
struct TamperEvidenceTests {
    let temp: TemporaryFolder
    let journal: SQLiteJournal
    let clock = ManualClock(awkwardMoment)

    init() throws {
        temp = try TemporaryFolder()
        journal = try SQLiteJournal.open(at: DataLocation(folder: temp.dataFolder), clock: clock)
    }

    /// A signed session, an unfinished one, and a client record saved twice.
    private func practice() throws {
        try run(wholeSession(), in: SessionID("signed"), journal: journal, clock: clock)
        try run(Array(try wholeSession().prefix(6)), in: SessionID("open"), journal: journal, clock: clock)
        guard var record = try journal.clientRecord(ada.id) else { throw TestFailure(description: "no record") }
        record.phone = "555 0100"
        try journal.save(record)
    }

    private func findings() throws -> [String] { try journal.verify().findings.map(\.description) }

    @Test("A journal written by knead verifies; every event and record version carries both hashes")
    func intact() throws {
        try practice()
        let result = try journal.verify()
        #expect(result.isIntact, "\(result.findings)")
        #expect(result.sessions == 2 && result.entries == 21 && result.clients == 1 && result.recordVersions == 2)
        #expect(try journal.fetchRawStrings("SELECT count(*) FROM events WHERE hash IS NULL OR content_hash IS NULL") == ["0"])
        #expect(try journal.fetchRawStrings("SELECT count(*) FROM client_changes WHERE hash IS NULL") == ["0"])
        #expect(try journal.fetchRawStrings("SELECT session_id FROM session_ledger ORDER BY position") == ["signed", "open"])
    }

    @Test("An entry changed by hand is named by session and position")
    func changedEntry() throws {
        try practice()
        try journal.executeRawSQL(#"UPDATE events SET payload = '{"text":"forged","type":"noted"}', type = 'noted' WHERE session_id = 'open' AND seq = 5"#)
        #expect(try findings() == ["Entry 5 of session open was changed outside knead."])
    }

    @Test("An entry changed and re-hashed by hand is found by the link from the entry after it")
    func rehashedEntry() throws {
        try practice()
        let payload = try #require(try journal.fetchRawStrings("SELECT payload FROM events WHERE session_id = 'open' AND seq = 5").first)
        let content = JournalHash.event(session: "open", seq: 5, at: 0, type: "checkedIn", payload: payload)
        let before = try #require(try journal.fetchRawStrings("SELECT hash FROM events WHERE session_id = 'open' AND seq = 4").first)
        try journal.executeRawSQL("UPDATE events SET at = 0, content_hash = ?, hash = ? WHERE session_id = 'open' AND seq = 5",
                                  arguments: [content, JournalHash.chain(previous: before, content: content)])
        #expect(try findings() == ["Entry 5 of session open was changed or replaced outside knead (entry 6 no longer links to it)."])
    }

    @Test("A removed entry, an inserted entry and a removed session are each named")
    func removedAndInserted() throws {
        try practice()
        try journal.executeRawSQL("DELETE FROM events WHERE session_id = 'open' AND seq = 2")
        #expect(try findings().first == "Entry 2 of session open was removed outside knead.")
        try journal.executeRawSQL("""
            INSERT INTO events (session_id, seq, at, type, payload) VALUES ('open', 7, 0, 'noted', '{"text":"x","type":"noted"}')
            """)
        #expect(try findings().contains("Entry 7 of session open was inserted outside knead (it carries no hash)."))
        try journal.executeRawSQL("DELETE FROM note_search WHERE session_id = 'open'")
        try journal.executeRawSQL("DELETE FROM events WHERE session_id = 'open'")
        try journal.executeRawSQL("DELETE FROM sessions WHERE id = 'open'")
        #expect(try findings() == ["Session open, started on this machine, was removed outside knead."])
    }

    @Test("A session row, a client record and a record version changed by hand are found")
    func rowsChanged() throws {
        try practice()
        try journal.executeRawSQL("UPDATE sessions SET client_name = 'Someone Else' WHERE id = 'open'")
        try journal.executeRawSQL("UPDATE clients SET name = 'Someone Else'")
        try journal.executeRawSQL("DROP TRIGGER client_changes_no_update")
        try journal.executeRawSQL("UPDATE client_changes SET record = replace(record, '555 0100', '555 9999')")
        let found = try findings()
        #expect(found.contains("The row of session open was changed outside knead: it no longer says what its entries say."))
        #expect(found.contains("The record of client client-ada was changed outside knead: it is not its latest saved version."))
        #expect(found.contains("Version 2 of the record of client client-ada was changed outside knead."))
        #expect(found.allSatisfy { !$0.contains("Ada") && !$0.contains("Someone") }, "no client data in findings")
    }

    @Test("The row of a signed session cannot be changed: not its phase, not its client's name")
    func signedRowLocked() throws {
        try practice()
        for sql in ["UPDATE sessions SET phase = 'aftercare' WHERE id = 'signed'",
                    "UPDATE sessions SET client_name = 'Forged' WHERE id = 'signed'",
                    "UPDATE sessions SET started_at = 0 WHERE id = 'signed'"] {
            #expect(throws: StoreError.signedSessionLocked(nil)) { try journal.executeRawSQL(sql) }
        }
        #expect(try journal.unfinishedSessions().map(\.id) == [SessionID("open")])
        // An amendment still saves (it touches only updated_at).
        try journal.append([SessionEvent(at: clock.now(), .amended(Amendment(by: "Sam", reason: "typo", text: "fixed")))],
                           to: SessionID("signed"))
        #expect(try journal.verify().isIntact)
    }

    @Test("Chains are per session: a session imported elsewhere has the same hashes and fingerprint")
    func perSessionChain() throws {
        try practice()
        let events = try journal.events(of: SessionID("open"))
        let other = try TemporaryFolder()
        let elsewhere = try SQLiteJournal.open(at: DataLocation(folder: other.dataFolder), clock: clock)
        defer { try? elsewhere.close() }
        try elsewhere.importSessions([(SessionID("open"), events)])
        #expect(try elsewhere.fingerprint(of: SessionID("open")) == journal.fingerprint(of: SessionID("open")))
        #expect(try elsewhere.fetchRawStrings("SELECT hash FROM events ORDER BY seq")
                == journal.fetchRawStrings("SELECT hash FROM events WHERE session_id = 'open' ORDER BY seq"))
    }

    @Test("A fingerprint is found while the note is intact, with the amendments added since; not once it is changed")
    func fingerprints() throws {
        try practice()
        let session = SessionID("signed")
        let printed = try #require(try journal.fingerprint(of: session))
        #expect(try journal.find(fingerprint: printed) == FingerprintMatch(session: "signed", seq: 15, laterEntries: 0))
        try journal.append([SessionEvent(at: clock.now(), .amended(Amendment(by: "Sam", reason: "typo", text: "fixed")))], to: session)
        #expect(try journal.find(fingerprint: printed)?.laterEntries == 1)
        #expect(try journal.fingerprint(of: session) != printed)
        #expect(try journal.find(fingerprint: String(repeating: "ab", count: 32)) == nil)
    }

    @Test("The check on open looks at new entries and says a problem once")
    func checkOnOpenSaysOnce() throws {
        try practice()
        #expect(try journal.checkNewEntries().isEmpty)
        try journal.executeRawSQL("""
            INSERT INTO events (session_id, seq, at, type, payload) VALUES ('open', 7, 0, 'noted', '{"text":"x","type":"noted"}')
            """)
        #expect(try journal.checkNewEntries().map(\.description) == ["Entry 7 of session open was inserted outside knead (it carries no hash)."])
        #expect(try journal.checkNewEntries().isEmpty, "said once")
        #expect(!(try journal.verify().isIntact), "verify still finds it")
    }

    @Test("The migration hashes a version 3 database's entries; a signed session stays locked")
    func migrationHashesOldEntries() throws {
        let old = try TemporaryFolder()
        try FileManager.default.createDirectory(at: old.dataFolder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: old.databaseFile.path)
        try Schema.migrator.migrate(queue, upTo: "v3-review-indices")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO clients (id, name, created_at, updated_at, record) VALUES ('c1', 'Old Client', 1, 1, NULL);
                INSERT INTO client_changes (client_id, at, record) VALUES ('c1', 1, '{}');
                INSERT INTO sessions VALUES ('s1', 'c1', 'Old Client', 10, 60, 'aftercare', 10);
                INSERT INTO events VALUES ('s1', 1, 10, 'started', '{"start":{"client":{"id":"c1","name":"Old Client"},"plannedMinutes":60},"type":"started"}');
                INSERT INTO events VALUES ('s1', 2, 11, 'treatmentBegan', '{"type":"treatmentBegan"}');
                INSERT INTO events VALUES ('s1', 3, 12, 'treatmentEnded', '{"type":"treatmentEnded"}');
                INSERT INTO events VALUES ('s1', 4, 13, 'signed', '{"signature":{"by":"Sam"},"type":"signed"}');
                """)
        }
        try queue.close()
        let migrated = try SQLiteJournal.open(at: DataLocation(folder: old.dataFolder), clock: clock)
        defer { try? migrated.close() }
        #expect(try migrated.fetchRawStrings("SELECT phase FROM sessions") == ["signed"], "the forged phase is put back")
        #expect(try migrated.fetchRawStrings("SELECT count(*) FROM events WHERE hash IS NOT NULL") == ["4"])
        #expect(try migrated.fetchRawStrings("SELECT session_id FROM session_ledger") == ["s1"])
        #expect(throws: StoreError.signedSessionLocked(nil)) {
            try migrated.executeRawSQL("UPDATE events SET at = 0 WHERE session_id = 's1'")
        }
        let result = try migrated.verify()
        #expect(result.findings.map(\.description) == ["The record of client c1 was changed outside knead: it is not its latest saved version."],
                "only the hand-made client row (record NULL, a version '{}') differs")
    }
}
