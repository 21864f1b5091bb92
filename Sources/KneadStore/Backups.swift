import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies of the database: taken by SQLite's online backup while knead may be running, checked
/// before they are trusted, kept private (files 0600 in a 0700 folder).
///
/// A copy is written to `NAME.partial` beside its destination, switched out of WAL mode so it is
/// one self-contained file, checked with `PRAGMA integrity_check`, synced, and only then renamed
/// to its name: a copy that exists under its name is whole.
public enum Backups {
    /// The folder inside the data folder that holds backups.
    public static let folderName = "backups"
    /// How many days of automatic backups are kept.
    public static let automaticDaysKept = 7

    /// What one backup holds.
    public struct Summary: Hashable, Sendable {
        /// Where the copy is.
        public var file: URL
        public var sessions: Int
        public var clients: Int
        public var events: Int
        /// When the latest session in it started, if any.
        public var latestSession: Date?
        /// Entries that cannot be read (kept as they are, shown as unreadable by knead).
        public var unreadableEntries = 0
    }

    /// Makes the folder a copy goes into, as ``copy(_:to:replacing:)`` does: missing folders are
    /// created 0700; an existing folder is used as it is.
    public static func prepareFolder(for destination: URL) throws {
        let target = destination.standardizedFileURL
        do {
            try PrivateFiles.prepareFolderForCopies(target.deletingLastPathComponent().path)
        } catch let error as StoreError {
            throw BackupError.cannotWrite(path: target.path, reason: error.description)
        }
    }

    /// Syncs the folder holding a file, so that its new name survives a power cut.
    public static func syncFolder(holding file: URL) {
        syncFolder(file.standardizedFileURL.deletingLastPathComponent().path)
    }

    /// The backup folder of a data location.
    public static func folder(of location: DataLocation) -> URL {
        location.folder.appendingPathComponent(folderName, isDirectory: true)
    }

    /// Copies the database at `location` to `destination` with SQLite's online backup.
    ///
    /// - Parameter replacing: whether an existing file at `destination` may be replaced.
    /// - Throws: ``BackupError`` when there is nothing to copy, the destination exists, or the
    ///   copy cannot be written or does not check out. A failed copy leaves no file behind.
    @discardableResult
    public static func copy(_ location: DataLocation, to destination: URL, replacing: Bool = false) throws -> Summary {
        let source = location.databaseFile.path
        guard FileManager.default.fileExists(atPath: source) else { throw BackupError.nothingToBackUp(path: source) }
        let target = destination.standardizedFileURL
        var info = stat()
        if stat(target.path, &info) == 0 {
            // A device, a pipe or a folder is never replaced by a copy, even with --force.
            guard info.st_mode & S_IFMT == S_IFREG else { throw BackupError.notARegularFile(path: target.path) }
            if !replacing { throw BackupError.destinationExists(path: target.path) }
        }
        let parent = target.deletingLastPathComponent().path
        do {
            try PrivateFiles.prepareFolderForCopies(parent)
        } catch let error as StoreError {
            throw BackupError.cannotWrite(path: target.path, reason: error.description)
        }

        let partial = target.path + ".partial"
        removeQuietly(partial)
        defer { removeQuietly(partial); removeQuietly(partial + "-journal") }
        do {
            try PrivateFiles.createFileIfMissing(partial)
        } catch let error as StoreError {
            throw BackupError.cannotWrite(path: target.path, reason: error.description)
        }
        let summary: Summary
        do {
            let reader = try DatabaseQueue(path: source, configuration: readOnlyConfiguration())
            defer { try? reader.close() }
            let writer = try DatabaseQueue(path: partial, configuration: Configuration())
            defer { try? writer.close() }
            try reader.backup(to: writer)
            try writer.writeWithoutTransaction { db in
                // A copy is one file: no -wal or -shm beside it.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            // The copy is checked in full: a damaged database gives a damaged copy, never a backup.
            let problems = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard problems == ["ok"] else {
                throw BackupError.sourceDamaged(path: source, latestBackup: latestGood(location)?.lastPathComponent)
            }
            summary = try inspect(writer, file: target)
        } catch let error as BackupError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw BackupError.cannotWrite(path: target.path, reason: "the disk is full")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw BackupError.sourceUnreadable(path: source, reason: "it is not a database")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw BackupError.sourceDamaged(path: source, latestBackup: latestGood(location)?.lastPathComponent)
        } catch {
            throw BackupError.cannotWrite(path: target.path, reason: reason(error))
        }
        syncFile(partial)
        guard rename(partial, target.path) == 0 else {
            throw BackupError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
        }
        _ = chmod(target.path, PrivateFiles.fileMode)
        syncFolder(parent)
        return summary
    }

