import Foundation
import GRDB
import KneadCore

extension SQLiteJournal {
    /// Writes many whole sessions in one transaction: for importing a practice's records or
    /// generating a large database for benchmarks. Each session's events must begin with its
    /// start, and the session must be new; all sessions are written, or none.
    ///
    /// The same rows, index entries, projections and triggers apply as for ``append(_:to:)``.
    public func importSessions(_ sessions: [(id: SessionID, events: [SessionEvent])]) throws {
        let now = clock.now().timeIntervalSinceReferenceDate
        do {
            try dbPool.write { db in
                var savedClients: Set<ClientID> = []
                for (id, events) in sessions {
                    guard let first = events.first, case .started(let start) = first.change else {
                        throw StoreError.unknownSession(id)
                    }
                    if savedClients.insert(start.client.id).inserted { try insertIfNew(start.client, now: now, db) }
                    let phase = events.reduce(Phase.assessment) { $0.after($1.change) }
                    try db.execute(sql: """
                        INSERT INTO sessions (id, client_id, client_name, started_at, planned_minutes, phase, updated_at)
                        VALUES (?, ?, CAST(? AS TEXT), ?, ?, ?, ?)
                        """, arguments: [id.rawValue, start.client.id.rawValue, exactBytes(start.client.name),
                                         first.at.timeIntervalSinceReferenceDate, start.plannedMinutes,
                                         Phase.assessment.rawValue, now])
                    for (index, event) in events.enumerated() {
                        if index > 0, case .started = event.change { throw StoreError.alreadyStarted(id) }
                        try insert(event, seq: index + 1, into: id, db)
                    }
                    try db.execute(sql: "UPDATE sessions SET phase = ? WHERE id = ?", arguments: [phase.rawValue, id.rawValue])
                    try Self.project(SessionState(id: id, replaying: events), db)
                }
            }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }
}
