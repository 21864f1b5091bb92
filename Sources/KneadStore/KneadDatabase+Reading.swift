import Foundation
import GRDB

/// Opening a database only to read it, and telling knead's own files from any other.
///
/// A reader changes no byte of any file: when no knead has the database open (no `-wal` and
/// `-shm` beside it) the file is opened `immutable`, so SQLite makes no `-wal` or `-shm` and
/// takes no lock; while a knead has it open, it is opened read-only and reads through that
/// knead's WAL. GRDB's pool is not used: it writes to a WAL file it opens (it creates and drops
/// a table), which would bump the schema version of every file read.
extension KneadDatabase {
    /// What a file holds, as far as knead is concerned.
    enum Contents: Equatable {
        /// No tables at all: a new file, or one where knead is about to make its database.
        case empty
        /// Knead's database at the schema this build writes.
        case knead
        /// Knead's database at an older schema, not yet migrated.
        case older
        /// Knead's database, migrated by a newer knead.
        case newer
        /// Tables of another program, none named like knead's.
        case foreign
        /// A table named like one of knead's that knead did not make.
        case conflicting(table: String)
    }

    /// The tables knead makes, and the columns it reads from the main ones.
    private static let kneadColumns: [String: Set<String>] = [
        "clients": ["id", "name", "preferred_name"],
        "sessions": ["id", "client_id", "client_name", "started_at", "planned_minutes", "phase"],
        "events": ["session_id", "seq", "at", "type", "payload"],
        "client_changes": ["client_id", "at", "record"],
        "note_search": ["session_id", "seq", "text"],
        "session_ledger": ["position", "session_id", "start_hash", "hash"],
        "journal_checks": [],
    ]