    /// A backup made on a day, or the first of its name.
    public static func automaticFileName(for day: Date, timeZone: TimeZone) -> String {
        "daily-\(dayStamp(day, timeZone: timeZone)).sqlite"
    }

    /// The file name `knead backup` gives a copy when no destination is named.
    public static func manualFileName(at time: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        return String(format: "knead-%04d-%02d-%02d-%02d%02d%02d.sqlite",
                      c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Takes today's automatic backup unless it exists, then keeps the ``automaticDaysKept``
    /// newest automatic backups and removes copies left half-written by an interrupted run.
    ///
    /// Only a copy that checked out is named, and older copies are removed only once today's is
    /// there: a day whose copy fails (a damaged database, a full disk) never costs a good copy.
    ///
    /// - Returns: the new backup, or nil when today's was already there or there is no database yet.
    @discardableResult
    public static func takeDailyBackup(of location: DataLocation, now: Date, timeZone: TimeZone) throws -> Summary? {
        guard FileManager.default.fileExists(atPath: location.databaseFile.path) else { return nil }
        let folder = folder(of: location)
        let today = folder.appendingPathComponent(automaticFileName(for: now, timeZone: timeZone))
        var made: Summary?
        if !FileManager.default.fileExists(atPath: today.path) {
            made = try copy(location, to: today)
        }
        pruneAutomatic(in: folder)
        return made
    }

    /// Keeps the ``automaticDaysKept`` newest automatic backups (today's among them) and removes
    /// older ones and stale `.partial` files. Copies made by hand are never removed.
    public static func pruneAutomatic(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var daily: [String] = []
        for name in names where name.hasPrefix("daily-") {
            if name.hasSuffix(".sqlite.partial") {
                removeQuietly(folder.appendingPathComponent(name).path)
            } else if name.hasSuffix(".sqlite"), name.count == "daily-YYYY-MM-DD.sqlite".count {
                daily.append(name)
            }
        }
        // Stamps are YYYY-MM-DD, so text order is day order.
        for name in daily.sorted(by: >).dropFirst(automaticDaysKept) {
            removeQuietly(folder.appendingPathComponent(name).path)
        }
    }

    /// The newest backup in the data location's backup folder that passes ``check(_:)``, if any.
    public static func latestGood(_ location: DataLocation) -> URL? {
        list(location).first { (try? check($0)) != nil }
    }

    /// The backups in a data location's backup folder, newest first: plain copies (`.sqlite`)
    /// and encrypted ones (`.sqlite.enc`, which only the passphrase opens).
    public static func list(_ location: DataLocation) -> [URL] {
        let folder = folder(of: location)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let files = names.filter { $0.hasSuffix(".sqlite") || $0.hasSuffix(".sqlite.enc") }.map { folder.appendingPathComponent($0) }
        func modified(_ url: URL) -> Date {
            ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        return files.sorted { modified($0) > modified($1) }
    }

    /// The counts in a backup file, read without the full check (for listing backups).
    public static func summary(of file: URL) throws -> Summary {
        do {
            let reader = try DatabaseQueue(path: file.standardizedFileURL.path, configuration: readOnlyConfiguration())
            defer { try? reader.close() }
            return try inspect(reader, file: file)
        } catch {
            throw BackupError.notAKneadBackup(path: file.path, reason: reason(error))
        }
    }

    // MARK: - Checking

    /// Checks that a file is a whole Knead database this version can open, without changing it:
    /// the SQLite header, `PRAGMA integrity_check`, Knead's tables, no migration from a newer
    /// version, and every stored event readable.
    public static func check(_ file: URL) throws -> Summary {
        let path = file.standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError.notAKneadBackup(path: path, reason: "there is no such file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BackupError.notAKneadBackup(path: path, reason: "it cannot be read")
        }
        let header = (try? handle.read(upToCount: 16)) ?? nil
        try? handle.close()
        guard let header, Array(header) == Array("SQLite format 3\u{0}".utf8) else {
            throw BackupError.notAKneadBackup(path: path, reason: "it is not an SQLite database")
        }
        var unreadable = 0
        do {
            let reader = try DatabaseQueue(path: path, configuration: readOnlyConfiguration())
            defer { try? reader.close() }
            try reader.read { db in
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard problems == ["ok"] else {
                    throw BackupError.notAKneadBackup(path: path, reason: "it is damaged (\(problems.first ?? "integrity check failed"))")
                }
                for table in ["clients", "sessions", "events", "grdb_migrations"] where try !db.tableExists(table) {
                    throw BackupError.notAKneadBackup(path: path, reason: "it has no \(table) table, so it was not made by knead")
                }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if try version > Schema.version || Schema.migrator.hasBeenSuperseded(db) {
                    throw BackupError.newerVersion(path: path)
                }
                unreadable = try checkReadable(db, path: path)
            }
            var summary = try inspect(reader, file: file)
            summary.unreadableEntries = unreadable
            return summary
        } catch let error as BackupError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                throw BackupError.notAKneadBackup(path: path, reason: "it is damaged")
            default:
                throw BackupError.notAKneadBackup(path: path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
            }
        } catch {
            throw BackupError.notAKneadBackup(path: path, reason: reason(error))
        }
    }

    // MARK: - Helpers

    static func readOnlyConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return configuration
    }

    static func inspect(_ reader: some DatabaseReader, file: URL) throws -> Summary {
        try reader.read { db in
            let latest = try Double.fetchOne(db, sql: "SELECT MAX(started_at) FROM sessions")
            return Summary(file: file,
                           sessions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") ?? 0,
                           clients: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clients") ?? 0,
                           events: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0,
                           latestSession: latest.map(Date.init(timeIntervalSinceReferenceDate:)))
        }
    }

    static func dayStamp(_ day: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        if let error = error as? StoreError { return error.description }
        return String(describing: type(of: error))
    }

    static func removeQuietly(_ path: String) {
        _ = unlink(path)
    }

    static func syncFile(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { _ = close(fd) }
        _ = fsync(fd)
    }

    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }
}

