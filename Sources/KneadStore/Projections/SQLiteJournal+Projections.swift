import Foundation
import GRDB
import KneadCore

/// The states of the sessions appended to lately, so that keeping a session's summary up to
/// date costs one fold step per event instead of a replay of the session.
///
/// Each journal has its own; an entry is used only when it holds exactly the events the
/// database has for the session, so a write from elsewhere (another process, a sync) only
/// costs a replay.
final class RecentSessionStates: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [SessionID: SessionState] = [:]
    /// A therapist has one or two sessions open at a time; a few more are kept for imports.
    static let capacity = 8

    /// Takes out the state of a session, if it holds `eventCount` events.
    func take(_ session: SessionID, eventCount: Int) -> SessionState? {
        lock.lock()
        defer { lock.unlock() }
        guard let state = states.removeValue(forKey: session), state.events.count == eventCount else { return nil }
        return state
    }

    /// The state of a session, left in place, if it holds `eventCount` events.
    func peek(_ session: SessionID, eventCount: Int) -> SessionState? {
        lock.lock()
        defer { lock.unlock() }
        guard let state = states[session], state.events.count == eventCount else { return nil }
        return state
    }

    func keep(_ state: SessionState) {
        lock.lock()
        defer { lock.unlock() }
        if states.count >= Self.capacity, states[state.id] == nil { states.removeAll(keepingCapacity: true) }
        states[state.id] = state
    }

    func forget(_ session: SessionID) {
        lock.lock()
        defer { lock.unlock() }
        states[session] = nil
    }
}

extension SQLiteJournal {
    /// Writes the summary rows the app's appends left for later, in one transaction: at a quiet
    /// moment (``maintain()``) and at close.
    ///
    /// A check-in's save is what the therapist waits for, and its summary row was 77 µs of the
    /// check-in's 1.0 ms (timed step by step, syncs as no-ops). Until the row is written, the
    /// session has none (each event's insert deletes the row, by trigger), and every reader
    /// replays it from its events, as it does for a session written past the journal: the
    /// answer is the same, and a session in treatment is one short replay. Nothing is lost when
    /// knead stops before: a missing row is a replay, and the next write of the session, or the
    /// rebuild of the projections, writes it.
    func writeDeferredSummaries() throws {
        let sessions = deferredSummaryRows.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        guard !sessions.isEmpty else { return }
        do {
            try checkBeforeWriting()
            try translate {
                try transaction(dbPool) { db in
                    for session in sessions.sorted(by: { $0.rawValue < $1.rawValue }) {
                        let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM events WHERE session_id = ?"),
                                                     arguments: [session.rawValue]) ?? 0
                        guard count > 0 else { continue }
                        let state = try recentStates.peek(session, eventCount: count) ?? Self.replay(session, db)
                        try Self.project(state, db)
                    }
                }
            }
        } catch {
            // Left for the next quiet moment.
            deferredSummaryRows.withLock { $0.formUnion(sessions) }
            throw error
        }
    }

    /// Leaves for the next write of deferred rows the sessions of the last 30 days that have no
    /// summary row (at most 200): rows an earlier run deferred and did not write, because it was
    /// cut off before a quiet moment. Once per journal; the sessions' start index keeps it short.
    func deferMissingRecentSummaries() {
        let first = files.withLock { files in
            defer { files.missingSummariesLooked = true }
            return !files.missingSummariesLooked
        }
        guard first, !isReadOnly else { return }
        let since = clock.now().addingTimeInterval(-30 * 86_400).timeIntervalSinceReferenceDate
        guard let missing = try? dbPool.read({ db in
            try String.fetchAll(db, sql: """
                SELECT s.id FROM sessions s
                WHERE s.started_at >= ? AND NOT EXISTS (SELECT 1 FROM session_summaries p WHERE p.session_id = s.id)
                LIMIT 200
                """, arguments: [since])
        }), !missing.isEmpty else { return }
        deferredSummaryRows.withLock { $0.formUnion(missing.map(SessionID.init)) }
    }

    /// Writes the summary row of a session's state (the state after all its events in the database).
    static func project(_ state: SessionState, _ db: Database) throws {
        let summary = SessionSummary(state)
        guard let arguments = SummaryColumns.arguments(of: summary, eventCount: state.events.count) else {
            try db.execute(sql: "DELETE FROM session_summaries WHERE session_id = ?", arguments: [state.id.rawValue])
            return
        }
        let statement = try db.cachedStatement(sql: SummaryColumns.insertSQL)
        try statement.execute(arguments: arguments)
    }

    /// A session's state replayed from the database.
    static func replay(_ session: SessionID, _ db: Database) throws -> SessionState {
        let statement = try db.cachedStatement(sql: "SELECT seq, at, type, payload FROM events WHERE session_id = ? ORDER BY seq")
        // An entry that cannot be read stands as an unreadable entry: it never stops the rest.
        let events = Self.events(from: try Row.fetchAll(statement, arguments: [session.rawValue]), of: session)
        return SessionState(id: session, replaying: events)
    }

    /// Rebuilds every projection from the events: each session's summary row. The migration that
    /// adds the projections runs it; so can a repair.
    static func rebuildProjections(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM session_summaries")
        let ids = try String.fetchAll(db, sql: "SELECT id FROM sessions ORDER BY id")
        for id in ids {
            try project(try replay(SessionID(id), db), db)
        }
    }

    /// Rebuilds every projection from the events, in one transaction.
    public func rebuildProjections() throws {
        do {
            try dbPool.write { db in try Self.rebuildProjections(db) }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }
}
