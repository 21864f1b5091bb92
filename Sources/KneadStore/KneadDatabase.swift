import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Opens Knead's SQLite file safely: private folder and files, WAL, full sync, current schema.
///
/// A file that is not a database, or that a newer Knead wrote, is refused before anything is
/// written to it.
enum KneadDatabase {
    /// The first 16 bytes of every SQLite 3 database file.
    private static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Opens (creating if needed) the database at the location and brings its schema up to date.
    ///
    /// - Parameter sparePages: for tests only: caps the file at its size after opening plus that
    ///   many pages, as a full disk would.
    static func open(at location: DataLocation, sparePages: Int? = nil) throws -> DatabasePool {
        do {
            return try openChecked(at: location, sparePages: sparePages)
        } catch StoreError.damaged(let path, _) {
            // Name the backup to restore: the newest that checks out.
            throw StoreError.damaged(path: path, latestBackup: Backups.latestGood(location)?.lastPathComponent)
        }
    }

    /// Databases up to this size are checked with `PRAGMA quick_check` before knead writes into
    /// them (about 25 ms for 16 MiB here); larger ones get the full check in the background only.
    static let quickCheckLimit: Int64 = 16 << 20

    private static func openChecked(at location: DataLocation, sparePages: Int?) throws -> DatabasePool {
        let folder = location.folder.path
        let path = location.databaseFile.path
        let siblings = [path, path + "-wal", path + "-shm"]

        try PrivateFiles.prepareFolder(folder)
        let created = try PrivateFiles.createFileIfMissing(path)
        if !created {
            try checkHeader(path)
            try checkWritable(path)
            try rollBackHotJournal(path)
            try refuseUnlessKnead(path)
        }
        // SQLite gives the -wal and -shm files the mode of the database file, so tighten it first.
        try PrivateFiles.tightenFiles(siblings)

        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch {
            throw StoreError(error, path: path)
        }
        do {
            // GRDB's WAL set-up ran after `prepareDatabase` and left the writer at NORMAL, which in
            // WAL mode syncs nothing at commit: every commit must reach the disk before it returns.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try refuseNewer(pool, path: path)
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

    /// The connection settings: WAL (a pool's own), foreign keys, a busy timeout. Full sync is
    /// set on the writer once the pool has set WAL up (see `open`): set here, GRDB overrides it.
    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        return config
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
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.readOnly(path: path) }
        defer { try? handle.close() }
        let bytes: Data
        do {
            bytes = try handle.read(upToCount: sqliteHeader.count) ?? Data()
        } catch {
            throw StoreError.notADatabase(path: path)
        }
        if bytes.isEmpty { return }
        guard Array(bytes) == sqliteHeader else { throw StoreError.notADatabase(path: path) }
    }

    /// Refuses a database that a newer Knead migrated: unknown migrations or a higher user_version.
    private static func refuseNewer(_ pool: DatabasePool, path: String) throws {
        let isNewer = try pool.read { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            return try version > Schema.version || Schema.migrator.hasBeenSuperseded(db)
        }
        if isNewer { throw StoreError.newerVersion(path: path) }
    }
}
