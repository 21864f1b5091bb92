import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Putting a checked backup back as the live data.
extension Backups {

    /// What a restore did.
    public struct Restored: Sendable {
        /// What is now the live data.
        public var restored: Summary
        /// Where the data that was replaced was kept, if there was any.
        public var previous: URL?
    }

    /// Replaces the data at `location` with a checked backup. The data it replaces is first copied
    /// to `backups/before-restore-….sqlite`; the backup file itself is only read.
    ///
    /// The caller must make sure no knead has the data open.
    public static func restore(_ backup: URL, into location: DataLocation, now: Date, timeZone: TimeZone) throws -> Restored {
        try restore(backup, into: location, now: now, timeZone: timeZone, fault: nil)
    }

    /// ``restore(_:into:now:timeZone:)`` with a failure made to happen halfway, for tests.
    ///
    /// The backup is copied into `knead.sqlite.restoring` beside the data and checked there; only
    /// then is the data switched out of WAL (a checkpoint: its content stays) and the copy renamed
    /// over it. A failure at any step before the rename leaves the data as it was.
    static func restore(_ backup: URL, into location: DataLocation, now: Date, timeZone: TimeZone,
                        fault: RestoreFault?) throws -> Restored {
        _ = try check(backup)
        let live = location.databaseFile.path
        var previous: URL?
        do {
            try PrivateFiles.prepareFolder(location.folder.path)
        } catch let error as StoreError {
            throw BackupError.cannotWrite(path: live, reason: error.description)
        }
        if FileManager.default.fileExists(atPath: live) {
            let stamp = String(manualFileName(at: now, timeZone: timeZone).dropFirst("knead-".count))
            let keep = unusedName("before-restore-" + stamp, in: folder(of: location))
            do {
                try copy(location, to: keep)
                previous = keep
            } catch let error as BackupError where error.isDamagedSource {
                // The data being replaced cannot be read as a database: keep its bytes as they are.
                let damaged = unusedName("damaged-" + stamp, in: folder(of: location))
                try moveAside(live, to: damaged.path)
                previous = damaged
            }
        }
        let staging = live + ".restoring"
        removeQuietly(staging)
        removeQuietly(staging + "-journal")
        defer { removeQuietly(staging); removeQuietly(staging + "-journal") }
        do {
            try PrivateFiles.createFileIfMissing(staging)
            let restored: Summary
            do {
                let reader = try DatabaseQueue(path: backup.standardizedFileURL.path, configuration: readOnlyConfiguration())
                defer { try? reader.close() }
                let writer = try DatabaseQueue(path: staging, configuration: Configuration())
                defer { try? writer.close() }
                if fault == .diskFullWhileCopying {
                    try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 3") }
                }
                try reader.backup(to: writer)
                // Out of WAL mode (one self-contained file); EXTRA syncs the rollback journal's
                // removal too, so a power cut cannot bring a journal back against the copy.
                try writer.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                    try db.execute(sql: "PRAGMA synchronous = EXTRA")
                }
                if fault == .ioErrorAfterCopy { throw DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error") }
                _ = try check(URL(fileURLWithPath: staging))
                restored = try inspect(writer, file: location.databaseFile)
            }
            syncFile(staging)
            // The data out of WAL mode (this checkpoints and removes its -wal file, its content
            // stays), so that no old -wal is ever read against the restored file.
            if FileManager.default.fileExists(atPath: live) {
                let current = try DatabaseQueue(path: live, configuration: Configuration())
                defer { try? current.close() }
                try current.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                    try db.execute(sql: "PRAGMA synchronous = EXTRA")
                }
            }
            guard rename(staging, live) == 0 else {
                throw BackupError.cannotWrite(path: live, reason: String(cString: strerror(errno)))
            }
            removeQuietly(live + "-wal")
            removeQuietly(live + "-shm")
            try PrivateFiles.tightenFiles([live])
            syncFolder(location.folder.path)
            return Restored(restored: restored, previous: previous)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw BackupError.cannotWrite(path: live, reason: "the disk is full; the previous data is kept in \(previous?.path ?? "place")")
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError.cannotWrite(path: live, reason: reason(error))
        }
    }

    /// `NAME` in the folder, or `NAME-2`, `NAME-3`… (before the extension) when it is taken,
    /// counting its -wal and -shm: two restores in one second keep both earlier copies.
    static func unusedName(_ name: String, in folder: URL) -> URL {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        var candidate = folder.appendingPathComponent(name)
        var number = 2
        func taken(_ url: URL) -> Bool {
            ["", "-wal", "-shm", ".partial"].contains { FileManager.default.fileExists(atPath: url.path + $0) }
        }
        while taken(candidate) {
            candidate = folder.appendingPathComponent("\(base)-\(number)" + (ext.isEmpty ? "" : "." + ext))
            number += 1
        }
        return candidate
    }

    /// Moves a damaged database and its -wal/-shm files into the backup folder byte for byte.
    private static func moveAside(_ live: String, to target: String) throws {
        do {
            try PrivateFiles.prepareFolder((target as NSString).deletingLastPathComponent)
        } catch let error as StoreError {
            throw BackupError.cannotWrite(path: target, reason: error.description)
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: live + suffix) {
            guard rename(live + suffix, target + suffix) == 0 else {
                throw BackupError.cannotWrite(path: target, reason: String(cString: strerror(errno)))
            }
        }
        syncFolder((target as NSString).deletingLastPathComponent)
        syncFolder((live as NSString).deletingLastPathComponent)
    }
}
