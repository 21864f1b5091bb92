import Foundation
import GRDB
import KneadCore

/// The session journal in one SQLite file: events appended durably, sessions and clients listed.
///
/// Each `append` is one write transaction; when it returns, the events are on disk
/// (WAL with `synchronous=FULL`). Events of a signed session are locked by database triggers.
public final class SQLiteJournal: SessionJournal {
    /// The connection pool. Internal so that tests can reach the raw database.
    let dbPool: DatabasePool
    let clock: any Clock
    /// States of the sessions appended to lately, for keeping their summaries (see Projections).
    let recentStates = RecentSessionStates()

    /// The path of the database file.
    public let databasePath: String

    private init(dbPool: DatabasePool, clock: any Clock) {
        self.dbPool = dbPool
        self.clock = clock
        self.databasePath = dbPool.path
    }

    /// Opens the journal at a data location, creating the folder and the database as needed.
    ///
    /// - Parameter clock: gives the times stored in `created_at`/`updated_at` columns.
    /// - Throws: ``StoreError`` when the folder or file cannot be used as they are.
    /// - Parameter sparePages: for tests only (`KNEAD_DEV_PAGE_LIMIT`): caps the file at its size
    ///   plus that many pages, so that a full disk can be tried without filling one.
    public static func open(at location: DataLocation, clock: any Clock = SystemClock(),
                            sparePages: Int? = nil) throws -> SQLiteJournal {
        SQLiteJournal(dbPool: try KneadDatabase.open(at: location, sparePages: sparePages), clock: clock)
    }

    /// Opens the journal in a data folder, creating the folder and the database as needed.
    public static func open(folder: URL, clock: any Clock = SystemClock()) throws -> SQLiteJournal {
        try open(at: DataLocation(folder: folder), clock: clock)
    }

    /// Closes the database. Later calls on this journal fail.
    public func close() throws {
        try translate { try dbPool.close() }
    }

    // MARK: - Appending

    public func append(_ events: [SessionEvent], to session: SessionID) throws {
        guard let first = events.first else { return }
        let now = clock.now().timeIntervalSinceReferenceDate
        let state = try translate(session: session) {
            try dbPool.write { db in
                var phase = try currentPhase(of: session, db)
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
                var seq = try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM events WHERE session_id = ?",
                                           arguments: [session.rawValue]) ?? 0
                var state = try recentStates.take(session, eventCount: seq) ?? Self.replay(session, db)
                for (index, event) in events.enumerated() {
                    if index > 0, case .started = event.change { throw StoreError.alreadyStarted(session) }
                    seq += 1
                    try insert(event, seq: seq, into: session, db)
                    phase = phase?.after(event.change)
                    state.evolve(event)
                }
                try db.execute(sql: "UPDATE sessions SET phase = ?, updated_at = ? WHERE id = ?",
                               arguments: [(phase ?? .assessment).rawValue, now, session.rawValue])
                try Self.project(state, db)
                return state
            }
        }
        recentStates.keep(state)
    }

    private func currentPhase(of session: SessionID, _ db: Database) throws -> Phase? {
        guard let raw = try String.fetchOne(db, sql: "SELECT phase FROM sessions WHERE id = ?",
                                            arguments: [session.rawValue]) else { return nil }
        guard let phase = Phase(rawValue: raw) else {
            throw StoreError.failed(reason: "session \(session) has an unknown phase")
        }
        return phase
    }

    func insert(_ event: SessionEvent, seq: Int, into session: SessionID, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO events (session_id, seq, at, type, payload) VALUES (?, ?, ?, ?, ?)",
                       arguments: [session.rawValue, seq, event.at.timeIntervalSinceReferenceDate,
                                   event.change.kind, try EventPayload.encode(event.change)])
        if let text = EventPayload.searchableText(of: event.change) {
            try db.execute(sql: "INSERT INTO note_search (session_id, seq, text) VALUES (?, ?, ?)",
                           arguments: [session.rawValue, seq, text])
        }
        if case .voided(let positions) = event.change {
            try unindex(positions.map { $0 + 1 }, of: session, db)
        }
    }

    /// Takes undone notes out of the search index: an undone note is not part of the record.
    ///
    /// Positions count from 0, sequence numbers from 1. The index's session and seq columns are
    /// not indexed, so the delete scans it; it runs only when a note is among the undone events
    /// (undo is rare, and mostly undoes check-ins), found first through the events' primary key.
    private func unindex(_ seqs: [Int], of session: SessionID, _ db: Database) throws {
        guard !seqs.isEmpty else { return }
        let list = seqs.map(String.init).joined(separator: ",")
        let notes = try Int.fetchAll(db, sql: """
            SELECT seq FROM events WHERE session_id = ? AND seq IN (\(list)) AND type IN ('noted', 'assessed', 'amended')
            """, arguments: [session.rawValue])
        for seq in notes {
            try db.execute(sql: "DELETE FROM note_search WHERE session_id = ? AND seq = ?", arguments: [session.rawValue, seq])
        }
    }

    // MARK: - Reading

    public func events(of session: SessionID) throws -> [SessionEvent] {
        try translate(session: session) {
            try dbPool.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT seq, at, type, payload FROM events WHERE session_id = ? ORDER BY seq
                    """, arguments: [session.rawValue])
                return try rows.map { row in
                    let seq = (try? row.decode(Int.self, forColumn: "seq")) ?? -1
                    guard let at = try? row.decode(Double.self, forColumn: "at"),
                          let type = try? row.decode(String.self, forColumn: "type"),
                          let payload = try? row.decode(String.self, forColumn: "payload"),
                          let change = EventPayload.decode(payload), change.kind == type
                    else { throw StoreError.unreadableEvent(session: session, seq: seq) }
                    return SessionEvent(at: Date(timeIntervalSinceReferenceDate: at), change)
                }
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