/// Why a backup or restore could not be done, in words a therapist can act on.
public enum BackupError: Error, Hashable, Sendable, CustomStringConvertible {
    case nothingToBackUp(path: String)
    case destinationExists(path: String)
    case cannotWrite(path: String, reason: String)
    case sourceUnreadable(path: String, reason: String)
    /// The database is damaged; `latestBackup` names the newest backup that checks out.
    case sourceDamaged(path: String, latestBackup: String?)
    /// The destination exists and is not a regular file (a device, a pipe, a socket).
    case notARegularFile(path: String)
    case notAKneadBackup(path: String, reason: String)
    case newerVersion(path: String)

    /// Whether the database being copied could not be read as a whole, sound database.
    public var isDamagedSource: Bool {
        switch self {
        case .sourceUnreadable, .sourceDamaged: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .nothingToBackUp(let path):
            "There is no database at \(path) to back up yet. Check --data-dir or KNEAD_DATA_DIR."
        case .destinationExists(let path):
            "\(path) already exists. Choose another name, or add --force to replace it."
        case .cannotWrite(let path, let reason):
            "The copy \(path) could not be written: \(reason). Nothing was changed."
        case .sourceUnreadable(let path, let reason):
            "The database \(path) could not be read for a backup: \(reason)."
        case .sourceDamaged(let path, let latestBackup):
            if let latestBackup {
                "The database \(path) is damaged, so no backup was made of it (a copy would be damaged too). Quit knead and restore the latest good backup: knead restore \(latestBackup)"
            } else {
                "The database \(path) is damaged, so no backup was made of it (a copy would be damaged too), and no earlier backup checks out. Keep a copy of the data folder and ask for help."
            }
        case .notARegularFile(let path):
            "\(path) is not a regular file (a folder, a device, a pipe or a socket), so knead will not write a backup over it. Name a file or a folder; nothing was written."
        case .notAKneadBackup(let path, let reason):
            "\(path) cannot be restored: \(reason). Nothing was changed."
        case .newerVersion(let path):
            "\(path) was written by a newer version of knead. Update knead to restore it; nothing was changed."
        }
    }
}