    /// Tells what a database holds, reading only.
    static func recognize(_ db: Database) throws -> Contents {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            """)
        if names.isEmpty {
            let other = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            return other == 0 ? .empty : .foreign
        }
        let tables = Set(names)
        var applied: Set<String> = []
        if tables.contains("grdb_migrations") {
            applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        // Another program's GRDB migrations are not knead's: knead's start with "v1".
        guard applied.contains("v1") else {
            let shared = names.filter { kneadColumns[$0] != nil }.sorted()
            return shared.first.map { .conflicting(table: $0) } ?? .foreign
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        // What GRDB's `hasBeenSuperseded` and `hasCompletedMigrations` say, from the identifiers
        // read once (each of those reads the table again, and the migrator is built anew).
        let known = knownMigrations
        if version > Schema.version || applied.contains(where: { !known.contains($0) }) { return .newer }
        for table in ["clients", "sessions", "events"] {
            guard tables.contains(table) else { return .foreign }
        }
        let present = try columns(of: kneadColumns.keys.filter { tables.contains($0) && !(kneadColumns[$0]?.isEmpty ?? true) }, db)
        for (table, columns) in kneadColumns where tables.contains(table) && !columns.isEmpty {
            if !columns.isSubset(of: present[table] ?? []) { return .conflicting(table: table) }
        }
        let completed = zip(known.filter(applied.contains), known).prefix { $0 == $1 }.map(\.0)
        return completed.last == known.last ? .knead : .older
    }

    /// The identifiers of the migrations this knead knows, in order.
    private static let knownMigrations = Schema.migrator.migrations

    /// The columns of each table, hidden ones included (as `PRAGMA table_xinfo` lists them), in
    /// one statement: GRDB's `columns(in:)` set up its schema cache first, table by table, which
    /// was 6 % of the start's CPU (`perf`).
    private static func columns(of tables: [String], _ db: Database) throws -> [String: Set<String>] {
        guard !tables.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: tables.count).joined(separator: ", ")
        var found: [String: Set<String>] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS p
            WHERE m.type = 'table' AND m.name IN (\(marks))
            """, arguments: StatementArguments(tables))
        while let row = try rows.next() {
            let table: String = row[0]
            let column: String = row[1]
            found[table, default: []].insert(column)
        }
        return found
    }

    /// Refuses, before anything is written, a file that is not knead's: another program's
    /// database, a table knead did not make, or a newer knead's database. An empty database is
    /// let through: this is where knead makes its database.
    ///
    /// A file of knead's up to `quickCheckLimit` is also checked with `PRAGMA quick_check` on the
    /// same connection (one connection and one read of the schema instead of two, at every start),
    /// and refused as damaged when the check finds anything.
    /// - Returns: true when it is an older knead's database, which the migrations will upgrade.
    @discardableResult
    static func refuseUnlessKnead(_ path: String) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return false }
        let contents: Contents
        var damaged = false
        do {
            let queue = try DatabaseQueue(path: readingPath(path), configuration: readingConfiguration())
            defer { try? queue.close() }
            contents = try queue.read(recognize)
            if Int64(info.st_size) <= quickCheckLimit, contents == .knead || contents == .older {
                damaged = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } != ["ok"]
            }
        } catch {
            throw StoreError(error, path: path)
        }
        if damaged { throw StoreError.damaged(path: path, latestBackup: nil) }
        switch contents {
        case .empty, .knead: return false
        case .older: return true
        case .newer: throw StoreError.newerVersion(path: path)
        case .foreign: throw StoreError.foreignDatabase(path: path)
        case .conflicting(let table): throw StoreError.conflictingTable(path: path, table: table)
        }
    }

    /// Opens an existing knead database only to read it, changing no byte of any file.
    ///
    /// - Throws: ``StoreError`` for a file that is missing, empty, not a database, another
    ///   program's, made by an older or a newer knead.
    static func openForReading(at location: DataLocation) throws -> DatabaseQueue {
        let path = location.databaseFile.path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileManager.default.fileExists(atPath: path) ? StoreError.readOnly(path: path)
                : StoreError.noRecordsYet(path: path)
        }
        let header = (try? handle.read(upToCount: 16)) ?? nil
        try? handle.close()
        guard let header, !header.isEmpty else { throw StoreError.noRecordsYet(path: path) }
        guard Array(header) == Array("SQLite format 3\u{0}".utf8) else { throw StoreError.notADatabase(path: path) }

        let queue: DatabaseQueue
        let contents: Contents
        do {
            queue = try DatabaseQueue(path: readingPath(path), configuration: readingConfiguration())
            contents = try queue.read(recognize)
        } catch {
            throw StoreError(error, path: path)
        }
        let refusal: StoreError? = switch contents {
        case .knead: nil
        case .empty: .noRecordsYet(path: path)
        case .older: .olderVersion(path: path)
        case .newer: .newerVersion(path: path)
        case .foreign: .foreignDatabase(path: path)
        case .conflicting(let table): .conflictingTable(path: path, table: table)
        }
        if let refusal {
            try? queue.close()
            throw refusal
        }
        return queue
    }

    /// Read-only, foreign keys and a busy timeout as for the writer.
    private static func readingConfiguration() -> Configuration {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        return config
    }

    /// The path to give SQLite: the file itself while a knead has it open (its `-wal` and
    /// `-shm` are there to read through), else an `immutable` URI so no file is made or locked.
    static func readingPath(_ path: String) -> String {
        let open = access(path + "-wal", F_OK) == 0 && access(path + "-shm", F_OK) == 0
        if open { return path }
        return "file:" + uriEscaped(path) + "?immutable=1"
    }

    /// The path as the path of a `file:` URI: every byte but an unreserved one (letters, digits,
    /// `-._~`) and `/` written as `%XX`, so a `?`, `#` or `%` in a folder's name stays part of
    /// the path. Byte by byte: Foundation's `addingPercentEncoding` built its character sets
    /// first, 6 % of the start's CPU in a profile.
    static func uriEscaped(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count * 3)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
