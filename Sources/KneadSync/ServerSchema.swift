import Foundation

/// Knead's tables on the clinic server, built by knead's own versioned migrations.
///
/// Each migration runs once, in order, in one transaction, under an advisory lock so that two
/// kneads starting at once do not both run it; `knead_schema` records which ran. A server whose
/// highest version is above ``version`` was set up by a newer knead: this one refuses to sync.
enum ServerSchema {
    /// The highest server schema version this knead knows.
    static let version = 1

    /// The advisory lock key every knead takes while migrating or pushing ("knead" in ASCII).
    static let lockKey = "482131157348"

    /// The migrations, by version, never edited once released.
    static let migrations: [(version: Int, name: String, sql: String)] = [(1, "v1-clinic-record", v1)]

    /// Brings the server's schema up to date, or refuses a newer one.
    static func prepare(_ server: ClinicServerConnection) throws {
        try server.execute("BEGIN")
        do {
            try server.query("SELECT pg_advisory_xact_lock($1::bigint)", [lockKey])
            let exists = try server.query("SELECT to_regclass('knead_schema') IS NOT NULL").first?.first ?? nil
            var current = 0
            if exists == "t" {
                current = Int(try server.query("SELECT coalesce(max(version), 0) FROM knead_schema").first?.first?.flatMap { $0 } ?? "0") ?? 0
            }
            if current > version { throw SyncError.newerServerSchema(server: current, known: version) }
            for migration in migrations where migration.version > current {
                try server.execute(migration.sql)
                try server.query("INSERT INTO knead_schema (version, name) VALUES ($1, $2)",
                                 [String(migration.version), migration.name])
            }
            try server.execute("COMMIT")
        } catch {
            try? server.execute("ROLLBACK")
            throw error
        }
    }

    /// The clinic record: members (one per knead), client record versions, sessions, events and
    /// amendments from other machines, each row with a server-assigned position for resumable pull.
    ///
    /// Rows are never updated or deleted (triggers); an event of another knead's session is
    /// refused (`knead.member`, set per transaction, must own the session); after a `signed`
    /// event only `amended` events follow.
    static let v1 = """
        CREATE TABLE knead_schema (
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE SEQUENCE knead_position;

        CREATE TABLE knead_members (
            knead_id text PRIMARY KEY,
            therapist text NOT NULL,
            first_seen timestamptz NOT NULL DEFAULT now(),
            position bigint NOT NULL DEFAULT nextval('knead_position') UNIQUE
        );

        CREATE TABLE client_versions (
            version_id text PRIMARY KEY,
            client_id text NOT NULL,
            base_id text,
            merges text NOT NULL DEFAULT '',
            at double precision NOT NULL,
            record text NOT NULL,
            author text NOT NULL REFERENCES knead_members(knead_id),
            position bigint NOT NULL DEFAULT nextval('knead_position') UNIQUE
        );
        CREATE INDEX client_versions_by_client ON client_versions (client_id);

        CREATE TABLE sessions (
            id text PRIMARY KEY,
            client_id text NOT NULL,
            client_name text NOT NULL,
            started_at double precision NOT NULL,
            planned_minutes integer NOT NULL,
            owner text NOT NULL REFERENCES knead_members(knead_id),
            position bigint NOT NULL DEFAULT nextval('knead_position') UNIQUE
        );
        CREATE INDEX sessions_by_start ON sessions (started_at);

        CREATE TABLE events (
            session_id text NOT NULL REFERENCES sessions(id),
            seq integer NOT NULL,
            at double precision NOT NULL,
            type text NOT NULL,
            payload text NOT NULL,
            extra jsonb NOT NULL DEFAULT '{}',
            position bigint NOT NULL DEFAULT nextval('knead_position') UNIQUE,
            PRIMARY KEY (session_id, seq)
        );

        -- An amendment written on another machine than the session's owner: its own global id,
        -- never a seq in the owner's numbering.
        CREATE TABLE amendments (
            id text PRIMARY KEY,
            session_id text NOT NULL REFERENCES sessions(id),
            at double precision NOT NULL,
            payload text NOT NULL,
            author text NOT NULL REFERENCES knead_members(knead_id),
            position bigint NOT NULL DEFAULT nextval('knead_position') UNIQUE
        );

        CREATE FUNCTION knead_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = 'KN001',
                MESSAGE = 'the clinic record is append-only: ' || TG_TABLE_NAME || ' rows cannot be changed or deleted';
        END $$;

        CREATE FUNCTION knead_event_rules() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            owner_id text;
        BEGIN
            -- An event sent again (a push resumed after a kill) is skipped here, before the rules:
            -- BEFORE triggers run ahead of ON CONFLICT, and a signed session would refuse it.
            IF EXISTS (SELECT 1 FROM events WHERE session_id = NEW.session_id AND seq = NEW.seq) THEN
                RETURN NULL;
            END IF;
            SELECT owner INTO owner_id FROM sessions WHERE id = NEW.session_id;
            IF owner_id IS DISTINCT FROM current_setting('knead.member', true) THEN
                RAISE EXCEPTION USING ERRCODE = 'KN002',
                    MESSAGE = 'a session is written only by the knead that started it';
            END IF;
            IF NEW.type <> 'amended' AND EXISTS (
                SELECT 1 FROM events WHERE session_id = NEW.session_id AND type = 'signed') THEN
                RAISE EXCEPTION USING ERRCODE = 'KN003',
                    MESSAGE = 'signed session accepts only amendments';
            END IF;
            RETURN NEW;
        END $$;

        CREATE FUNCTION knead_session_rules() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.owner IS DISTINCT FROM current_setting('knead.member', true) THEN
                RAISE EXCEPTION USING ERRCODE = 'KN002',
                    MESSAGE = 'a session is written only by the knead that started it';
            END IF;
            RETURN NEW;
        END $$;

        CREATE FUNCTION knead_amendment_rules() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM events WHERE session_id = NEW.session_id AND type = 'signed') THEN
                RAISE EXCEPTION USING ERRCODE = 'KN004',
                    MESSAGE = 'only a signed session takes amendments from another machine';
            END IF;
            RETURN NEW;
        END $$;

        CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION knead_append_only();
        CREATE TRIGGER events_rules BEFORE INSERT ON events
            FOR EACH ROW EXECUTE FUNCTION knead_event_rules();
        CREATE TRIGGER sessions_append_only BEFORE UPDATE OR DELETE ON sessions
            FOR EACH ROW EXECUTE FUNCTION knead_append_only();
        CREATE TRIGGER sessions_rules BEFORE INSERT ON sessions
            FOR EACH ROW EXECUTE FUNCTION knead_session_rules();
        CREATE TRIGGER client_versions_append_only BEFORE UPDATE OR DELETE ON client_versions
            FOR EACH ROW EXECUTE FUNCTION knead_append_only();
        CREATE TRIGGER amendments_append_only BEFORE UPDATE OR DELETE ON amendments
            FOR EACH ROW EXECUTE FUNCTION knead_append_only();
        CREATE TRIGGER amendments_rules BEFORE INSERT ON amendments
            FOR EACH ROW EXECUTE FUNCTION knead_amendment_rules();
        CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION knead_append_only();
        """
}
