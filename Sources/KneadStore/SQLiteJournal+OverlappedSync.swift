import Foundation
import GRDB
import GRDBSQLite
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A check-in's commit and the frame that shows it, side by side.
///
/// Every commit is synced before knead shows it. Without overlap, SQLite syncs the WAL inside
/// COMMIT (`synchronous=FULL`), and the frame is drawn only after. With overlap on (the terminal
/// app turns it on), the writing connection is at `synchronous=NORMAL`, which writes the WAL at
/// COMMIT but does not sync it, and SQLite's WAL hook, called after every commit of that
/// connection (an append, a client saved, anything), queues the sync of the WAL on the
/// connection's own queue. The app draws the frame meanwhile, and the terminal runner sends it
/// only after ``SQLiteJournal/waitUntilSaved()`` returned. What reaches the disk, and when the
/// therapist sees it, is as with FULL: the same `fdatasync` of the same file before the frame.
/// Every later write of the connection, and the checkpoint at close, is queued behind the sync;
/// a read already waiting for the connection may run before it, so what sends the journal
/// elsewhere (the clinic push) syncs the WAL itself in the turn of the queue it reads in.
///
/// The level is set once when overlap is turned on, not around every append: `PRAGMA
/// synchronous` reads the schema (a read transaction of its own) and was, set twice per append,
/// about 80 µs of a check-in's 1.0 ms. The hook takes the place of SQLite's automatic
/// checkpoint (the same hook); knead checkpoints on its own tick (``SQLiteJournal/maintain()``).
///
/// A sync that fails is reported by `waitUntilSaved`, which first makes the record safe another
/// way (see there); every commit then syncs inside COMMIT again.
struct SyncOverlap: Sendable {
    /// Whether commits leave their sync to the queue.
    var enabled = false
    /// Syncs queued and not yet waited for, oldest first.
    var pending: [PendingSync] = []
    /// How a queued sync is done: ``SQLiteJournal/syncWAL(_:)``; tests make it fail or wait.
    var sync: @Sendable (Database) -> Int32 = SQLiteJournal.syncWAL
    /// The connection whose commits queue a sync, while overlap is on.
    var writer: (any DatabaseWriter)?
    /// The WAL's size after knead last wrote zeros ahead of SQLite's frames (see
    /// ``SQLiteJournal/keepWALHeadroom(_:)``), or -1 before the first time; nil once the disk
    /// refused the zeros (a full disk: knead does not try again while it runs).
    var walPrepared: Int64? = -1
}

/// One queued sync of the WAL: its SQLite result code, once it ran. Any number of threads may
/// wait for it.
final class PendingSync: Sendable {
    private let done = DispatchGroup()
    private let code = Mutex<Int32>(SQLITE_ERROR)

    init() { done.enter() }

    func finish(_ result: Int32) {
        code.withLock { $0 = result }
        done.leave()
    }

    /// Waits for the sync and returns its result code.
    func wait() -> Int32 {
        done.wait()
        return code.withLock { $0 }
    }
}

extension SQLiteJournal {
    /// Whether commits overlap their sync with drawing (see ``SyncOverlap``). Turning it off
    /// leaves the syncs already queued to ``waitUntilSaved()``. When the connection cannot be
    /// set back to `synchronous=FULL`, nothing more is written into the database, rather than
    /// commits that would not sync.
    public var overlapsSync: Bool {
        get { syncOverlap.withLock { $0.enabled } }
        set {
            guard newValue != overlapsSync else { return }
            do {
                try setOverlap(newValue)
            } catch where !newValue {
                _ = stopWriting(because: "the connection to \(databasePath) could not be set back to synchronous=FULL (\(error))")
            } catch {
                // Not turned on: commits go on syncing inside COMMIT.
            }
        }
    }

