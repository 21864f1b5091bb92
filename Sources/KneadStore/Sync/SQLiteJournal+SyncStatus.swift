import Foundation
import GRDB
import KneadCore

/// What clinic sync has to say: the outcome of the last sync, what waits to be sent, which
/// sessions are another knead's, and the client records edited apart on two machines.
extension SQLiteJournal {
    /// Notes the outcome of a sync: a success clears the error; a failure keeps the first time
    /// a sync failed since the last success (`offline since`: not synced since, whatever the
    /// reason, unreachable or refused) and the message. `offline` says whether the server was
    /// out of reach; the time is kept either way.
    public func recordSyncOutcome(error: String?, offline: Bool) throws {
        let now = clock.now().timeIntervalSinceReferenceDate
        try translate {
            try dbPool.write { db in
                if let error {
                    try db.execute(sql: """
                        UPDATE sync_log SET last_error = ?, offline_since = coalesce(offline_since, ?)
                        """, arguments: [error, now])
                } else {
                    try db.execute(sql: "UPDATE sync_log SET last_success = ?, offline_since = NULL, last_error = NULL",
                                   arguments: [now])
                }
            }
        }
    }

    /// How many rows written here wait to be sent: the cheap look the sync worker takes after
    /// the app's writes.
    public func syncWaiting() throws -> Int {
        try translate {
            try dbPool.read { db in
                let outbox = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM sync_outbox WHERE position > ? AND position NOT IN (SELECT position FROM sync_refused)
                    """, arguments: [try cursor("push", db)]) ?? 0
                let amendments = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM clinic_amendments WHERE author IS NULL AND position > ?
                    """, arguments: [try cursor("push.amendments", db)]) ?? 0
                return outbox + amendments
            }
        }
    }

    /// What waits, what was refused, when the last sync succeeded, what went wrong since.
    public func localSyncStatus() throws -> LocalSyncStatus {
        try translate {
            try dbPool.read { db in
                let after = try cursor("push", db)
                let waiting = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM sync_outbox WHERE position > ? AND position NOT IN (SELECT position FROM sync_refused)
                    """, arguments: [after]) ?? 0
                let amendmentsAfter = try cursor("push.amendments", db)
                let amendments = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM clinic_amendments WHERE author IS NULL AND position > ?
                    """, arguments: [amendmentsAfter]) ?? 0
                let refused = try String.fetchAll(db, sql: "SELECT reason FROM sync_refused ORDER BY position")
                let log = try Row.fetchOne(db, sql: "SELECT last_success, offline_since, last_error FROM sync_log")
                let success: Double? = log?[0]
                let offline: Double? = log?[1]
                return LocalSyncStatus(
                    waiting: waiting + amendments, refused: refused,
                    lastSuccess: success.map(Date.init(timeIntervalSinceReferenceDate:)),
                    offlineSince: offline.map(Date.init(timeIntervalSinceReferenceDate:)),
                    lastError: log?[2], clientsToReconcile: try clientsWithEditsApart(db).count)
            }
        }
    }

    /// Clients whose record was edited on two machines apart: more than one version that no later
    /// version built on or merged. The newest shows; the others wait to be reconciled.
    public func clientsToReconcile() throws -> [ClientID] {
        try translate { try dbPool.read { db in try clientsWithEditsApart(db).map(ClientID.init) } }
    }

    private func clientsWithEditsApart(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT h.client_id FROM sync_client_versions h
            WHERE NOT EXISTS (SELECT 1 FROM sync_client_versions s WHERE s.client_id = h.client_id
                              AND (s.base_id = h.version_id OR instr(',' || s.merges || ',', ',' || h.version_id || ',') > 0))
            GROUP BY h.client_id HAVING count(*) > 1 ORDER BY h.client_id
            """)
    }

    /// The therapist who owns each session pulled from another knead, by session id; sessions
    /// started here are not listed.
    public func sessionOwners() throws -> [SessionID: String] {
        try owners(where: "", arguments: [])
    }

    /// ``sessionOwners()`` of the given sessions only (what Today lists), by their ids.
    public func sessionOwners(of sessions: [SessionID]) throws -> [SessionID: String] {
        guard !sessions.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: sessions.count).joined(separator: ",")
        return try owners(where: "WHERE f.session_id IN (\(marks))", arguments: StatementArguments(sessions.map(\.rawValue)))
    }

    private func owners(where condition: String, arguments: StatementArguments) throws -> [SessionID: String] {
        try translate {
            try dbPool.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT f.session_id, coalesce(m.therapist, 'another knead') FROM sync_foreign_sessions f
                    LEFT JOIN sync_members m ON m.knead_id = f.owner \(condition)
                    """, arguments: arguments)
                return Dictionary(rows.map { (SessionID($0[0]), $0[1]) }, uniquingKeysWith: { a, _ in a })
            }
        }
    }
}

extension SQLiteJournal {
    /// Every client whose record has versions made apart (see ``clientsToReconcile()``), with those
    /// versions, the one that shows first: what the client record screen flags and
    /// `knead sync --status` lists.
    public func clientsWithConflictingVersions() throws -> [ClientEditsApart] {
        try clientsToReconcile().compactMap { try conflictingVersions(of: $0) }
    }

    /// The versions of one client's record that no later save built on, newest (shown) first;
    /// nil when the client has no such conflict.
    public func conflictingVersions(of client: ClientID) throws -> ClientEditsApart? {
        try translate {
            try dbPool.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT h.at, h.record, h.author, m.therapist FROM sync_client_versions h
                    LEFT JOIN sync_members m ON m.knead_id = h.author
                    WHERE h.client_id = ?
                      AND NOT EXISTS (SELECT 1 FROM sync_client_versions s WHERE s.client_id = h.client_id
                                      AND (s.base_id = h.version_id OR instr(',' || s.merges || ',', ',' || h.version_id || ',') > 0))
                    ORDER BY h.at DESC, h.version_id DESC
                    """, arguments: [client.rawValue])
                guard rows.count > 1 else { return nil }
                let versions = try rows.map { row -> ClientEditsApart.Version in
                    let author: String? = row[2]
                    let therapist: String? = row[3]
                    return ClientEditsApart.Version(
                        savedAt: Date(timeIntervalSinceReferenceDate: row[0]),
                        savedBy: author == nil ? nil : (therapist ?? "another knead"),
                        record: try Self.decodeRecord(row[1], id: client))
                }
                return ClientEditsApart(client: client, versions: versions)
            }
        }
    }
}
