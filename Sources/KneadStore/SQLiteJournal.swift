import Foundation
import GRDB
import GRDBSQLite
import KneadCore
import Synchronization

/// The session journal in one SQLite file: events appended durably, sessions and clients listed.
///
/// Each `append` is one write transaction; when it returns, the events are on disk (WAL with
/// `synchronous=FULL`), or, with ``overlapsSync`` on, committed with their sync queued, and on
/// disk when ``waitUntilSaved()`` returns (as is every other commit then). Events of a signed
/// session are locked by database triggers.
public final class SQLiteJournal: SessionJournal {
    /// The open database and what is known about its files; replaced when knead puts files back.
    let files: Mutex<OpenDatabase>
    /// The connection: one read-write queue for the app (see KneadDatabase), a read-only queue for the records commands.
    /// Internal so that tests can reach the raw database.
    var dbPool: any DatabaseWriter { files.withLock { $0.pool } }
    let clock: any Clock
    /// Where the data lives, for putting the files back when they are moved under an open journal.
    let location: DataLocation
    let sparePages: Int?
    /// States of the sessions appended to lately, for keeping their summaries (see Projections).
    let recentStates = RecentSessionStates()
    /// What the last append left known for the next one (see ``LastAppend``).
    let lastAppend = Mutex<LastAppend?>(nil)
    /// How many appends read their start from the database (for tests).
    let appendStartReads = Mutex(0)
    /// Sessions whose summary row an append left to be written later (see ``writeDeferredSummaries()``).
    let deferredSummaryRows = Mutex<Set<SessionID>>([])
    /// Syncs left to the connection's queue while the app draws (see ``SyncOverlap``).
    let syncOverlap = Mutex(SyncOverlap())

    /// The path of the database file.
    public let databasePath: String

    /// Whether this journal was opened only to read (the records commands): it never writes,
    /// checkpoints or puts files back.
    let isReadOnly: Bool

    /// - Parameter path: the database file, when the connection was opened through a URI
    ///   (`file:…?immutable=1`) whose path is not the file's.
    private init(dbPool: any DatabaseWriter, clock: any Clock, location: DataLocation, sparePages: Int?,
                 readOnly: Bool = false, path: String? = nil) {
        self.files = Mutex(OpenDatabase(pool: dbPool))
        self.isReadOnly = readOnly
        self.clock = clock
        self.location = location
        self.sparePages = sparePages
        self.databasePath = path ?? dbPool.path
    }

    /// Opens the journal at a data location, creating the folder and the database as needed.
    ///
    /// - Parameter clock: gives the times stored in `created_at`/`updated_at` columns.
    /// - Throws: ``StoreError`` when the folder or file cannot be used as they are.
    /// - Parameter sparePages: for tests only (`KNEAD_DEV_PAGE_LIMIT`): caps the file at its size
    ///   plus that many pages, so that a full disk can be tried without filling one.
    /// - Parameter upgrading: called before migrations run on an existing database (see
    ///   `KneadDatabase.open`), so that a long upgrade can be announced.
    public static func open(at location: DataLocation, clock: any Clock,
                            sparePages: Int? = nil, upgrading: () -> Void = {}) throws -> SQLiteJournal {
        SQLiteJournal(dbPool: try KneadDatabase.open(at: location, sparePages: sparePages, upgrading: upgrading), clock: clock,
                      location: location, sparePages: sparePages)
    }

    /// Opens an existing journal only to read it (the records commands): no byte of any file
    /// changes, nothing is migrated, and a file that is not knead's, or empty, is refused.
    public static func openForReading(at location: DataLocation, clock: any Clock) throws -> SQLiteJournal {
        SQLiteJournal(dbPool: try KneadDatabase.openForReading(at: location), clock: clock,
                      location: location, sparePages: nil, readOnly: true, path: location.databaseFile.path)
    }

    /// Opens the journal in a data folder, creating the folder and the database as needed.
    public static func open(folder: URL, clock: any Clock) throws -> SQLiteJournal {
        try open(at: DataLocation(folder: folder), clock: clock)
    }

    /// Closes the database, first putting back files moved under it and moving everything the
    /// WAL holds into `knead.sqlite`, so that the one file is the whole data. Later calls fail.
    public func close() throws {
        if !isReadOnly {
            _ = restoreFilesIfMoved()
            try? writeDeferredSummaries()
        }
        // The WAL hook points at this journal: off before the connection goes.
        if overlapsSync { overlapsSync = false }
        if !isReadOnly { try? checkpoint() }
        try translate { try dbPool.close() }
    }

