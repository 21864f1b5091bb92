import Foundation
import GRDB
import KneadCore

extension SQLiteJournal: PracticeRecords {
    public func sessionSummaries(startedFrom from: Date, to: Date) throws -> [SessionSummary] {
        try summaries(where: "s.started_at >= ? AND s.started_at < ?",
                      arguments: [from.timeIntervalSinceReferenceDate, to.timeIntervalSinceReferenceDate])
    }

    public func visits(of client: ClientID) throws -> [SessionSummary] {
        try summaries(where: "s.client_id = ?", arguments: [client.rawValue])
    }

    /// Summaries of the sessions matching a condition on `s` (sessions), oldest first: the
    /// sessions and all their events in one read, each session's events folded in Core.
    private func summaries(where condition: String, arguments: StatementArguments) throws -> [SessionSummary] {
        do {
            return try dbPool.read { db in
                let sessions = try Row.fetchAll(db, sql: """
                    SELECT s.id, s.client_id, CAST(COALESCE(c.name, s.client_name) AS BLOB), CAST(c.preferred_name AS BLOB)
                    FROM sessions s LEFT JOIN clients c ON c.id = s.client_id
                    WHERE \(condition)
                    ORDER BY s.started_at, s.id
                    """, arguments: arguments)
                var result: [SessionSummary] = []
                result.reserveCapacity(sessions.count)
                let statement = try db.cachedStatement(sql: "SELECT seq, at, type, payload FROM events WHERE session_id = ? ORDER BY seq")
                for row in sessions {
                    let id = SessionID(try row.decode(String.self, atIndex: 0))
                    let client = Client(id: ClientID(try row.decode(String.self, atIndex: 1)),
                                        name: try row.exactText(atIndex: 2) ?? "",
                                        preferredName: try row.exactText(atIndex: 3))
                    let events = Self.events(from: try Row.fetchAll(statement, arguments: [id.rawValue]), of: id)
                    result.append(SessionSummary(SessionState(id: id, replaying: events), client: client))
                }
                return result
            }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }

    /// Events from rows of `seq, at, type, payload`, in order. A row that cannot be read becomes
    /// an ``UnreadableEntry`` in its place (at the time of the entry before it when its own time
    /// is unreadable too), so one damaged entry never stops the rest of the session from reading.
    static func events(from rows: [Row], of session: SessionID) -> [SessionEvent] {
        var events: [SessionEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            let seq = (try? row.decode(Int.self, atIndex: 0)) ?? -1
            let at = try? row.decode(Double.self, atIndex: 1)
            let type = (try? row.decode(String.self, atIndex: 2)) ?? ""
            if let at, let payload = try? row.decode(String.self, atIndex: 3),
               let change = EventPayload.decode(payload), change.kind == type, change.kind != "unreadable" {
                events.append(SessionEvent(at: Date(timeIntervalSinceReferenceDate: at), change))
            } else {
                let when = at.map { Date(timeIntervalSinceReferenceDate: $0) } ?? events.last?.at ?? Date(timeIntervalSinceReferenceDate: 0)
                events.append(SessionEvent(at: when, .unreadable(UnreadableEntry(seq: seq, storedKind: type))))
            }
        }
        return events
    }
}
