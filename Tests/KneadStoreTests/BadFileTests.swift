import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// Makes a file or folder unwritable even for root: `chattr +i` where the file system has it.
///
/// Tests run as root, for whom mode 0400 does not stop writes; the immutable flag does. Where
/// `chattr` is missing (or the file system lacks the flag) the tests that need it are skipped.
enum Immutable {
    static func set(_ path: String, _ on: Bool) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [on ? "+i" : "-i", path]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether this machine can make a file immutable here.
    static let isAvailable: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("knead-chattr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data("x".utf8)) else { return false }
        defer { _ = set(probe.path, false); try? FileManager.default.removeItem(at: probe) }
        guard set(probe.path, true) else { return false }
        return (try? FileHandle(forWritingTo: probe)) == nil
    }()
}

/// A hash of a file's bytes, to prove it was left untouched.
func fingerprint(_ url: URL) throws -> Int {
    var hasher = Hasher()
    hasher.combine(try Data(contentsOf: url))
    return hasher.finalize()
}

@Suite("Bad data files are refused and left untouched")
struct BadFileTests {
    /// A database in rollback-journal mode (not WAL), written by "a newer knead".
    private func newerRollbackDatabase(_ temp: TemporaryFolder, mark: String) throws {
        try FileManager.default.createDirectory(at: temp.dataFolder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: temp.databaseFile.path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for id in ["v1", "v2-client-records", "v3-review-indices"] {
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [id])
            }
            try db.execute(sql: "CREATE TABLE future (x)")
            try db.execute(sql: mark)
        }
        try queue.close()
    }

    @Test("A newer database in rollback-journal mode: refused, bytes unchanged, no WAL made",
          arguments: ["INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')", "PRAGMA user_version = 99"])
    func newerRollbackJournal(_ mark: String) throws {
        let temp = try TemporaryFolder()
        try newerRollbackDatabase(temp, mark: mark)
        let before = try fingerprint(temp.databaseFile)

        let error = #expect(throws: StoreError.newerVersion(path: temp.databaseFile.path)) {
            try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        }
        #expect(error?.description.contains(temp.databaseFile.path) == true)
        #expect(try fingerprint(temp.databaseFile) == before, "the newer file's bytes are unchanged")
        #expect(!FileManager.default.fileExists(atPath: temp.databaseFile.path + "-wal"))
        // And it is still in rollback-journal mode: byte 18 is 1 (legacy), not 2 (WAL).
        let header = try Data(contentsOf: temp.databaseFile).prefix(20)
        #expect(header[18] == 1 && header[19] == 1)
    }

    @Test("A read-only database file is refused with a sentence and left unchanged",
          .enabled(if: Immutable.isAvailable, "needs chattr +i (tests run as root)"))
    func readOnlyFile() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try run(startOnly(ada), in: SessionID("s1"), journal: journal, clock: ManualClock(awkwardMoment))
        try journal.close()
        let before = try fingerprint(temp.databaseFile)
        try #require(Immutable.set(temp.databaseFile.path, true))
        defer { _ = Immutable.set(temp.databaseFile.path, false) }

        let error = #expect(throws: StoreError.readOnly(path: temp.databaseFile.path)) {
            try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        }
        #expect(error?.description.hasPrefix("The database \(temp.databaseFile.path) is read-only") == true)
        #expect(try fingerprint(temp.databaseFile) == before)
    }

    @Test("An unwritable data folder is refused with a sentence",
          .enabled(if: Immutable.isAvailable, "needs chattr +i (tests run as root)"))
    func unwritableFolder() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(at: temp.dataFolder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try #require(Immutable.set(temp.dataFolder.path, true))
        defer { _ = Immutable.set(temp.dataFolder.path, false) }

        let error = #expect(throws: StoreError.folderNotWritable(path: temp.dataFolder.path)) {
            try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        }
        #expect(error?.description.contains("cannot be written to") == true)
        #expect(!FileManager.default.fileExists(atPath: temp.databaseFile.path))
    }

    @Test("A data folder under a regular file (ENOTDIR) is refused with a sentence naming the file")
    func folderUnderAFile() throws {
        let temp = try TemporaryFolder()
        let file = temp.url.appendingPathComponent("notes.txt")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("keep me".utf8)))
        let folder = file.appendingPathComponent("knead", isDirectory: true)
        let error = #expect(throws: StoreError.self) { try SQLiteJournal.open(folder: folder, clock: testClock()) }
        #expect(error?.description.contains("\(file.path) is a file, not a folder") == true)
        #expect(try Data(contentsOf: file) == Data("keep me".utf8))
    }
}
