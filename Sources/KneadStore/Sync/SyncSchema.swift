import GRDB

/// The local tables of clinic sync: who this knead is, what waits to be sent, where each pull
/// stopped, which sessions and client versions came from other kneads.
///
/// Triggers fill the outbox as the journal writes, so nothing in the app's write path knows of
/// sync, and a row written while a pull is applying (`sync_pulling` holds a row only inside
/// that transaction) is not sent back. Outbox positions are an `INTEGER PRIMARY KEY`, which
/// VACUUM keeps, so the push cursor stays right after any rewrite of the file.
enum SyncSchema {
    static func vSyncState(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_identity (
                only INTEGER PRIMARY KEY CHECK (only = 1),
                knead_id TEXT NOT NULL
            );
            INSERT INTO sync_identity (only, knead_id) VALUES (1, lower(hex(randomblob(16))));

            CREATE TABLE sync_cursors (name TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL);
            CREATE TABLE sync_pulling (only INTEGER PRIMARY KEY CHECK (only = 1));

            CREATE TABLE sync_outbox (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL CHECK (kind IN ('session', 'event', 'client_version')),
                session_id TEXT,
                seq INTEGER,
                version_id TEXT
            );

            CREATE TABLE sync_client_versions (
                version_id TEXT PRIMARY KEY NOT NULL,
                client_id TEXT NOT NULL,
                base_id TEXT,
                merges TEXT NOT NULL DEFAULT '',
                at REAL NOT NULL,
                record TEXT NOT NULL,
                author TEXT
            );
            CREATE INDEX sync_client_versions_by_client ON sync_client_versions(client_id);

            CREATE TABLE sync_members (knead_id TEXT PRIMARY KEY NOT NULL, therapist TEXT NOT NULL);
            CREATE TABLE sync_foreign_sessions (session_id TEXT PRIMARY KEY NOT NULL, owner TEXT NOT NULL);
            CREATE TABLE sync_refused (position INTEGER PRIMARY KEY, reason TEXT NOT NULL, at REAL NOT NULL);
            CREATE TABLE sync_log (
                only INTEGER PRIMARY KEY CHECK (only = 1),
                last_success REAL,
                offline_since REAL,
                last_error TEXT
            );
            INSERT INTO sync_log (only) VALUES (1);

            -- What this knead holds already waits to be sent, in the order it was written.
            INSERT INTO sync_client_versions (version_id, client_id, at, record)
                SELECT lower(hex(randomblob(16))), client_id, at, record FROM client_changes ORDER BY rowid;
            UPDATE sync_client_versions SET base_id = (
                SELECT p.version_id FROM sync_client_versions p
                WHERE p.client_id = sync_client_versions.client_id AND p.rowid < sync_client_versions.rowid
                ORDER BY p.rowid DESC LIMIT 1);
            INSERT INTO sync_outbox (kind, version_id) SELECT 'client_version', version_id FROM sync_client_versions ORDER BY rowid;
            INSERT INTO sync_outbox (kind, session_id) SELECT 'session', id FROM sessions ORDER BY started_at, id;
            INSERT INTO sync_outbox (kind, session_id, seq) SELECT 'event', session_id, seq FROM events ORDER BY rowid;

            CREATE TRIGGER sync_outbox_session AFTER INSERT ON sessions
            WHEN NOT EXISTS (SELECT 1 FROM sync_pulling)
            BEGIN
                INSERT INTO sync_outbox (kind, session_id) VALUES ('session', NEW.id);
            END;

            CREATE TRIGGER sync_outbox_event AFTER INSERT ON events
            WHEN NOT EXISTS (SELECT 1 FROM sync_pulling)
            BEGIN
                INSERT INTO sync_outbox (kind, session_id, seq) VALUES ('event', NEW.session_id, NEW.seq);
            END;

            -- A saved version names the newest version this knead knew of the client (its base) and
            -- every other version nobody had built on yet (merged): two versions on one base are
            -- two edits made apart, flagged until a later save merges them.
            CREATE TRIGGER sync_outbox_client_version AFTER INSERT ON client_changes
            WHEN NOT EXISTS (SELECT 1 FROM sync_pulling)
            BEGIN
                INSERT INTO sync_client_versions (version_id, client_id, base_id, merges, at, record)
                VALUES (
                    lower(hex(randomblob(16))), NEW.client_id,
                    (SELECT version_id FROM sync_client_versions WHERE client_id = NEW.client_id
                     ORDER BY at DESC, version_id DESC LIMIT 1),
                    coalesce((SELECT group_concat(h.version_id, ',') FROM sync_client_versions h
                     WHERE h.client_id = NEW.client_id
                       AND h.version_id <> (SELECT version_id FROM sync_client_versions WHERE client_id = NEW.client_id
                                            ORDER BY at DESC, version_id DESC LIMIT 1)
                       AND NOT EXISTS (SELECT 1 FROM sync_client_versions s WHERE s.client_id = h.client_id
                                       AND (s.base_id = h.version_id OR instr(',' || s.merges || ',', ',' || h.version_id || ',') > 0))), ''),
                    NEW.at, NEW.record);
                INSERT INTO sync_outbox (kind, version_id)
                VALUES ('client_version', (SELECT version_id FROM sync_client_versions WHERE rowid = last_insert_rowid()));
            END;

            PRAGMA user_version = 10;
            """)
    }
}
