import Foundation
import GRDB
import KneadCore

/// The access log in the `access_log` table (migration `v-access-log`), append-only by triggers.
extension SQLiteJournal: AccessRecording {
    /// Appends an entry through the journal's own writer (the app, which holds the data open).
    public func recordAccess(_ entry: AccessEntry) throws {
        try translate {
            try dbPool.write { db in try Self.insert(entry, db) }
        }
    }

    /// Appends an entry through a short connection of its own, opened and closed around the one
    /// insert, for the commands that only read: they record the access first, then read through
    /// whatever connection they use (read-only, when they open the data that way). The file must
    /// exist and hold the access log; nothing else in it is touched.
    public static func recordAccess(_ entry: AccessEntry, at location: DataLocation) throws {
        let path = location.databaseFile.path
        // SQLite would create a missing file; an access log entry never makes a database.
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.failed(reason: "there is no knead data at \(path)")
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(5)
            // EXTRA, not FULL: in a file still in rollback-journal mode (a restored backup) the
            // commit is the journal's deletion, which only EXTRA syncs to the folder.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = EXTRA") }
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            try queue.write { db in try insert(entry, db) }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// The access log, oldest first: all of it, or the entries about one client.
    public func accessLog(client: ClientID? = nil) throws -> [AccessEntry] {
        try translate {
            try dbPool.read { db in
                let condition = client == nil ? "" : "WHERE client_id = ?"
                let rows = try Row.fetchAll(db, sql: """
                    SELECT at, CAST(who AS BLOB), action, client_id, CAST(detail AS BLOB)
                    FROM access_log \(condition) ORDER BY at, id
                    """, arguments: StatementArguments(client.map { [$0.rawValue] } ?? []))
                return try rows.map { row in
                    let raw = try row.decode(String.self, atIndex: 2)
                    return AccessEntry(at: Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 0)),
                                       who: try row.exactText(atIndex: 1) ?? "",
                                       action: AccessEntry.Action(rawValue: raw) ?? .record,
                                       client: try row.decode(String?.self, atIndex: 3).map(ClientID.init),
                                       detail: try row.exactText(atIndex: 4) ?? "")
                }
            }
        }
    }

    private static func insert(_ entry: AccessEntry, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO access_log (at, who, action, client_id, detail)
            VALUES (?, CAST(? AS TEXT), ?, ?, CAST(? AS TEXT))
            """, arguments: [entry.at.timeIntervalSinceReferenceDate, exactBytes(entry.who), entry.action.rawValue,
                             entry.client?.rawValue, exactBytes(entry.detail)])
    }
}

extension SQLiteJournal {
    /// Opens a reading journal's connection afresh after the access log was written through a
    /// connection of its own: an `immutable` connection assumes the file never changes, so it
    /// must not read on across that write.
    public func reopenAfterAccessEntry() throws {
        guard isReadOnly else { return }
        let fresh = try KneadDatabase.openForReading(at: location)
        let old = files.withLock { files -> any DatabaseWriter in
            defer { files.pool = fresh }
            return files.pool
        }
        try? old.close()
    }
}
