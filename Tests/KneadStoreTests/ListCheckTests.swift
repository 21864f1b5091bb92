import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// `v15-checks-without-lists`: the CHECKs a check-in's save runs compare in place instead of
/// building a temporary table per row, and still refuse what they refused.
@Suite("CHECKs without value lists")
struct ListCheckTests {
    /// The opcodes of a statement's program, its triggers' programs included.
    static func opcodes(_ journal: SQLiteJournal, _ sql: String) throws -> [String] {
        try journal.dbPool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN " + sql).map { $0["opcode"] as String }
        }
    }

    /// What a check-in and a session's start write, each with its triggers.
    static let savingStatements = [
        "INSERT INTO events (session_id, seq, at, type, payload, content_hash, hash) VALUES ('s', 2, 0, 'painCheckedIn', '{}', 'c', 'h')",
        "INSERT INTO sessions (id, client_id, client_name, started_at, planned_minutes, phase, updated_at) VALUES ('s', 'c', 'n', 0, 60, 'assessment', 0)",
        "UPDATE sessions SET phase = 'treatment', updated_at = 1 WHERE id = 's'",
        "UPDATE sessions SET updated_at = 1 WHERE id = 's'",
        "INSERT INTO sync_outbox (kind, session_id, seq) VALUES ('event', 's', 2)",
    ]

    @Test("No statement of a save opens a temporary table", arguments: savingStatements)
    func noEphemeralTable(_ sql: String) throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        defer { try? journal.close() }
        let opcodes = try Self.opcodes(journal, sql)
        #expect(opcodes.contains("Insert") || opcodes.contains("Update") || opcodes.contains("IdxInsert"))
        #expect(!opcodes.contains("OpenEphemeral"), "\(sql) builds a temporary table")
    }

    @Test("The checks refuse what they refused, and take every value they took", arguments: [
        ("INSERT INTO sync_outbox (kind, session_id) VALUES (?, 's')", ["session", "event", "client_version"], ["sessions", "Event", "", "client"]),
        ("UPDATE sessions SET phase = ? WHERE id = 'open'", ["assessment", "treatment", "aftercare", "signed"], ["signing", "Treatment", "", "treatment "]),
    ])
    func sameValues(_ sql: String, allowed: [String], refused: [String]) throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        defer { try? journal.close() }
        _ = try run([.start(client: ada, plannedMinutes: 60)], in: SessionID("open"), journal: journal, clock: clock)
        for value in refused {
            #expect(throws: (any Error).self, "\(value) was taken") { try journal.executeRawSQL(sql, arguments: [value]) }
        }
        for value in allowed {
            try journal.executeRawSQL(sql, arguments: [value])
        }
    }

    @Test("A v14 database is brought to v15: the rows stay, the checks are rewritten, the file is sound")
    func upgradeFromV14() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        var journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        _ = try run(try wholeSession(), in: SessionID("before"), journal: journal, clock: clock)
        let outbox = try journal.fetchRawStrings("SELECT kind || ':' || position FROM sync_outbox ORDER BY position")
        let events = try journal.events(of: SessionID("before"))
        // Back to v14's text, as a database made by the last knead has it.
        try journal.dbPool.writeWithoutTransaction { db in
            try db.inTransaction {
                let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
                try db.execute(sql: "PRAGMA writable_schema = ON")
                for check in Schema.listChecks {
                    try db.execute(sql: "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
                                   arguments: [check.comparisons, check.list, check.table])
                }
                try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
                try db.execute(sql: "PRAGMA writable_schema = OFF")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v15-checks-without-lists'")
                try db.execute(sql: "PRAGMA user_version = 14")
                return .commit
            }
        }
        #expect(try Self.opcodes(journal, Self.savingStatements[0]).contains("OpenEphemeral"))
        try journal.close()

        journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        defer { try? journal.close() }
        #expect(try journal.fetchRawStrings("PRAGMA user_version") == ["15"])
        #expect(try journal.fetchRawStrings("PRAGMA integrity_check") == ["ok"])
        let tables = try journal.fetchRawStrings("SELECT sql FROM sqlite_schema WHERE name IN ('sessions', 'sync_outbox')").joined()
        for check in Schema.listChecks {
            #expect(tables.contains(check.comparisons))
            #expect(!tables.contains(check.list))
        }
        #expect(try !Self.opcodes(journal, Self.savingStatements[0]).contains("OpenEphemeral"))
        #expect(try journal.fetchRawStrings("SELECT kind || ':' || position FROM sync_outbox ORDER BY position") == outbox)
        #expect(try journal.events(of: SessionID("before")) == events)
        // And it still saves.
        _ = try run(try wholeSession(), in: SessionID("after"), journal: journal, clock: clock)
    }

    @Test("A database already rewritten (its record of the migration lost) is left as it is")
    func alreadyRewritten() throws {
        let temp = try TemporaryFolder()
        var journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let before = try journal.fetchRawStrings("SELECT name || ifnull(sql, '') FROM sqlite_schema ORDER BY name")
        try journal.executeRawSQL("DELETE FROM grdb_migrations WHERE identifier = 'v15-checks-without-lists'; PRAGMA user_version = 14")
        try journal.close()
        journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        defer { try? journal.close() }
        #expect(try journal.fetchRawStrings("PRAGMA user_version") == ["15"])
        #expect(try journal.fetchRawStrings("SELECT name || ifnull(sql, '') FROM sqlite_schema ORDER BY name") == before)
    }

    @Test("A table not as knead made it keeps its check, and the upgrade goes on")
    func strangeTableKept() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE sessions (id TEXT PRIMARY KEY, phase TEXT CHECK (phase IN ('a', 'b', 'c')));
                CREATE TABLE sync_outbox (position INTEGER PRIMARY KEY, kind TEXT);
                """)
            let before = try String.fetchAll(db, sql: "SELECT name || ifnull(sql, '') FROM sqlite_schema ORDER BY name")
            try Schema.v15ChecksWithoutLists(db)
            #expect(try String.fetchAll(db, sql: "SELECT name || ifnull(sql, '') FROM sqlite_schema ORDER BY name") == before)
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == 15)
        }
    }
}
