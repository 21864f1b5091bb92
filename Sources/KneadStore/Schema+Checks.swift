import GRDB

extension Schema {
    /// A CHECK written with `IN (…)` costs every row it checks a temporary table.
    ///
    /// SQLite builds a list of three or more values into an ephemeral table each time the
    /// constraint runs, with a page cache of its own: on a check-in that was a tenth of the save's
    /// time, for the outbox row every event gets. This migration rewrites the two such CHECKs
    /// (`sessions.phase`, `sync_outbox.kind`) as the same test spelled with `=` and `OR`, which
    /// SQLite compares in place. The values allowed are the same, NULL included (both spellings
    /// let NULL through, which NOT NULL then refuses).
    ///
    /// The change is to the schema's text only, by the procedure SQLite's documentation gives for
    /// changing a CHECK (ALTER TABLE, "Making Other Kinds Of Table Schema Changes"): no row is
    /// copied, and the rows already there satisfy the new text because they satisfied the old.
    /// A table whose text is not as knead made it, or a SQLite that refuses the edit, keeps its
    /// check as it was: the upgrade goes on, only slower saves are at stake.
    static let listChecks: [(table: String, list: String, comparisons: String)] = [
        ("sessions",
         "CHECK (phase IN ('assessment', 'treatment', 'aftercare', 'signed'))",
         "CHECK (phase = 'assessment' OR phase = 'treatment' OR phase = 'aftercare' OR phase = 'signed')"),
        ("sync_outbox",
         "CHECK (kind IN ('session', 'event', 'client_version'))",
         "CHECK (kind = 'session' OR kind = 'event' OR kind = 'client_version')"),
    ]

    static func v15ChecksWithoutLists(_ db: Database) throws {
        var texts: [(table: String, sql: String)] = []
        for check in listChecks {
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
                                          arguments: [check.table]) ?? ""
            let lists = sql.components(separatedBy: check.list).count - 1
            let comparisons = sql.components(separatedBy: check.comparisons).count - 1
            // Already rewritten (a database whose migration record was lost): nothing to do.
            if lists == 0, comparisons == 1 { continue }
            // A table not as knead made it keeps its check as it is: only the speed is at stake.
            guard lists == 1, comparisons == 0 else { continue }
            texts.append((check.table, sql.replacingOccurrences(of: check.list, with: check.comparisons)))
        }
        if !texts.isEmpty { try rewriteTables(texts, db) }
        try db.execute(sql: "PRAGMA user_version = 15")
    }

    /// Puts each table's new text in the schema, or, when SQLite refuses schema edits (defensive
    /// mode), leaves them all as they were, in a savepoint, so that knead still opens.
    private static func rewriteTables(_ texts: [(table: String, sql: String)], _ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "SAVEPOINT v15_checks")
        do {
            try db.execute(sql: "PRAGMA writable_schema = ON")
            for text in texts {
                try db.execute(sql: "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
                               arguments: [text.sql, text.table])
            }
            // A new schema version makes every connection read the schema again.
            try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
            try db.execute(sql: "PRAGMA writable_schema = OFF")
            try db.execute(sql: "RELEASE v15_checks")
        } catch {
            try? db.execute(sql: "PRAGMA writable_schema = OFF")
            try db.execute(sql: "ROLLBACK TO v15_checks")
            try db.execute(sql: "RELEASE v15_checks")
        }
    }
}
