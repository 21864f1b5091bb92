import Foundation
import GRDB
import KneadCore

/// Client records: the latest version in `clients`, every version in `client_changes`.
extension SQLiteJournal {
    public func save(_ client: Client) throws {
        guard var record = try clientRecord(client.id) else {
            try save(ClientRecord(client: client))
            return
        }
        guard record.client != client else { return }
        record.client = client
        try save(record)
    }

    public func clientRecords(includingArchived: Bool) throws -> [ClientRecord] {
        let records = try translate {
            try dbPool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT id, CAST(name AS BLOB), CAST(preferred_name AS BLOB), record, archived FROM clients
                    \(includingArchived ? "" : "WHERE archived = 0")
                    """).map(record(from:))
            }
        }
        return Client.sortedByName(records, client: \.client)
    }

    public func clientRecord(_ id: ClientID) throws -> ClientRecord? {
        try translate {
            try dbPool.read { db in
                try Row.fetchOne(db, sql: "SELECT id, CAST(name AS BLOB), CAST(preferred_name AS BLOB), record, archived FROM clients WHERE id = ?",
                                 arguments: [id.rawValue]).map(record(from:))
            }
        }
    }

    public func save(_ record: ClientRecord) throws {
        let now = clock.now().timeIntervalSinceReferenceDate
        let json = try Self.encode(record)
        try checkBeforeWriting()
        defer { noteCommit() }
        try translate {
            try dbPool.write { db in
                try db.execute(sql: """
                    INSERT INTO clients (id, name, preferred_name, record, archived, created_at, updated_at)
                    VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        name = excluded.name, preferred_name = excluded.preferred_name, record = excluded.record,
                        archived = excluded.archived, updated_at = excluded.updated_at
                    """, arguments: [record.id.rawValue, exactBytes(record.client.name), exactBytes(record.client.preferredName), json,
                                     record.archived, now, now])
                try Self.foldDirectoryKeys(of: record.id.rawValue, db)
                try insertVersion(of: record.id.rawValue, at: now, record: json, db)
            }
        }
    }

    public func recordVersions(of id: ClientID) throws -> [Timed<ClientRecord>] {
        try translate {
            try dbPool.read { db in
                try Row.fetchAll(db, sql: "SELECT at, record FROM client_changes WHERE client_id = ? ORDER BY at, rowid",
                                 arguments: [id.rawValue]).map { row in
                    let at = Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 0))
                    return Timed(try Self.decodeRecord(try row.decode(String.self, atIndex: 1), id: id), at: at)
                }
            }
        }
    }

    /// Adds the client of a session's first event when the practice does not know them yet.
    /// A known client's record is left as it is.
    func insertIfNew(_ client: Client, now: Double, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM clients WHERE id = ?", arguments: [client.id.rawValue]) == nil
        else { return }
        let json = try Self.encode(ClientRecord(client: client))
        try db.execute(sql: """
            INSERT INTO clients (id, name, preferred_name, record, archived, created_at, updated_at)
            VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), ?, 0, ?, ?)
            """, arguments: [client.id.rawValue, exactBytes(client.name), exactBytes(client.preferredName), json, now, now])
        try Self.foldDirectoryKeys(of: client.id.rawValue, db)
        try insertVersion(of: client.id.rawValue, at: now, record: json, db)
    }

    /// Appends a version of a client's record, chained to that client's previous version.
    func insertVersion(of client: String, at: Double, record: String, _ db: Database) throws {
        let hash = try JournalSeal.clientVersion(client: client, at: at, record: record, db)
        try db.execute(sql: "INSERT INTO client_changes (client_id, at, record, content_hash, hash) VALUES (?, ?, ?, ?, ?)",
                       arguments: [client, at, record, hash.content, hash.chain])
    }

    /// A record from a `clients` row. Rows written before records existed hold only the name.
    private func record(from row: Row) throws -> ClientRecord {
        let id = ClientID(try row.decode(String.self, atIndex: 0))
        let client = Client(id: id, name: try row.exactText(atIndex: 1) ?? "",
                            preferredName: try row.exactText(atIndex: 2))
        var record = ClientRecord(client: client)
        if let json = try row.decode(String?.self, atIndex: 3) {
            record = try Self.decodeRecord(json, id: id)
        }
        record.client = client
        record.archived = try row.decode(Bool.self, atIndex: 4)
        return record
    }

    private static func encode(_ record: ClientRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let text = String(data: try encoder.encode(record), encoding: .utf8) else {
            throw StoreError.failed(reason: "a client record could not be written as text")
        }
        return text
    }

    static func decodeRecord(_ json: String, id: ClientID) throws -> ClientRecord {
        do {
            return try JSONDecoder().decode(ClientRecord.self, from: Data(json.utf8))
        } catch {
            throw StoreError.failed(reason: "the record of client \(id) cannot be read")
        }
    }
}