    // MARK: - Appending

    public func append(_ events: [SessionEvent], to session: SessionID) throws {
        guard let first = events.first else { return }
        let now = clock.now().timeIntervalSinceReferenceDate
        try checkBeforeWriting()
        let writer = dbPool
        let overlapping = syncOverlap.withLock { $0.enabled }
        defer { if !overlapping { noteCommit() } }  // with overlap on, the WAL hook counts it
        // Taken out: an append that fails leaves nothing known.
        let cached = lastAppend.withLock { last in
            defer { last = nil }
            return last
        }
        var next: AppendStart?
        var committedVersion: UInt32?
        let state = try translate(session: session) {
            try transaction(writer, committed: { db in committedVersion = Self.dataVersion(db) }) { db -> SessionState? in
                let known: AppendStart
                if let cached, cached.session == session, let version = Self.dataVersion(db), version == cached.dataVersion {
                    known = cached.start
                } else {
                    known = try AppendStart.read(session, db)
                    appendStartReads.withLock { $0 += 1 }
                }
                if let ownerID = known.ownerID {
                    try appendElsewhere(events, to: session, owner: try therapist(ofKnead: ownerID, db), db)
                    return nil
                }
                var phase = try known.phase(of: session)
                if phase == nil {
                    guard case .started(let start) = first.change else { throw StoreError.unknownSession(session) }
                    try insertIfNew(start.client, now: now, db)
                    try db.execute(sql: """
                        INSERT INTO sessions (id, client_id, client_name, started_at, planned_minutes, phase, updated_at)
                        VALUES (?, ?, CAST(? AS TEXT), ?, ?, ?, ?)
                        """, arguments: [session.rawValue, start.client.id.rawValue, exactBytes(start.client.name),
                                         first.at.timeIntervalSinceReferenceDate, start.plannedMinutes,
                                         Phase.assessment.rawValue, now])
                    phase = .assessment
                } else if case .started = first.change {
                    throw StoreError.alreadyStarted(session)
                }
                var seq = known.lastSeq ?? 0
                var previous = known.lastHash ?? JournalHash.genesis
                var state = try recentStates.take(session, eventCount: seq) ?? Self.replay(session, db)
                let phaseBefore = phase
                for (index, event) in events.enumerated() {
                    if index > 0, case .started = event.change { throw StoreError.alreadyStarted(session) }
                    seq += 1
                    previous = try insert(event, seq: seq, into: session, after: previous, db)
                    phase = phase?.after(event.change)
                    state.evolve(event)
                }
                try Self.touch(session, phase: phase ?? .assessment, changed: phase != phaseBefore, now: now, db)
                // In the app the summary row waits for a quiet moment (the trigger on events has
                // removed the old one; a reader replays the session meanwhile).
                if overlapping {
                    deferredSummaryRows.withLock { _ = $0.insert(session) }
                } else {
                    try Self.project(state, db)
                }
                next = AppendStart(ownerID: nil, phaseName: (phase ?? .assessment).rawValue, lastSeq: seq, lastHash: previous)
                return state
            }
        }
        // Its sync is queued (the WAL hook): let the queue's thread start it now. On one
        // processor it would otherwise wait for this thread to block, which is at the wait,
        // after the drawing it should overlap.
        if overlapping { sched_yield() }
        if let state { recentStates.keep(state) }
        if let next, let committedVersion {
            lastAppend.withLock { $0 = LastAppend(session: session, dataVersion: committedVersion, start: next) }
        }
    }

    /// What an append leaves known for the next one to the same session: the session's owner,
    /// phase, last event number and chain hash, as its commit wrote them. It holds only while the
    /// database's data version is the one read just after that commit. SQLite moves that version
    /// on at every commit into the file, by this connection or any other, so an equal version
    /// means nothing was written since, and the next append need not read them again (a check-in
    /// saves one statement).
    struct LastAppend: Sendable {
        var session: SessionID
        var dataVersion: UInt32
        var start: AppendStart
    }