    /// Puts the writing connection at `synchronous=NORMAL` with the WAL hook that queues each
    /// commit's sync, or back at FULL without it.
    func setOverlap(_ on: Bool) throws {
        let writer = dbPool
        try translate {
            try writer.writeWithoutTransaction { db in
                let connection = db.sqliteConnection
                if on {
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    syncOverlap.withLock { $0.writer = writer }
                    sqlite3_wal_hook(connection, SQLiteJournal.walCommitted, Unmanaged.passUnretained(self).toOpaque())
                } else {
                    // FULL first: if SQLite refuses it, the hook stays, and every commit still
                    // queues a sync that the frame waits for.
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    sqlite3_wal_hook(connection, nil, nil)
                    sqlite3_wal_autocheckpoint(connection, 1000)  // SQLite's own hook and default again
                    syncOverlap.withLock { $0.writer = nil }
                }
                syncOverlap.withLock { $0.enabled = on }
            }
        }
    }

    /// SQLite's WAL hook while overlap is on: called on the connection's queue after each of its
    /// commits, the frames written and not synced.
    static let walCommitted: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
        context, _, _, _ in
        if let context { Unmanaged<SQLiteJournal>.fromOpaque(context).takeUnretainedValue().queueSync() }
        return SQLITE_OK
    }

    /// Nothing more is written into the database, for `reason`; returns the error that says so.
    func stopWriting(because reason: String) -> StoreError {
        let stop = StoreError.failed(reason: reason + "; knead writes nothing more into it")
        syncOverlap.withLock { $0.enabled = false }
        files.withLock { $0.damage = stop }
        return stop
    }

    /// Returns once every append so far is synced to disk.
    ///
    /// When a sync failed, the WAL's frames are committed but maybe not on disk, and nothing would
    /// write them again: knead then copies the WAL into `knead.sqlite` and syncs it (a truncating
    /// checkpoint, synced as SQLite syncs every checkpoint), and commits sync inside COMMIT from
    /// then on. When that fails too, nothing more is written into the database (as for a damaged
    /// one).
    /// - Throws: ``StoreError`` when a sync failed, saying whether the record was made safe.
    public func waitUntilSaved() throws {
        let pending = syncOverlap.withLock { overlap in
            defer { overlap.pending = [] }
            return overlap.pending
        }
        var failure: Int32?
        for sync in pending {
            let result = sync.wait()
            if result != SQLITE_OK, failure == nil { failure = result }
        }
        guard let failure else { return }
        let refused = "the disk refused to sync \(databasePath) (SQLite result \(failure))"
        do {
            try setOverlap(false)
        } catch {
            throw stopWriting(because: refused + ", and the connection could not be set back to synchronous=FULL (\(error))")
        }
        do {
            try copyWALIntoDatabase()
        } catch {
            throw stopWriting(because: refused + ", and copying it into the database failed too (\(error))")
        }
        throw StoreError.failed(reason: refused + "; knead copied the record into the database file and synced it")
    }

    /// A truncating checkpoint that must complete: every WAL frame copied into `knead.sqlite`,
    /// both files synced, the WAL emptied.
    func copyWALIntoDatabase() throws {
        try translate {
            try dbPool.writeWithoutTransaction { db in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                guard let row, (row[0] as Int?) == 0 else {
                    throw StoreError.failed(reason: "a reader kept the WAL from being copied into the database")
                }
            }
        }
    }

    /// Queues the WAL's sync behind the commit just made (from the WAL hook, on the connection's
    /// queue), and counts the commit towards the next checkpoint: the hook takes the place of
    /// SQLite's automatic one.
    func queueSync() {
        noteCommit()
        let pending = PendingSync()
        let (writer, sync) = syncOverlap.withLock { overlap in
            overlap.pending.append(pending)
            return (overlap.writer, overlap.sync)
        }
        guard let writer else {
            pending.finish(SQLITE_MISUSE)
            return
        }
        writer.asyncWriteWithoutTransaction { [self] db in
            // A connection closed meanwhile (its files were put back, or knead closed): nothing
            // of it to sync, and its commit was copied by the truncating checkpoint before.
            guard db.sqliteConnection != nil else {
                pending.finish(SQLITE_OK)
                return
            }
            let result = sync(db)
            pending.finish(result)
            if result == SQLITE_OK { keepWALHeadroom(db) }
        }
    }

    /// Syncs the connection's WAL file as COMMIT would under `synchronous=FULL`: SQLite's own
    /// file object, through its VFS (`fdatasync`, and the folder too on the file's first sync).
    static func syncWAL(_ db: Database) -> Int32 {
        let (file, found) = walFile(db)
        guard let file, let sync = file.pointee.pMethods?.pointee.xSync else {
            return found == SQLITE_OK ? SQLITE_MISUSE : found
        }
        return sync(file, SQLITE_SYNC_NORMAL)
    }

    /// Bytes of zeros kept written and synced past the end of the WAL: about 30 check-ins.
    static let walHeadroom: Int64 = 1 << 20

    /// Keeps zeros written and synced ahead of SQLite's frames in the WAL, so that the sync of
    /// a commit writes data only.
    ///
    /// A sync that makes the file longer must also commit the file system's journal (the new size
    /// and the blocks it took): on this machine's ext4, `Benchmarks/fsync-probe.c` with a
    /// check-in's 8 pages took 0.17–0.22 ms appended against 0.11 ms written over pages on disk.
    /// SQLite appends a commit's frames at the end of the WAL and, after a checkpoint, starts
    /// again at its beginning; it never shrinks the file but for a truncating checkpoint. So whenever the file is not the
    /// size knead last made it (SQLite wrote past the zeros, or the WAL was truncated), knead
    /// writes ``walHeadroom`` bytes of zeros after its end and syncs them. Zeros past the last
    /// frame are what SQLite already expects there: a frame whose salt and checksum do not match
    /// ends the log, so nothing reads them as a commit.
    ///
    /// Runs on the connection's queue under the WAL's write lock (an immediate transaction that
    /// writes nothing), so no other connection's frames can be where the zeros go. When the disk
    /// refuses, what was added is cut off again, and the commits go on as before without it.
    func keepWALHeadroom(_ db: Database) {
        guard let file = Self.walFile(db).file, let methods = file.pointee.pMethods?.pointee,
              let fileSize = methods.xFileSize, let write = methods.xWrite, let truncate = methods.xTruncate,
              let sync = methods.xSync else { return }
        var size: sqlite3_int64 = 0
        guard fileSize(file, &size) == SQLITE_OK, let known = syncOverlap.withLock({ $0.walPrepared }), size != known else { return }
        var prepared: Int64? = size
        try? db.inTransaction(.immediate) {
            guard fileSize(file, &size) == SQLITE_OK else { return .commit }
            // In pieces: SQLite's unix VFS writes at most 128 KiB - 1 at a time (it masks the count).
            let piece = 64 << 10
            let zeros = [UInt8](repeating: 0, count: piece)
            var written = SQLITE_OK
            var offset = size
            while written == SQLITE_OK, offset < size + Self.walHeadroom {
                written = zeros.withUnsafeBytes { write(file, $0.baseAddress, Int32(piece), offset) }
                offset += Int64(piece)
            }
            if written == SQLITE_OK, sync(file, SQLITE_SYNC_NORMAL) == SQLITE_OK {
                prepared = size + Self.walHeadroom
            } else {
                _ = truncate(file, size)
                prepared = nil
            }
            return .commit
        }
        syncOverlap.withLock { $0.walPrepared = prepared }
    }

    /// SQLite's own file object for the connection's WAL (nil unless `code` is `SQLITE_OK`).
    static func walFile(_ db: Database) -> (file: UnsafeMutablePointer<sqlite3_file>?, code: Int32) {
        var file: UnsafeMutablePointer<sqlite3_file>?
        let found = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file)
        return (found == SQLITE_OK ? file : nil, found)
    }
}
