import Foundation
import GRDB
import GRDBSQLite
import KneadCore

/// The journal's side of clinic sync: the outbox to send, the pulled rows to apply, the cursors.
///
/// Each apply is one write transaction that also moves its cursor, so a kill at any moment
/// leaves either the rows and the new cursor or neither: the next pull starts where this one
/// stopped and applies nothing twice.
extension SQLiteJournal {
    /// The columns of `events` that sync knows by name; any other column travels as `extra`.
    static let knownEventColumns: Set<String> = ["session_id", "seq", "at", "type", "payload"]
    /// The tamper-evidence columns, worked out anew on the machine that receives an event.
    static let sealColumns: Set<String> = ["content_hash", "hash"]

    /// The time by the journal's clock, the one its sync records are stamped with.
    public var currentTime: Date { clock.now() }

    /// This knead's id in the clinic, made once when the sync tables were created.
    public func kneadID() throws -> String {
        try translate {
            try dbPool.read { db in
                try String.fetchOne(db, sql: "SELECT knead_id FROM sync_identity") ?? ""
            }
        }
    }

    /// A cursor: for `push`, the last outbox position the server has; for a pulled table, the
    /// last server position applied here.
    public func syncCursor(_ name: String) throws -> Int64 {
        try translate {
            try dbPool.read { db in try cursor(name, db) }
        }
    }

    func cursor(_ name: String, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT position FROM sync_cursors WHERE name = ?", arguments: [name]) ?? 0
    }

