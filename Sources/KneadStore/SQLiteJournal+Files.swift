import Foundation
import GRDB
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Which file a path named when it was looked at: its device and inode.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    /// The file at a path now, or nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// The database file and its WAL, as the journal opened them.
struct DatabaseFiles: Hashable, Sendable {
    var database: FileIdentity?
    var wal: FileIdentity?
    var shm: FileIdentity?

    init(path: String) {
        database = FileIdentity(path: path)
        wal = FileIdentity(path: path + "-wal")
        shm = FileIdentity(path: path + "-shm")
    }

    /// Whether the database and WAL paths still name the files that were opened.
    func stillNamedBy(path: String) -> Bool {
        FileIdentity(path: path) == database && FileIdentity(path: path + "-wal") == wal
    }
}

/// The journal's open database and what it knows about it.
struct OpenDatabase: Sendable {
    var pool: any DatabaseWriter
    /// The files the pool opened.
    var opened: DatabaseFiles
    /// Set when the files were found moved, deleted or replaced: nothing is written until they are put back.
    var moved = false
    /// Set when the full check found the database damaged: nothing is written into it any more.
    var damage: StoreError?
    /// Whether the full check's finding was already shown.
    var damageShown = false
    /// Commits since the last checkpoint, and ticks since the last commit.
    var commitsSinceCheckpoint = 0
    var idleTicks = 0
    /// Whether the sessions of the last days without a summary row were looked for.
    var missingSummariesLooked = false

    init(pool: any DatabaseWriter) {
        self.pool = pool
        opened = DatabaseFiles(path: pool.path)
    }
}

extension SQLiteJournal {
    /// Commits after which the WAL is checkpointed even while knead is busy.
    static let checkpointEveryCommits = 100
    /// Ticks (seconds) without a commit after which the WAL is checkpointed.
    static let checkpointWhenIdleTicks = 2

    /// Refuses to write when the files under the journal are no longer the ones it opened, or
    /// when the database was found damaged.
    ///
    /// A moved file is reported as ``StoreError/filesMoved(folder:)``, which the app treats like a
    /// full disk: the action is shown and waits until ``maintain()`` has put the files back.
    func checkBeforeWriting() throws {
        try files.withLock { files in
            if let damage = files.damage { throw damage }
            if files.moved || !files.opened.stillNamedBy(path: databasePath) {
                files.moved = true
                throw StoreError.filesMoved(folder: location.folder.path)
            }
        }
    }

    /// Counts a commit towards the next checkpoint.
    func noteCommit() {
        files.withLock { files in
            files.commitsSinceCheckpoint += 1
            files.idleTicks = 0
        }
    }