    /// The database's data version as the connection sees it (`SQLITE_FCNTL_DATA_VERSION`).
    static func dataVersion(_ db: Database) -> UInt32? {
        var version: UInt32 = 0
        return sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_DATA_VERSION, &version) == SQLITE_OK ? version : nil
    }

    /// Runs `body` in one write transaction, like GRDB's `write`, with its BEGIN and COMMIT kept
    /// prepared: GRDB prepares them anew for every transaction, which was a twentieth of a
    /// check-in's save. The transaction is rolled back when `body` or the commit throws.
    ///
    /// - Parameter committed: run on the connection just after the commit.
    func transaction<T>(_ writer: any DatabaseWriter, committed: ((Database) -> Void)? = nil,
                        _ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
            do {
                let result = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                committed?(db)
                return result
            } catch {
                if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
                throw error
            }
        }
    }

    /// Writes a session's row after an append: its phase, and the time of the append. The phase
    /// is written only when it changed, so that the index of unfinished sessions (which the phase
    /// decides) is not rewritten at every check-in; the row holds the same either way.
    static func touch(_ session: SessionID, phase: Phase, changed: Bool, now: Double, _ db: Database) throws {
        if changed {
            try db.cachedStatement(sql: "UPDATE sessions SET phase = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [phase.rawValue, now, session.rawValue])
        } else {
            try db.cachedStatement(sql: "UPDATE sessions SET updated_at = ? WHERE id = ?")
                .execute(arguments: [now, session.rawValue])
        }
    }

    /// What an append reads before it writes, in one statement instead of four: whether another
    /// knead owns the session, its phase (nil: not started), and its last event's number and
    /// chain hash.
    struct AppendStart: Sendable {
        var ownerID: String?
        var phaseName: String?
        var lastSeq: Int?
        var lastHash: String?

        static func read(_ session: SessionID, _ db: Database) throws -> AppendStart {
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT owner FROM sync_foreign_sessions WHERE session_id = ?1),
                       (SELECT phase FROM sessions WHERE id = ?1),
                       (SELECT MAX(seq) FROM events WHERE session_id = ?1),
                       (SELECT hash FROM events WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1)
                """), arguments: [session.rawValue])
            return AppendStart(ownerID: row?[0], phaseName: row?[1], lastSeq: row?[2], lastHash: row?[3])
        }

        /// The session's phase; nil when it has not started.
        func phase(of session: SessionID) throws -> Phase? {
            guard let phaseName else { return nil }
            guard let phase = Phase(rawValue: phaseName) else {
                throw StoreError.failed(reason: "session \(session) has an unknown phase")
            }
            return phase
        }
    }

    /// Inserts an event as `seq` of `session`, with its search row and, for the first, the
    /// ledger's row; returns its chain hash.
    /// - Parameter previous: the chain hash of the session's event before it, when the caller
    ///   read it already (the genesis hash for the first); nil to read it here.
    @discardableResult
    func insert(_ event: SessionEvent, seq: Int, into session: SessionID, after previous: String? = nil,
                _ db: Database) throws -> String {
        if case .unreadable = event.change { throw StoreError.failed(reason: "an unreadable entry cannot be saved") }
        let at = event.at.timeIntervalSinceReferenceDate
        let payload = try EventPayload.encode(event.change)
        let hash = if let previous {
            JournalSeal.event(session: session.rawValue, seq: seq, at: at, type: event.change.kind,
                              payload: payload, previous: previous)
        } else {
            try JournalSeal.event(session: session.rawValue, seq: seq, at: at, type: event.change.kind,
                                  payload: payload, db)
        }
        try db.cachedStatement(sql: """
            INSERT INTO events (session_id, seq, at, type, payload, content_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [session.rawValue, seq, at, event.change.kind, payload, hash.content, hash.chain])
        // The search row is keyed by the event's rowid, taken before the ledger adds a row of its own.
        let rowID = db.lastInsertedRowID
        if seq == 1 { try JournalSeal.ledger(session: session.rawValue, startHash: hash.content, db) }
        try Self.index(event.change, session: session, seq: seq, rowID: rowID, db)
        if case .voided(let positions) = event.change {
            try Self.unindex(positions.map { $0 + 1 }, of: session, db)
        }
        return hash.chain
    }

    /// Adds what an event shows in the note to the search index, as the row with the event's own
    /// rowid (so it is found again through the events' key, never by scanning the index). A newer
    /// assessment, aftercare or history review replaces the older one's row: the note shows the latest.
    static func index(_ change: SessionChange, session: SessionID, seq: Int, rowID: Int64, _ db: Database) throws {
        guard let text = EventPayload.searchableText(of: change) else { return }
        if NoteIndex.supersedingKinds.contains(change.kind) {
            try db.execute(sql: """
                DELETE FROM note_search WHERE rowid IN
                    (SELECT rowid FROM events WHERE session_id = ? AND type = ? AND seq < ?)
                """, arguments: [session.rawValue, change.kind, seq])
        }
        try NoteSearchIndex.insert(rowID: rowID, session: session.rawValue, seq: seq, text: text, db)
    }

    /// Takes undone events out of the search index: an undone note, region or technique is not
    /// part of the record. Positions count from 0, sequence numbers from 1; the rows go by the
    /// events' rowids, found through the events' primary key.
    static func unindex(_ seqs: [Int], of session: SessionID, _ db: Database) throws {
        guard !seqs.isEmpty else { return }
        let list = seqs.map(String.init).joined(separator: ",")
        try db.execute(sql: """
            DELETE FROM note_search WHERE rowid IN
                (SELECT rowid FROM events WHERE session_id = ? AND seq IN (\(list)))
            """, arguments: [session.rawValue])
    }

    /// Rebuilds the search index from the events (migration v4): every event's words, as
    /// ``index(_:session:seq:rowID:_:)`` adds them, without the events an undo voided.
    static func reindex(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM note_search")
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, session_id, seq, payload FROM events ORDER BY session_id, seq")
        var session: String?
        var voided: [Int] = []
        func flush() throws {
            if let session, !voided.isEmpty { try unindex(voided, of: SessionID(session), db) }
            voided = []
        }
        while let row = try rows.next() {
            let id: String = row[1]
            if id != session { try flush(); session = id }
            guard let change = EventPayload.decode(row[3]) else { continue }
            let seq: Int = row[2]
            if case .voided(let positions) = change { voided += positions.map { $0 + 1 } }
            try index(change, session: SessionID(id), seq: seq, rowID: row[0], db)
        }
        try flush()
    }

    // MARK: - Reading

    public func events(of session: SessionID) throws -> [SessionEvent] {
        try translate(session: session) {
            try dbPool.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT seq, at, type, payload FROM events WHERE session_id = ? ORDER BY seq
                    """, arguments: [session.rawValue])
                return Self.merged(Self.events(from: rows, of: session),
                                   amendments: try Self.clinicAmendmentRows(of: session, db))
            }
        }
    }

    public func sessions(startedFrom from: Date, to: Date) throws -> [SessionListing] {
        try listings(where: "s.started_at >= ? AND s.started_at < ?",
                     arguments: [from.timeIntervalSinceReferenceDate, to.timeIntervalSinceReferenceDate])
    }

    public func unfinishedSessions() throws -> [SessionListing] {
        try listings(where: "s.phase <> 'signed'", arguments: [])
    }

    /// Sessions matching a condition on `s` (sessions), oldest first, with the client as recorded now.
    private func listings(where condition: String, arguments: StatementArguments) throws -> [SessionListing] {
        try translate {
            try dbPool.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT s.id, s.client_id, CAST(s.client_name AS BLOB), s.started_at, s.planned_minutes, s.phase,
                           CAST(c.name AS BLOB), CAST(c.preferred_name AS BLOB)
                    FROM sessions s LEFT JOIN clients c ON c.id = s.client_id
                    WHERE \(condition)
                    ORDER BY s.started_at, s.id
                    """, arguments: arguments)
                return try rows.map(listing(from:))
            }
        }
    }

    private func listing(from row: Row) throws -> SessionListing {
        let id = SessionID(try row.decode(String.self, atIndex: 0))
        guard let phase = Phase(rawValue: try row.decode(String.self, atIndex: 5)) else {
            throw StoreError.failed(reason: "session \(id) has an unknown phase")
        }
        let sessionName = try row.exactText(atIndex: 2) ?? ""
        let currentName = try row.exactText(atIndex: 6)
        let client = Client(id: ClientID(try row.decode(String.self, atIndex: 1)),
                            name: currentName ?? sessionName,
                            preferredName: try row.exactText(atIndex: 7))
        return SessionListing(id: id, client: client,
                              startedAt: Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 3)),
                              plannedMinutes: try row.decode(Int.self, atIndex: 4), phase: phase)
    }

    // MARK: - Errors

    /// Runs a database call, turning whatever it throws into a ``StoreError``.
    func translate<T>(session: SessionID? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw StoreError(error, path: databasePath, session: session)
        }
    }
}
