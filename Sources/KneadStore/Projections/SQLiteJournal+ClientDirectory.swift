import Foundation
import GRDB
import KneadCore

/// The client directory: what the client picker lists and matches, one narrow row per client
/// (`client_directory`), so that opening it reads names and folded keys instead of decoding every
/// record.
///
/// Triggers copy each write of `clients` (the name, preferred name, phone and archived flag of
/// the latest version) in the same statement, whoever writes it, with the folded keys NULL (not
/// folded yet); the journal folds them in the same transaction (``foldDirectoryKeys(of:_:)``). A
/// row written past the journal, its keys still NULL, is folded when it is read, so the directory
/// always answers as the records do.
extension SQLiteJournal {
    /// The phone of a `clients` row's record, from its JSON (nothing when it cannot be read).
    private static func phone(of row: String) -> String {
        "CASE WHEN json_valid(\(row).record) THEN json_extract(\(row).record, '$.phone') END"
    }

    /// Creates the directory and its triggers, and fills it from `clients` (migration
    /// `v12-client-directory`).
    static func createClientDirectory(_ db: Database) throws {
        let copy = """
            INSERT OR REPLACE INTO client_directory (client_id, name, preferred_name, phone, archived)
                VALUES (NEW.id, NEW.name, NEW.preferred_name, \(phone(of: "NEW")), NEW.archived);
            """
        try db.execute(sql: """
            CREATE TABLE client_directory (
                client_id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                preferred_name TEXT,
                phone TEXT,
                archived INTEGER NOT NULL,
                sort_key BLOB,
                search_key BLOB,
                phone_digits BLOB
            ) WITHOUT ROWID;

            CREATE TRIGGER client_directory_insert AFTER INSERT ON clients
            BEGIN
                \(copy)
            END;
            CREATE TRIGGER client_directory_update AFTER UPDATE ON clients
            BEGIN
                DELETE FROM client_directory WHERE client_id = OLD.id;
                \(copy)
            END;
            CREATE TRIGGER client_directory_delete AFTER DELETE ON clients
            BEGIN
                DELETE FROM client_directory WHERE client_id = OLD.id;
            END;
            """)
        try rebuildClientDirectory(db)
    }

