import Foundation
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Opens Knead's SQLite file safely: private folder and files, WAL, full sync, current schema.
///
/// A file that is not a database, or that a newer Knead wrote, is refused before anything is
/// written to it.
///
/// The app writes and reads through one connection (a `DatabaseQueue` on the WAL file). GRDB's
/// `DatabasePool` is not used: at every open it made and dropped a table (`grdb_issue_102`)
/// whenever the `-wal` file was empty, which it always is after knead's last close, so each start
/// wrote a commit with two syncs and changed the schema before the first frame, and every other
/// connection then read the schema again. The app is single-threaded; the background checks, the
/// daily copy and the records commands read on connections of their own.
enum KneadDatabase {
    /// The first 16 bytes of every SQLite 3 database file.
    private static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Opens (creating if needed) the database at the location and brings its schema up to date.
    ///
    /// - Parameter sparePages: for tests only: caps the file at its size after opening plus that
    ///   many pages, as a full disk would.
    /// - Parameter upgrading: called once, before the migrations run, when an existing database
    ///   needs them (on a clinic's database some take minutes, before anything is on screen).
    static func open(at location: DataLocation, sparePages: Int? = nil,
                     upgrading: () -> Void = {}) throws -> DatabaseQueue {
        do {
            return try openChecked(at: location, sparePages: sparePages, upgrading: upgrading)
        } catch StoreError.damaged(let path, _) {
            // Name the backup to restore: the newest that checks out.
            throw StoreError.damaged(path: path, latestBackup: Backups.latestGood(location)?.lastPathComponent)
        }
    }

    /// Databases up to this size are checked with `PRAGMA quick_check` before knead writes into
    /// them (about 25 ms for 16 MiB here); larger ones get the full check in the background only.
    static let quickCheckLimit: Int64 = 16 << 20

    private static func openChecked(at location: DataLocation, sparePages: Int?,
                                    upgrading: () -> Void) throws -> DatabaseQueue {
        let folder = location.folder.path
        let path = location.databaseFile.path
        let siblings = [path, path + "-wal", path + "-shm"]

        try PrivateFiles.prepareFolder(folder)
        let created = try PrivateFiles.createFileIfMissing(path)
        var older = false
        if !created {
            try checkHeader(path)
            try checkWritable(path)
            try rollBackHotJournal(path)
            older = try refuseUnlessKnead(path)
        }
        // SQLite gives the -wal and -shm files the mode of the database file, so tighten it first.
        try PrivateFiles.tightenFiles(siblings)

        let pool: DatabaseQueue
        do {
            pool = try DatabaseQueue(path: path, configuration: configuration())
        } catch {
            throw StoreError(error, path: path)
        }
        do {
            try pool.writeWithoutTransaction(useWAL)
            try refuseNewer(pool, path: path)
            if older { upgrading() }
            try Schema.migrator.migrate(pool)
            if let sparePages {
                try pool.write { db in
                    let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                    try db.execute(sql: "PRAGMA max_page_count = \(pages + max(0, sparePages))")
                }
            }
        } catch {
            try? pool.close()
            throw StoreError(error, path: path)
        }
        try PrivateFiles.tightenFiles(siblings)
        return pool
    }

    /// The connection settings: foreign keys, a busy timeout, and GRDB's journal set-up left out
    /// (`journalMode = .default`): WAL is kept in the file itself (see ``useWAL(_:)``).
    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.journalMode = .default
        return config
    }

    /// Puts the connection in WAL mode with full sync: every commit reaches the disk (an
    /// `fdatasync` of the WAL) before it returns.
    ///
    /// WAL is a property of the file: a knead database is in WAL mode from its first open on, so
    /// this writes nothing then; only a new file or one in rollback-journal mode (a restored backup
    /// before knead first opens it) is switched, once.
    ///
    /// The `-wal` and `-shm` files stay when the connection closes (`SQLITE_FCNTL_PERSIST_WAL`),
    /// as they did when a pool's read-only connections closed last: knead empties the WAL into
    /// `knead.sqlite` at close, so the `-wal` left is empty, and a backup or a reader opened later
    /// finds the files it reads through instead of making them.
    private static func useWAL(_ db: Database) throws {
        if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw StoreError.failed(reason: "the database could not be put in WAL mode")
            }
        }
        try db.execute(sql: "PRAGMA synchronous = FULL")
        var persist: Int32 = 1
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
    }

    /// Refuses a file this process cannot open for writing (read-only file or disk, immutable file).
    ///
    /// Opening it is the real test: `access` answers yes to root even for a 0400 file.
    private static func checkWritable(_ path: String) throws {
        let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
        if fd >= 0 {
            close(fd)
            return
        }
        switch errno {
        case ENOENT, ENOTDIR: throw StoreError.folderNotWritable(path: (path as NSString).deletingLastPathComponent)
        default: throw StoreError.readOnly(path: path)
        }
    }

    /// Finishes what a power cut interrupted in a file that was in rollback-journal mode (a
    /// restored backup before knead first opens it, or one whose switch to WAL was cut): SQLite
    /// rolls a hot `-journal` back on the first read of a writable connection, which puts the
    /// file back exactly as it was before the interrupted write. A read-only connection cannot,
    /// and would call the file read-only; an `immutable` one would read the half-written pages.
    /// Any SQLite program opening the file does the same: it changes nothing that was committed.
    private static func rollBackHotJournal(_ path: String) throws {
        var info = stat()
        guard stat(path + "-journal", &info) == 0, info.st_size > 0 else { return }
        do {
            var config = Configuration()
            config.busyMode = .timeout(5)
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Refuses a non-empty file that does not start with the SQLite header, without writing to it.
    private static func checkHeader(_ path: String) throws {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.readOnly(path: path) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: sqliteHeader.count)
        let count = pread(fd, &bytes, bytes.count, 0)
        guard count >= 0 else { throw StoreError.notADatabase(path: path) }
        if count == 0 { return }
        guard bytes.prefix(count) == sqliteHeader[...] else { throw StoreError.notADatabase(path: path) }
    }

    /// Refuses a database that a newer Knead migrated: unknown migrations or a higher user_version.
    private static func refuseNewer(_ pool: DatabaseQueue, path: String) throws {
        let isNewer = try pool.read { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            return try version > Schema.version || Schema.migrator.hasBeenSuperseded(db)
        }
        if isNewer { throw StoreError.newerVersion(path: path) }
    }
}