    /// Moves everything the WAL holds into the database file and empties the WAL
    /// (`wal_checkpoint(TRUNCATE)`), so that `knead.sqlite` alone is the whole data.
    public func checkpoint() throws {
        try translate {
            try dbPool.writeWithoutTransaction { db in
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        files.withLock { $0.commitsSinceCheckpoint = 0 }
    }

    /// Keeps the files healthy while knead runs; call it about once a second (the app's tick).
    ///
    /// Puts back files moved, deleted or replaced under the open database; checkpoints the WAL
    /// into `knead.sqlite` once knead has been idle for a couple of seconds, or every
    /// ``checkpointEveryCommits`` commits (a passive checkpoint, which never waits for a reader).
    ///
    /// - Returns: a sentence to show once, when the files were put back, could not be, or the
    ///   full check found the database damaged.
    public func maintain() -> String? {
        if let notice = restoreFilesIfMoved() { return notice }
        let (due, quiet, damage) = files.withLock { files -> (Bool, Bool, StoreError?) in
            files.idleTicks += 1
            var damage: StoreError?
            if let found = files.damage, !files.damageShown {
                files.damageShown = true
                damage = found
            }
            let due = files.commitsSinceCheckpoint > 0
                && (files.idleTicks >= Self.checkpointWhenIdleTicks || files.commitsSinceCheckpoint >= Self.checkpointEveryCommits)
            return (due, files.idleTicks >= Self.checkpointWhenIdleTicks, damage)
        }
        if let damage { return damage.description }
        if quiet || due {
            deferMissingRecentSummaries()
            try? writeDeferredSummaries()
        }
        if due {
            do {
                try dbPool.writeWithoutTransaction { db in
                    _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                }
                files.withLock { $0.commitsSinceCheckpoint = 0 }
            } catch {
                // A checkpoint that cannot run now (a reader, a full disk) runs at a later tick.
            }
        }
        return nil
    }

    /// Runs SQLite's full `integrity_check` on its own read-only connection, in the background;
    /// when it finds damage, nothing more is written and ``maintain()`` says so once.
    public func checkIntegrityInBackground() {
        let path = databasePath
        let location = location
        Thread.detachNewThread { [self] in
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            let problems: [String]
            do {
                let reader = try DatabaseQueue(path: path, configuration: configuration)
                defer { try? reader.close() }
                problems = try reader.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                problems = ["damaged"]
            } catch {
                return  // could not run the check (busy, moved): no finding
            }
            guard problems != ["ok"] else { return }
            let damage = StoreError.damaged(path: path, latestBackup: Backups.latestGood(location)?.lastPathComponent)
            files.withLock { $0.damage = damage }
        }
    }

    /// Whether the last full check found the database damaged.
    public var isDamaged: Bool { files.withLock { $0.damage != nil } }

    // MARK: - Putting files back

    /// When the database or WAL paths no longer name the files the journal opened (deleted, moved
    /// or replaced behind knead's back), puts the data back where it belongs and reopens it.
    ///
    /// Everything is first checkpointed into the database file the journal still holds open
    /// (even if deleted, it lives on while open). Then, if `knead.sqlite` is not that file, a copy
    /// of it is written there; a file found in its place is never destroyed but kept in the
    /// backups folder. Finally the journal reopens on `knead.sqlite`.
    ///
    /// - Returns: a sentence saying what happened, nil when the files were in place.
    func restoreFilesIfMoved() -> String? {
        guard !isReadOnly else { return nil }
        let (pool, opened, flagged) = files.withLock { ($0.pool, $0.opened, $0.moved) }
        guard flagged || !opened.stillNamedBy(path: databasePath) else { return nil }
        files.withLock { $0.moved = true }
        let folder = location.folder.path
        // The old connection goes back to FULL without the WAL hook before its last checkpoint;
        // the new one takes the overlap over.
        let overlapping = overlapsSync
        if overlapping { try? setOverlap(false) }
        do {
            try pool.writeWithoutTransaction { db in
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try PrivateFiles.prepareFolder(folder)
            let stamp = replacedStamp()
            var keptAside: [String] = []
            let path = databasePath
            if FileIdentity(path: path) != opened.database {
                let copy = path + ".restoring"
                try writeCopy(of: pool, to: copy)
                if FileManager.default.fileExists(atPath: path) {
                    keptAside.append(try keepAside(path, as: "replaced-\(stamp).sqlite"))
                }
                guard rename(copy, path) == 0 else { throw StoreError.folderNotWritable(path: folder) }
                Backups.syncFolder(folder)
            }
            // A -wal or -shm file that is not the open database's would be read as its own.
            for (suffix, identity) in [("-wal", opened.wal), ("-shm", opened.shm)] {
                let sibling = path + suffix
                if let found = FileIdentity(path: sibling), found != identity {
                    keptAside.append(try keepAside(sibling, as: "replaced-\(stamp).sqlite\(suffix)"))
                }
            }
            try? pool.close()
            let reopened = try KneadDatabase.open(at: location, sparePages: sparePages)
            files.withLock { files in
                files.pool = reopened
                files.opened = DatabaseFiles(path: reopened.path)
                files.moved = false
                files.commitsSinceCheckpoint = 0
            }
            lastAppend.withLock { $0 = nil }  // its data version was the old connection's
            if overlapping { try? setOverlap(true) }
            let kept = keptAside.isEmpty ? ""
                : " The files found in their place are kept in \(Backups.folder(of: location).path) as "
                + keptAside.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ") + "."
            return "Data files were put back: \(DataLocation.databaseFileName) in \(folder) had been moved, deleted or "
                + "replaced while knead was open; it holds all the data again and knead saves there.\(kept)"
        } catch {
            return "Data files could not be put back yet: \(DataLocation.databaseFileName) in \(folder) was moved, deleted "
                + "or replaced while knead was open (\(StoreError(error, path: databasePath).description)) "
                + "What you do is kept and saved once it is back; do not quit knead."
        }
    }

    /// Writes a whole, synced, single-file copy of the open database (SQLite's online backup).
    private func writeCopy(of pool: any DatabaseWriter, to path: String) throws {
        _ = unlink(path)
        try PrivateFiles.createFileIfMissing(path)
        do {
            let target = try DatabaseQueue(path: path)
            defer { try? target.close() }
            try pool.backup(to: target)
            try target.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
        } catch {
            _ = unlink(path)
            throw error
        }
        Backups.syncFile(path)
    }

    /// Moves a file found where the data belongs into the backups folder, under a name of its own.
    private func keepAside(_ path: String, as name: String) throws -> String {
        let backups = Backups.folder(of: location).path
        try PrivateFiles.prepareFolder(backups)
        var target = (backups as NSString).appendingPathComponent(name)
        var number = 2
        while FileManager.default.fileExists(atPath: target) {
            target = (backups as NSString).appendingPathComponent("\(number)-" + name)
            number += 1
        }
        guard rename(path, target) == 0 else { throw StoreError.folderNotWritable(path: backups) }
        Backups.syncFolder(backups)
        Backups.syncFolder(location.folder.path)
        return target
    }

    /// The moment, for the names of files kept aside.
    private func replacedStamp() -> String {
        String(Backups.manualFileName(at: clock.now(), timeZone: .current).dropFirst("knead-".count).dropLast(".sqlite".count))
    }
}