    /// Rebuilds the directory from `clients`, every key folded again.
    static func rebuildClientDirectory(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM client_directory;
            INSERT INTO client_directory (client_id, name, preferred_name, phone, archived)
                SELECT id, name, preferred_name, \(phone(of: "clients")), archived FROM clients;
            """)
        let ids = try String.fetchAll(db, sql: "SELECT client_id FROM client_directory")
        for id in ids { try foldDirectoryKeys(of: id, db) }
    }

    /// Rebuilds the client directory from the clients' records, in one transaction.
    public func rebuildClientDirectory() throws {
        do {
            try dbPool.write { db in try Self.rebuildClientDirectory(db) }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }

    /// Folds the keys of a client's directory row, as the triggers just copied it from `clients`.
    static func foldDirectoryKeys(of client: String, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT CAST(name AS BLOB), CAST(preferred_name AS BLOB), CAST(phone AS BLOB) FROM client_directory WHERE client_id = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [client]) else { return }
        let entry = try folded(ClientID(client), row, atIndex: 0)
        // An empty key is an empty blob, not NULL (which means "not folded yet"): GRDB binds empty Data as NULL.
        try db.cachedStatement(sql: """
            UPDATE client_directory SET sort_key = coalesce(?, x''), search_key = coalesce(?, x''), phone_digits = coalesce(?, x'')
            WHERE client_id = ?
            """)
            .execute(arguments: [Data(entry.client.sortKey.utf8), Data(entry.key.haystack.utf8), Data(entry.key.digits.utf8), client])
    }

    /// A client and its key folded from the name, preferred name and phone columns at `index`.
    private static func folded(_ id: ClientID, _ row: Row, atIndex index: Int) throws -> (client: Client, key: ClientSearchKey) {
        let client = Client(id: id, name: try row.exactText(atIndex: index) ?? "", preferredName: try row.exactText(atIndex: index + 1))
        return (client, ClientSearchKey(client, phone: try row.exactText(atIndex: index + 2) ?? ""))
    }

    /// Every client not archived, by name, with their folded search keys.
    ///
    /// Rows written past the journal (SQL run by hand) have no keys yet: a journal that may write
    /// folds them for good the first time it meets them, so later reads are the quick one again;
    /// one that may not (or whose write fails) folds them as it reads.
    public func clientDirectory() throws -> ClientDirectory {
        try translate {
            if let directory = try dbPool.read(Self.keptClientDirectory) { return directory }
            if foldUnfoldedDirectoryKeys(), let directory = try dbPool.read(Self.keptClientDirectory) {
                return directory
            }
            return try dbPool.read(Self.clientDirectoryFoldingAsRead)
        }
    }

    /// Folds the rows without keys for good, when this journal may write now (not read-only, not
    /// damaged, its files where it opened them: the same guard as every other write). True when done.
    private func foldUnfoldedDirectoryKeys() -> Bool {
        guard !isReadOnly, (try? checkBeforeWriting()) != nil else { return false }
        guard (try? dbPool.write(Self.foldUnfoldedDirectoryKeys)) != nil else { return false }
        noteCommit()
        return true
    }

    /// Folds the keys of every directory row that has none.
    private static func foldUnfoldedDirectoryKeys(_ db: Database) throws {
        let unfolded = try String.fetchAll(db, sql: """
            SELECT client_id FROM client_directory WHERE sort_key IS NULL OR search_key IS NULL OR phone_digits IS NULL
            """)
        for client in unfolded { try foldDirectoryKeys(of: client, db) }
    }

    /// The directory from its kept keys; nil when a row has none.
    private static func keptClientDirectory(_ db: Database) throws -> ClientDirectory? {
        var directory = ClientDirectory()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT client_id, CAST(name AS BLOB), CAST(preferred_name AS BLOB), search_key, phone_digits,
                   sort_key IS NULL OR search_key IS NULL OR phone_digits IS NULL
            FROM client_directory WHERE archived = 0 ORDER BY sort_key, client_id
            """)
        while let row = try rows.next() {
            if try row.decode(Bool.self, atIndex: 5) { return nil }
            let client = Client(id: ClientID(try row.decode(String.self, atIndex: 0)), name: try row.exactText(atIndex: 1) ?? "",
                                preferredName: try row.exactText(atIndex: 2))
            try row.withUnsafeData(atIndex: 3) { haystack in
                try row.withUnsafeData(atIndex: 4) { digits in
                    directory.append(client, haystack: haystack ?? Data(), digits: digits ?? Data())
                }
            }
        }
        return directory
    }

    /// The directory when some rows were written without their keys: those are folded here.
    private static func clientDirectoryFoldingAsRead(_ db: Database) throws -> ClientDirectory {
        let rows = try Row.fetchAll(db, sql: """
            SELECT client_id, CAST(name AS BLOB), CAST(preferred_name AS BLOB), CAST(phone AS BLOB),
                   CAST(search_key AS BLOB), CAST(phone_digits AS BLOB), search_key IS NULL OR phone_digits IS NULL
            FROM client_directory WHERE archived = 0
            """)
        let entries = try rows.map { row in
            let id = ClientID(try row.decode(String.self, atIndex: 0))
            let entry = try folded(id, row, atIndex: 1)
            guard try !row.decode(Bool.self, atIndex: 6) else { return entry }
            let kept = ClientSearchKey(haystack: try row.exactText(atIndex: 4) ?? "", digits: try row.exactText(atIndex: 5) ?? "")
            return (entry.client, kept)
        }
        var directory = ClientDirectory()
        for entry in Client.sortedByName(entries, client: \.client) { directory.append(entry.client, key: entry.key) }
        return directory
    }
}