    private func setCursor(_ name: String, _ position: Int64, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sync_cursors (name, position) VALUES (?, ?)
            ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)
            """, arguments: [name, position])
    }

    // MARK: - Push

    /// Up to `limit` outbox items after the push cursor, oldest first, skipping refused ones.
    public func syncOutbox(limit: Int) throws -> [OutboxItem] {
        try translate {
            try dbPool.writeWithoutTransaction { db in
                // Only what is on disk leaves for the server (see SyncOverlap). This block runs
                // after the syncs queued before it, but a commit made while it waited for the
                // queue has its sync queued behind it: the WAL is synced here first, in the same
                // turn of the connection's queue as the read, so nothing unsynced can be read.
                if overlapsSync {
                    let code = syncOverlap.withLock { $0.sync }(db)
                    guard code == SQLITE_OK else {
                        throw StoreError.failed(reason: "the journal could not be synced before sending it (SQLite result \(code))")
                    }
                }
                var items: [OutboxItem] = []
                try db.inTransaction(.deferred) {
                    items = try readOutbox(limit: limit, db)
                    return .commit
                }
                return items
            }
        }
    }

    /// The outbox items after the push cursor, as ``syncOutbox(limit:)`` sends them.
    private func readOutbox(limit: Int, _ db: Database) throws -> [OutboxItem] {
        let after = try cursor("push", db)
        let extraColumns = try Row.fetchAll(db, sql: "PRAGMA table_info(events)")
            .compactMap { $0["name"] as String? }.filter { !Self.knownEventColumns.contains($0) }
        let extraSelect = extraColumns.map { ", e.\"\($0)\"" }.joined()
        let rows = try Row.fetchAll(db, sql: """
            SELECT o.position, o.kind,
                   s.id, s.client_id, CAST(s.client_name AS BLOB), s.started_at, s.planned_minutes,
                   e.session_id, e.seq, e.at, e.type, e.payload,
                   v.version_id, v.client_id, v.base_id, v.merges, v.at, v.record\(extraSelect)
            FROM sync_outbox o
            LEFT JOIN sessions s ON o.kind = 'session' AND s.id = o.session_id
            LEFT JOIN events e ON o.kind = 'event' AND e.session_id = o.session_id AND e.seq = o.seq
            LEFT JOIN sync_client_versions v ON o.kind = 'client_version' AND v.version_id = o.version_id
            WHERE o.position > ? AND o.position NOT IN (SELECT position FROM sync_refused)
            ORDER BY o.position LIMIT ?
            """, arguments: [after, limit])
        return try rows.compactMap { row in try outboxItem(row, extraColumns: extraColumns) }
    }

    private func outboxItem(_ row: Row, extraColumns: [String]) throws -> OutboxItem? {
        let position: Int64 = row[0]
        let kind: String = row[1]
        switch kind {
        case "session":
            guard let id: String = row[2] else { return nil }
            let name = try row.exactText(atIndex: 4) ?? ""
            return OutboxItem(position: position, row: .session(SyncedSession(
                id: id, clientID: row[3], clientName: name, startedAt: row[5], plannedMinutes: row[6], owner: nil)))
        case "event":
            guard let session: String = row[7] else { return nil }
            var extra: [String: SyncValue] = [:]
            for (offset, column) in extraColumns.enumerated() {
                extra[column] = Self.syncValue(row[18 + offset] as DatabaseValue)
            }
            return OutboxItem(position: position, row: .event(SyncedEvent(
                sessionID: session, seq: row[8], at: row[9], type: row[10], payload: row[11], extra: extra)))
        default:
            guard let version: String = row[12] else { return nil }
            return OutboxItem(position: position, row: .clientVersion(SyncedClientVersion(
                versionID: version, clientID: row[13], baseID: row[14], merges: row[15], at: row[16], record: row[17], author: nil)))
        }
    }

    private static func syncValue(_ value: DatabaseValue) -> SyncValue {
        switch value.storage {
        case .null: .null
        case .int64(let v): .integer(v)
        case .double(let v): .real(v)
        case .string(let v): .text(v)
        case .blob(let v): .blob(v)
        }
    }

    /// Records that the server holds everything up to `position`; `refused` rows (position and
    /// the server's reason) are kept here, not sent again, and counted in the status.
    public func markPushed(upTo position: Int64, refused: [(position: Int64, reason: String)] = []) throws {
        let now = clock.now().timeIntervalSinceReferenceDate
        try translate {
            try dbPool.write { db in
                for item in refused {
                    try db.execute(sql: "INSERT OR IGNORE INTO sync_refused (position, reason, at) VALUES (?, ?, ?)",
                                   arguments: [item.position, item.reason, now])
                }
                try setCursor("push", position, db)
            }
        }
    }

    // MARK: - Pull

    /// Applies rows pulled from the server and moves the named cursor to `cursor`, in one transaction.
    public func applyPulled(members: [SyncedMember] = [], versions: [SyncedClientVersion] = [],
                            sessions: [SyncedSession] = [], events: [SyncedEvent] = [],
                            cursor name: String, to position: Int64) throws {
        let now = clock.now().timeIntervalSinceReferenceDate
        try translate {
            try dbPool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO sync_pulling (only) VALUES (1)")
                for member in members {
                    try db.execute(sql: """
                        INSERT INTO sync_members (knead_id, therapist) VALUES (?, ?)
                        ON CONFLICT (knead_id) DO UPDATE SET therapist = excluded.therapist
                        """, arguments: [member.kneadID, member.therapist])
                }
                for version in versions { try apply(version, now: now, db) }
                for session in sessions { try apply(session, now: now, db) }
                try apply(events, db)
                try setCursor(name, position, db)
                try db.execute(sql: "DELETE FROM sync_pulling")
            }
        }
    }

    private func apply(_ version: SyncedClientVersion, now: Double, _ db: Database) throws {
        let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM sync_client_versions WHERE version_id = ?",
                                      arguments: [version.versionID]) ?? false
        if known { return }
        let record = try Self.decodeRecord(version.record, id: ClientID(version.clientID))
        try db.execute(sql: """
            INSERT INTO sync_client_versions (version_id, client_id, base_id, merges, at, record, author)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [version.versionID, version.clientID, version.baseID, version.merges, version.at,
                             version.record, version.author])
        let newest = try String.fetchOne(db, sql: """
            SELECT version_id FROM sync_client_versions WHERE client_id = ? ORDER BY at DESC, version_id DESC LIMIT 1
            """, arguments: [version.clientID])
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM clients WHERE id = ?", arguments: [version.clientID]) ?? false
        if newest == version.versionID || !exists {
            try db.execute(sql: """
                INSERT INTO clients (id, name, preferred_name, record, archived, created_at, updated_at)
                VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name, preferred_name = excluded.preferred_name, record = excluded.record,
                    archived = excluded.archived, updated_at = excluded.updated_at
                """, arguments: [version.clientID, exactBytes(record.client.name), exactBytes(record.client.preferredName),
                                 version.record, record.archived, version.at, version.at])
            try Self.foldDirectoryKeys(of: version.clientID, db)
        }
        // Chained into this machine's versions of the client, as a version saved here would be.
        try insertVersion(of: version.clientID, at: version.at, record: version.record, db)
    }

    private func apply(_ session: SyncedSession, now: Double, _ db: Database) throws {
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM sessions WHERE id = ?", arguments: [session.id]) ?? false
        if exists { return }
        try db.execute(sql: """
            INSERT OR IGNORE INTO clients (id, name, preferred_name, record, archived, created_at, updated_at)
            VALUES (?, CAST(? AS TEXT), NULL, NULL, 0, ?, ?)
            """, arguments: [session.clientID, exactBytes(session.clientName), session.startedAt, session.startedAt])
        if db.changesCount > 0 { try Self.foldDirectoryKeys(of: session.clientID, db) }
        try db.execute(sql: """
            INSERT INTO sessions (id, client_id, client_name, started_at, planned_minutes, phase, updated_at)
            VALUES (?, ?, CAST(? AS TEXT), ?, ?, 'assessment', ?)
            """, arguments: [session.id, session.clientID, exactBytes(session.clientName), session.startedAt,
                             session.plannedMinutes, now])
        try db.execute(sql: "INSERT OR IGNORE INTO sync_foreign_sessions (session_id, owner) VALUES (?, ?)",
                       arguments: [session.id, session.owner ?? ""])
    }

    /// Inserts pulled events with every column this file has (unknown extra columns are left
    /// out), indexes their notes, and moves each session's phase on as the app's append does.
    private func apply(_ events: [SyncedEvent], _ db: Database) throws {
        guard !events.isEmpty else { return }
        let columns = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(events)").compactMap { $0["name"] as String? })
        var phases: [String: Phase] = [:]
        for event in events {
            let present = try Bool.fetchOne(db, sql: "SELECT 1 FROM events WHERE session_id = ? AND seq = ?",
                                            arguments: [event.sessionID, event.seq]) ?? false
            if present { continue }
            // The tamper-evidence hashes are worked out here, as knead's own append does: the chain
            // is per session, so they come out as on the machine that wrote the session, and the
            // session's start joins this machine's ledger (else verify would call it inserted).
            let extras = event.extra.filter {
                columns.contains($0.key) && !Self.knownEventColumns.contains($0.key) && !Self.sealColumns.contains($0.key)
            }.sorted { $0.key < $1.key }
            let hash = try JournalSeal.event(session: event.sessionID, seq: event.seq, at: event.at, type: event.type,
                                             payload: event.payload, db)
            let names = ["session_id", "seq", "at", "type", "payload", "content_hash", "hash"] + extras.map { "\"\($0.key)\"" }
            var arguments: [(any DatabaseValueConvertible)?] = [event.sessionID, event.seq, event.at, event.type, event.payload,
                                                                hash.content, hash.chain]
            for (_, value) in extras {
                switch value {
                case .null: arguments.append(nil)
                case .integer(let v): arguments.append(v)
                case .real(let v): arguments.append(v)
                case .text(let v): arguments.append(v)
                case .blob(let v): arguments.append(v)
                }
            }
            let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
            try db.execute(sql: "INSERT INTO events (\(names.joined(separator: ", "))) VALUES (\(marks))",
                           arguments: StatementArguments(arguments))
            let rowID = db.lastInsertedRowID
            if event.seq == 1 { try JournalSeal.ledger(session: event.sessionID, startHash: hash.content, db) }
            guard let change = EventPayload.decode(event.payload) else { continue }
            let session = SessionID(event.sessionID)
            try Self.index(change, session: session, seq: event.seq, rowID: rowID, db)
            if case .voided(let positions) = change {
                try Self.unindex(positions.map { $0 + 1 }, of: session, db)
            }
            let before: Phase
            if let known = phases[event.sessionID] {
                before = known
            } else {
                let raw = try String.fetchOne(db, sql: "SELECT phase FROM sessions WHERE id = ?", arguments: [event.sessionID])
                before = raw.flatMap(Phase.init(rawValue:)) ?? .assessment
            }
            phases[event.sessionID] = before.after(change)
        }
        for (session, phase) in phases {
            try db.execute(sql: "UPDATE sessions SET phase = ? WHERE id = ?", arguments: [phase.rawValue, session])
        }
    }
}
