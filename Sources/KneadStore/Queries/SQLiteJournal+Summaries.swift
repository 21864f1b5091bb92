import Foundation
import GRDB
import KneadCore

extension SQLiteJournal: PracticeRecords {
    public func sessionSummaries(startedFrom from: Date, to: Date) throws -> [SessionSummary] {
        try summaries(projected: "p.started_at >= ? AND p.started_at < ?", sessions: "s.started_at >= ? AND s.started_at < ?",
                      arguments: [from.timeIntervalSinceReferenceDate, to.timeIntervalSinceReferenceDate])
    }

    public func visits(of client: ClientID) throws -> [SessionSummary] {
        try summaries(projected: "p.client_id = ?", sessions: "s.client_id = ?", arguments: [client.rawValue])
    }

    /// Summaries of the sessions matching a condition, oldest first: the same condition on the
    /// `session_summaries` projection (`p`) and on `sessions` (`s`).
    ///
    /// Read from the projection the journal keeps on every append; a session without a row
    /// there (written by something that bypassed the journal, or holding what this build
    /// cannot read) is replayed from its events, so the answer is the same either way.
    private func summaries(projected: String, sessions condition: String, arguments: StatementArguments) throws -> [SessionSummary] {
        do {
            return try dbPool.read { db in
                var result: [SessionSummary] = []
                var clients: [String: Client] = [:]
                var last: Client?
                var names = SummaryColumns.Names()
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT CAST(COALESCE(c.name, (SELECT client_name FROM sessions WHERE id = p.session_id)) AS BLOB),
                           CAST(c.preferred_name AS BLOB), \(SummaryColumns.selectColumns)
                    FROM session_summaries p LEFT JOIN clients c ON c.id = p.client_id
                    WHERE \(projected)
                    ORDER BY p.started_at, p.session_id
                    """, arguments: arguments)
                while let row = try rows.next() {
                    let clientID: String = row[3]
                    let client: Client
                    // A history is one client's rows: the one before is the same, no hashing needed.
                    if let last, last.id.rawValue == clientID {
                        client = last
                    } else if let known = clients[clientID] {
                        client = known
                    } else {
                        client = Client(id: ClientID(clientID), name: try row.exactText(atIndex: 0) ?? "",
                                        preferredName: try row.exactText(atIndex: 1))
                        clients[clientID] = client
                    }
                    last = client
                    guard let summary = SummaryColumns.summary(from: row, at: 2, client: client, names: &names) else { continue }
                    result.append(summary)
                }
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions s WHERE \(condition)", arguments: arguments) ?? 0
                guard total != result.count else { return result }
                // Sessions the projection lacks: replayed, then everything put in order again. The
                // ids read are gathered only here, so a complete projection hashes none of them.
                let found = Set(result.map(\.id.rawValue))
                let sessions = try Row.fetchAll(db, sql: """
                    SELECT s.id, s.client_id, CAST(COALESCE(c.name, s.client_name) AS BLOB), CAST(c.preferred_name AS BLOB)
                    FROM sessions s LEFT JOIN clients c ON c.id = s.client_id
                    WHERE \(condition)
                    """, arguments: arguments)
                for row in sessions {
                    let id: String = try row.decode(atIndex: 0)
                    guard !found.contains(id) else { continue }
                    let client = Client(id: ClientID(try row.decode(String.self, atIndex: 1)),
                                        name: try row.exactText(atIndex: 2) ?? "",
                                        preferredName: try row.exactText(atIndex: 3))
                    result.append(SessionSummary(try Self.replay(SessionID(id), db), client: client))
                }
                result.sort { ($0.startedAt, $0.id.rawValue) < ($1.startedAt, $1.id.rawValue) }
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
