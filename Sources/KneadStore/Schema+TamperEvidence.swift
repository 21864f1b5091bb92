import Foundation
import GRDB

extension Schema {
    /// The `sessions` row of a signed session is locked like its events: its client, times,
    /// length and phase cannot change, and a session with a `signed` event cannot be listed as
    /// unfinished. Only `updated_at` moves (an amendment touches it). Rows whose phase a hand
    /// edit had already moved away from `signed` are put back first, from their events.
    static func v4SignedSessionRows(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE sessions SET phase = 'signed'
            WHERE phase <> 'signed' AND id IN (SELECT session_id FROM events WHERE type = 'signed');

            CREATE TRIGGER sessions_signed_no_update BEFORE UPDATE ON sessions
            WHEN (OLD.phase = 'signed' AND (NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id
                    OR NEW.client_name IS NOT OLD.client_name OR NEW.started_at IS NOT OLD.started_at
                    OR NEW.planned_minutes IS NOT OLD.planned_minutes OR NEW.phase IS NOT OLD.phase))
                OR (NEW.phase <> 'signed' AND EXISTS (SELECT 1 FROM events WHERE session_id = OLD.id AND type = 'signed'))
            BEGIN
                SELECT RAISE(ABORT, 'a signed session''s row cannot be changed');
            END;

            PRAGMA user_version = 4;
            """)
    }

    /// Tamper evidence: every event and client record version carries the hash of its content
    /// and a chain hash (its content joined to the chain hash of the entry before it: per
    /// session for events, per client for records); a ledger chains the start of every session
    /// this machine recorded, so a whole session removed is found. Existing entries are hashed
    /// here, in the order knead wrote them (the locks on signed events are lifted for that and
    /// put back as they were).
    static func v5TamperEvidence(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE events ADD COLUMN content_hash TEXT;
            ALTER TABLE events ADD COLUMN hash TEXT;
            ALTER TABLE client_changes ADD COLUMN content_hash TEXT;
            ALTER TABLE client_changes ADD COLUMN hash TEXT;

            CREATE TABLE session_ledger (
                position INTEGER PRIMARY KEY,
                session_id TEXT NOT NULL UNIQUE,
                start_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE TRIGGER session_ledger_no_update BEFORE UPDATE ON session_ledger
            BEGIN
                SELECT RAISE(ABORT, 'the session ledger cannot be changed');
            END;
            CREATE TRIGGER session_ledger_no_delete BEFORE DELETE ON session_ledger
            BEGIN
                SELECT RAISE(ABORT, 'the session ledger cannot be changed');
            END;

            CREATE TABLE journal_checks (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                events_through INTEGER NOT NULL,
                client_changes_through INTEGER NOT NULL,
                ledger_through INTEGER NOT NULL,
                ledger_hash TEXT NOT NULL
            );

            DROP TRIGGER events_signed_no_update;
            DROP TRIGGER client_changes_no_update;
            """)

        let events = try Row.fetchCursor(db, sql: """
            SELECT session_id, seq, at, type, CAST(payload AS BLOB) FROM events ORDER BY session_id, seq
            """)
        var previous: (session: String, chain: String)?
        var updates: [(String, Int, String, String)] = []
        while let row = try events.next() {
            let session: String = row[0]
            let seq: Int = row[1]
            let content = JournalHash.event(session: session, seq: seq, at: row[2] ?? 0, type: row[3] ?? "",
                                            payload: String(decoding: (row[4] as Data?) ?? Data(), as: UTF8.self))
            let prior = previous?.session == session ? previous?.chain ?? JournalHash.genesis : JournalHash.genesis
            let chain = JournalHash.chain(previous: prior, content: content)
            updates.append((session, seq, content, chain))
            previous = (session, chain)
        }
        for (session, seq, content, chain) in updates {
            try db.execute(sql: "UPDATE events SET content_hash = ?, hash = ? WHERE session_id = ? AND seq = ?",
                           arguments: [content, chain, session, seq])
        }

        let versions = try Row.fetchAll(db, sql: """
            SELECT rowid, client_id, at, CAST(record AS BLOB) FROM client_changes ORDER BY client_id, rowid
            """)
        var lastClient: (id: String, chain: String)?
        for row in versions {
            let client: String = row[1]
            let content = JournalHash.clientVersion(client: client, at: row[2] ?? 0,
                                                    record: String(decoding: (row[3] as Data?) ?? Data(), as: UTF8.self))
            let prior = lastClient?.id == client ? lastClient?.chain ?? JournalHash.genesis : JournalHash.genesis
            let chain = JournalHash.chain(previous: prior, content: content)
            try db.execute(sql: "UPDATE client_changes SET content_hash = ?, hash = ? WHERE rowid = ?",
                           arguments: [content, chain, row[0] as Int64])
            lastClient = (client, chain)
        }

        let starts = try Row.fetchAll(db, sql: """
            SELECT s.id, e.content_hash FROM sessions s LEFT JOIN events e ON e.session_id = s.id AND e.seq = 1
            ORDER BY s.started_at, s.id
            """)
        for row in starts {
            try JournalSeal.ledger(session: row[0], startHash: row[1] ?? JournalHash.genesis, db)
        }

        try db.execute(sql: """
            CREATE TRIGGER events_signed_no_update BEFORE UPDATE ON events
            WHEN EXISTS (SELECT 1 FROM events WHERE session_id = OLD.session_id AND type = 'signed')
            BEGIN
                SELECT RAISE(ABORT, 'signed session events cannot be changed');
            END;

            CREATE TRIGGER client_changes_no_update BEFORE UPDATE ON client_changes
            BEGIN
                SELECT RAISE(ABORT, 'client record history cannot be changed');
            END;

            PRAGMA user_version = 5;
            """)
    }
}
