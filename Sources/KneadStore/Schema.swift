import GRDB

/// The database schema, built step by step by GRDB's migrator.
///
/// Times are stored as REAL seconds since 2001-01-01 00:00:00 UTC, Foundation's reference date,
/// because that is how a Swift `Date` holds them: they round-trip bit for bit, which seconds
/// since 1970 do not (the 978,307,200 s offset costs the lowest bit). In SQL a time reads as
/// `datetime(at + 978307200, 'unixepoch')`.
enum Schema {
    /// The schema version this build writes, also kept in `PRAGMA user_version`.
    static let version = 4

    /// The migrator: one registered migration per schema version, never edited once released.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2-client-records", migrate: v2ClientRecords)
        migrator.registerMigration("v3-review-indices", migrate: v3ReviewIndices)
        migrator.registerMigration("v-sync-state", migrate: SyncSchema.vSyncState)
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE clients (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                preferred_name TEXT,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL
            );

            CREATE TABLE sessions (
                id TEXT PRIMARY KEY NOT NULL,
                client_id TEXT NOT NULL REFERENCES clients(id),
                client_name TEXT NOT NULL,
                started_at REAL NOT NULL,
                planned_minutes INTEGER NOT NULL,
                phase TEXT NOT NULL CHECK (phase IN ('assessment', 'treatment', 'aftercare', 'signed')),
                updated_at REAL NOT NULL
            );
            CREATE INDEX sessions_by_start ON sessions(started_at);
            CREATE INDEX sessions_by_client ON sessions(client_id, started_at);

            CREATE TABLE events (
                session_id TEXT NOT NULL REFERENCES sessions(id),
                seq INTEGER NOT NULL,
                at REAL NOT NULL,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (session_id, seq)
            );

            CREATE TRIGGER events_signed_no_update BEFORE UPDATE ON events
            WHEN EXISTS (SELECT 1 FROM events WHERE session_id = OLD.session_id AND type = 'signed')
            BEGIN
                SELECT RAISE(ABORT, 'signed session events cannot be changed');
            END;

            CREATE TRIGGER events_signed_no_delete BEFORE DELETE ON events
            WHEN EXISTS (SELECT 1 FROM events WHERE session_id = OLD.session_id AND type = 'signed')
            BEGIN
                SELECT RAISE(ABORT, 'signed session events cannot be changed');
            END;

            CREATE TRIGGER events_signed_only_amendments BEFORE INSERT ON events
            WHEN NEW.type <> 'amended'
                AND EXISTS (SELECT 1 FROM events WHERE session_id = NEW.session_id AND type = 'signed')
            BEGIN
                SELECT RAISE(ABORT, 'signed session accepts only amendments');
            END;

            CREATE TRIGGER sessions_signed_no_delete BEFORE DELETE ON sessions
            WHEN EXISTS (SELECT 1 FROM events WHERE session_id = OLD.id AND type = 'signed')
            BEGIN
                SELECT RAISE(ABORT, 'signed sessions cannot be deleted');
            END;

            CREATE VIRTUAL TABLE note_search USING fts5(
                session_id UNINDEXED,
                seq UNINDEXED,
                text,
                tokenize = 'unicode61 remove_diacritics 2'
            );

            PRAGMA user_version = 1;
            """)
    }

    /// Client records: the whole record as JSON beside the name columns, and every saved version
    /// kept with its time in an append-only table.
    private static func v2ClientRecords(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE clients ADD COLUMN record TEXT;
            ALTER TABLE clients ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;

            CREATE TABLE client_changes (
                client_id TEXT NOT NULL REFERENCES clients(id),
                at REAL NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX client_changes_by_client ON client_changes(client_id, at);

            CREATE TRIGGER client_changes_no_update BEFORE UPDATE ON client_changes
            BEGIN
                SELECT RAISE(ABORT, 'client record history cannot be changed');
            END;

            CREATE TRIGGER client_changes_no_delete BEFORE DELETE ON client_changes
            BEGIN
                SELECT RAISE(ABORT, 'client record history cannot be changed');
            END;

            PRAGMA user_version = 2;
            """)
    }

    /// Indices for the day review and start-up on a practice's years of records: the unfinished
    /// sessions the today screen lists, found without reading every session.
    private static func v3ReviewIndices(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX sessions_unfinished ON sessions(started_at) WHERE phase <> 'signed';

            PRAGMA user_version = 3;
            """)
    }

    /// The trigger messages that mean "this session is signed", as SQLite reports them.
    static let signedSessionMessages: Set<String> = [
        "signed session events cannot be changed",
        "signed session accepts only amendments",
        "signed sessions cannot be deleted",
    ]
}
