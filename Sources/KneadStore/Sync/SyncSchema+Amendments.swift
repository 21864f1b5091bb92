import GRDB

extension SyncSchema {
    /// Amendments written on another machine than the session's owner (migration
    /// `v11-clinic-amendments`).
    ///
    /// A session's `seq` numbers belong to the knead that started it: only that knead appends to
    /// `events`. An amendment made elsewhere (another therapist amending a signed session pulled
    /// from the clinic record) gets its own global id and lives here, on the machine that wrote it
    /// and on every machine that pulls it, the owner's included; the owner's events are never
    /// renumbered or joined by a row it did not write. Reading a session merges these rows in by
    /// time after the signature. Rows are never changed or deleted.
    static func vClinicAmendments(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE clinic_amendments (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                session_id TEXT NOT NULL REFERENCES sessions(id),
                at REAL NOT NULL,
                payload TEXT NOT NULL,
                author TEXT
            );
            CREATE INDEX clinic_amendments_by_session ON clinic_amendments(session_id, at);
            CREATE TRIGGER clinic_amendments_no_update BEFORE UPDATE ON clinic_amendments
            BEGIN SELECT RAISE(ABORT, 'amendments cannot be changed'); END;
            CREATE TRIGGER clinic_amendments_no_delete BEFORE DELETE ON clinic_amendments
            BEGIN SELECT RAISE(ABORT, 'amendments cannot be deleted'); END;
            PRAGMA user_version = 11;
            """)
    }
}
