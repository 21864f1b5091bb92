import GRDB

/// The database schema, built step by step by GRDB's migrator.
///
/// Times are stored as REAL seconds since 2001-01-01 00:00:00 UTC, Foundation's reference date,
/// because that is how a Swift `Date` holds them: they round-trip bit for bit, which seconds
/// since 1970 do not (the 978,307,200 s offset costs the lowest bit). In SQL a time reads as
/// `datetime(at + 978307200, 'unixepoch')`.
enum Schema {
    /// The schema version this build writes, also kept in `PRAGMA user_version`.
    static let version = 16

    /// The migrator: one registered migration per schema version, never edited once released.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2-client-records", migrate: v2ClientRecords)
        migrator.registerMigration("v3-review-indices", migrate: v3ReviewIndices)
        migrator.registerMigration("v4-signed-session-rows", migrate: v4SignedSessionRows)
        migrator.registerMigration("v5-tamper-evidence", migrate: v5TamperEvidence)
        migrator.registerMigration("v6-access-log", migrate: v6AccessLog)
        migrator.registerMigration("v7-search-every-word", migrate: v7SearchEveryWord)
        migrator.registerMigration("v8-projections-session-summaries", migrate: v8ProjectionsSessionSummaries)
        migrator.registerMigration("v9-care-plan", migrate: v9CarePlan)
        migrator.registerMigration("v10-sync-state", migrate: SyncSchema.vSyncState)
        migrator.registerMigration("v11-clinic-amendments", migrate: SyncSchema.vClinicAmendments)
        // Foreign keys stay on: the directory references nothing, and a deferred check would read
        // every row of every table once (3 s on the clinic-sized database).
        migrator.registerMigration("v12-client-directory", foreignKeyChecks: .immediate, migrate: v12ClientDirectory)
        migrator.registerMigration("v13-search-prefix-index", foreignKeyChecks: .immediate, migrate: v13SearchPrefixIndex)
        migrator.registerMigration("v14-search-scope", foreignKeyChecks: .immediate, migrate: NoteSearchIndex.migrate)
        migrator.registerMigration("v15-checks-without-lists", foreignKeyChecks: .immediate, migrate: v15ChecksWithoutLists)
        migrator.registerMigration("v16-signed-events-index", foreignKeyChecks: .immediate, migrate: v16SignedEventsIndex)
        return migrator
    }

    /// The triggers that keep a signed session closed ask, at every append and every update of a
    /// session's row, whether the session has a `signed` event. Without an index that is a look-up
    /// of each of the session's events (a check-in late in a long session read them all, twice);
    /// with this one, of the session's signed events only, which are none or one.
    static func v16SignedEventsIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX IF NOT EXISTS events_signed ON events(session_id) WHERE type = 'signed';
            PRAGMA user_version = 16;
            """)
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

    /// The access log: who viewed or copied what, and when. Append-only: triggers refuse any
    /// change or deletion, so an entry, once made, stays as it was made.
    private static func v6AccessLog(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE access_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at REAL NOT NULL,
                who TEXT NOT NULL,
                action TEXT NOT NULL,
                client_id TEXT,
                detail TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX access_log_by_client ON access_log(client_id, at);

            CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
            BEGIN
                SELECT RAISE(ABORT, 'the access log cannot be changed');
            END;

            CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
            BEGIN
                SELECT RAISE(ABORT, 'the access log cannot be changed');
            END;

            PRAGMA user_version = 6;
            """)
    }

    /// The search index covers every word the note shows (issue 13): rebuilt from the events, each
    /// row keyed by its event's rowid, without voided events.
    private static func v7SearchEveryWord(_ db: Database) throws {
        try SQLiteJournal.reindex(db)
        try db.execute(sql: "PRAGMA user_version = 7")
    }

    /// The search index keeps, beside every word, the words' first one, two and three letters:
    /// the search window searches at each key, and a word of one or two letters, the start of
    /// almost every search, matched every word that begins so, whose lists were merged at each
    /// key (1 s for one letter on a clinic's database). The same rows, copied by rowid; FTS5
    /// cannot add a prefix index to an existing table, so the table is made anew.
    /// (Numbered 13: 12 is the client picker's, made at the same time.)
    /// Made the search index anew with prefixes of 1–3 letters. `v14-search-scope`, which came
    /// with it, makes the index anew again with the same prefixes and a scope column, so this one
    /// only keeps its place (a database that ran it is not taken for a newer knead's): copying the
    /// whole index twice cost a clinic's database minutes more at its upgrade.
    private static func v13SearchPrefixIndex(_ db: Database) throws {
        try db.execute(sql: "PRAGMA user_version = 13")
    }

    /// Projections the journal keeps on every append and can rebuild from the events: one summary
    /// row per session (client, start, phase, minutes, pain first and last, regions, flags, ...),
    /// stored by client and start so that a client's visits are one range of the table, with an
    /// index by start for the day review. Any event written past the journal deletes its
    /// session's row (trigger), so a stale summary is never read: readers replay that session.
    /// Built here for the sessions already recorded.
    private static func v8ProjectionsSessionSummaries(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE session_summaries (
                session_id TEXT NOT NULL UNIQUE,
                client_id TEXT NOT NULL,
                started_at REAL NOT NULL,
                planned_minutes INTEGER NOT NULL,
                phase TEXT NOT NULL,
                event_count INTEGER NOT NULL,
                duration_seconds REAL NOT NULL,
                timed_seconds REAL NOT NULL,
                pain_before INTEGER,
                pain_after INTEGER,
                last_check_in INTEGER,
                check_in_count INTEGER NOT NULL,
                regions TEXT NOT NULL,
                techniques TEXT NOT NULL,
                pressures TEXT NOT NULL,
                flags TEXT NOT NULL,
                seconds_by_region TEXT NOT NULL,
                seconds_by_technique TEXT NOT NULL,
                pain_drops TEXT NOT NULL,
                signed_codes TEXT,
                PRIMARY KEY (client_id, started_at, session_id)
            ) WITHOUT ROWID;
            CREATE INDEX session_summaries_by_start ON session_summaries(started_at);

            CREATE TRIGGER session_summaries_stale AFTER INSERT ON events
            BEGIN
                DELETE FROM session_summaries WHERE session_id = NEW.session_id;
            END;

            PRAGMA user_version = 8;
            """)
        try SQLiteJournal.rebuildProjections(db)
    }

    /// Referrals and plans of care: every saved version of each, per client, in append-only
    /// tables like `client_changes`; the latest version is the current one.
    private static func v9CarePlan(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE referral_changes (
                client_id TEXT NOT NULL REFERENCES clients(id),
                at REAL NOT NULL,
                referral TEXT NOT NULL
            );
            CREATE INDEX referral_changes_by_client ON referral_changes(client_id, at);

            CREATE TABLE plan_of_care_changes (
                client_id TEXT NOT NULL REFERENCES clients(id),
                at REAL NOT NULL,
                plan TEXT NOT NULL
            );
            CREATE INDEX plan_of_care_changes_by_client ON plan_of_care_changes(client_id, at);

            CREATE TRIGGER referral_changes_no_update BEFORE UPDATE ON referral_changes
            BEGIN
                SELECT RAISE(ABORT, 'referral history cannot be changed');
            END;
            CREATE TRIGGER referral_changes_no_delete BEFORE DELETE ON referral_changes
            BEGIN
                SELECT RAISE(ABORT, 'referral history cannot be changed');
            END;
            CREATE TRIGGER plan_of_care_changes_no_update BEFORE UPDATE ON plan_of_care_changes
            BEGIN
                SELECT RAISE(ABORT, 'plan of care history cannot be changed');
            END;
            CREATE TRIGGER plan_of_care_changes_no_delete BEFORE DELETE ON plan_of_care_changes
            BEGIN
                SELECT RAISE(ABORT, 'plan of care history cannot be changed');
            END;

            PRAGMA user_version = 9;
            """)
    }

    /// The client directory (see `SQLiteJournal+ClientDirectory.swift`): a narrow row per client
    /// with its search key folded, kept by triggers and the journal's writes, built here for the
    /// clients already recorded.
    private static func v12ClientDirectory(_ db: Database) throws {
        try SQLiteJournal.createClientDirectory(db)
        try db.execute(sql: "PRAGMA user_version = 12")
    }

    /// The trigger messages that mean "this session is signed", as SQLite reports them.
    static let signedSessionMessages: Set<String> = [
        "signed session events cannot be changed",
        "signed session accepts only amendments",
        "signed sessions cannot be deleted",
        "a signed session's row cannot be changed",
    ]
}
