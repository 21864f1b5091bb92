import Foundation
import KneadCore
import Testing
@testable import KneadStore

/// The check of new entries runs on its own connection (in the background in the app) and moves
/// its checkpoint only when it is done; since a checkpoint it reads only what is new.
@Suite("The check of new entries, in the background and since the last check")
struct NewEntriesCheckTests {
    let folder: TemporaryFolder
    let clock = ManualClock(Date(timeIntervalSinceReferenceDate: 800_000_000))

    init() throws {
        folder = try TemporaryFolder()
    }

    func opened() throws -> SQLiteJournal {
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: clock)
        try SamplePractice.seed(into: journal, now: clock.now())
        return journal
    }

    @Test("A forged entry is found by the background check, said once, and still found by verify")
    func forgedEntryInBackground() throws {
        let journal = try opened()
        defer { try? journal.close() }
        #expect(try journal.checkNewEntries().isEmpty)
        let session = try #require(try journal.fetchRawStrings("SELECT id FROM sessions WHERE phase <> 'signed' ORDER BY id LIMIT 1").first)
        let seq = Int(try #require(try journal.fetchRawStrings("SELECT MAX(seq) FROM events WHERE session_id = '\(session)'").first)) ?? 0
        try journal.executeRawSQL("""
            INSERT INTO events (session_id, seq, at, type, payload) VALUES ('\(session)', \(seq + 1), 0, 'noted', '{"text":"x","type":"noted"}')
            """)
        let check = NewEntriesCheck(journal: journal)
        #expect(check.takeOutcome() == nil, "nothing before it is started")
        check.start()
        check.waitUntilFinished()
        #expect(check.takeOutcome() == .found([JournalFinding(description:
            "Entry \(seq + 1) of session \(session) was inserted outside knead (it carries no hash).")]))
        #expect(check.takeOutcome() == nil, "given once")
        let again = NewEntriesCheck(journal: journal)
        again.start()
        again.waitUntilFinished()
        #expect(again.takeOutcome() == .intact, "said once: the checkpoint moved on")
        #expect(!(try journal.verify().isIntact), "verify still finds it")
    }

    @Test("An entry added while a check reads is checked by the next one: the checkpoint is what the check read")
    func entryAddedWhileChecking() throws {
        let journal = try opened()
        defer { try? journal.close() }
        let session = try #require(try journal.fetchRawStrings("SELECT id FROM sessions WHERE phase <> 'signed' ORDER BY id LIMIT 1").first)
        let seq = Int(try #require(try journal.fetchRawStrings("SELECT MAX(seq) FROM events WHERE session_id = '\(session)'").first)) ?? 0
        let during = try journal.checkNewEntriesOnOwnConnection {
            try journal.executeRawSQL("""
                INSERT INTO events (session_id, seq, at, type, payload) VALUES ('\(session)', \(seq + 1), 0, 'noted', '{"text":"x","type":"noted"}')
                """)
        }
        #expect(during.isEmpty, "the forged entry came after the check's snapshot")
        #expect(try journal.checkNewEntries().map(\.description)
                == ["Entry \(seq + 1) of session \(session) was inserted outside knead (it carries no hash)."])
    }

    @Test("Since a checkpoint, a rewritten ledger, a removed ledger tail and a session missing from the ledger are found")
    func ledgerSinceCheckpoint() throws {
        let journal = try opened()
        defer { try? journal.close() }
        #expect(try journal.checkNewEntries().isEmpty)
        // A session row and entry written behind knead's back: not in the ledger.
        let client = try #require(try journal.fetchRawStrings("SELECT id FROM clients ORDER BY id LIMIT 1").first)
        try journal.executeRawSQL("""
            INSERT INTO sessions (id, client_id, client_name, started_at, planned_minutes, phase, updated_at)
                VALUES ('forged', '\(client)', 'X', 0, 60, 'assessment', 0);
            INSERT INTO events (session_id, seq, at, type, payload) VALUES ('forged', 1, 0, 'noted', '{"text":"x","type":"noted"}')
            """)
        let findings = try journal.checkNewEntries().map(\.description)
        #expect(findings.contains("Session forged was inserted outside knead: it is not in the ledger of sessions started here."), "\(findings)")
        #expect(try journal.checkNewEntries().isEmpty, "said once")
        // The ledger's last entry taken away (its triggers dropped first, as someone with the file could).
        try journal.executeRawSQL("""
            DROP TRIGGER session_ledger_no_delete;
            DELETE FROM session_ledger WHERE position = (SELECT MAX(position) FROM session_ledger)
            """)
        let removed = try journal.checkNewEntries().map(\.description)
        #expect(removed.contains { $0.hasPrefix("Ledger entr") && $0.contains("removed outside knead") }, "\(removed)")
    }
}
