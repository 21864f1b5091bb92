import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

@Suite("Backups and restore")
struct BackupTests {
    let utc = TimeZone(identifier: "UTC") ?? .current

    /// A data folder holding one whole signed session (and its journal, still open).
    private func practice(_ temp: TemporaryFolder) throws -> (SQLiteJournal, SessionID) {
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("session-backed-up")
        try run(try wholeSession(), in: session, journal: journal, clock: ManualClock(awkwardMoment))
        return (journal, session)
    }

    private func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    @Test("A backup made while the journal is open holds every event, is one 0600 file, and checks out")
    func backupWhileOpen() throws {
        let temp = try TemporaryFolder()
        let (journal, session) = try practice(temp)
        let location = DataLocation(folder: temp.dataFolder)
        let target = temp.url.appendingPathComponent("copies/monday.sqlite")

        let summary = try Backups.copy(location, to: target)
        #expect(summary.sessions == 1 && summary.clients == 1)
        #expect(summary.events == (try journal.events(of: session)).count)
        #expect(try permissions(of: target) == 0o600)
        #expect(try permissions(of: target.deletingLastPathComponent()) == 0o700)
        #expect(!FileManager.default.fileExists(atPath: target.path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: target.path + ".partial"))
        let checked = try Backups.check(target)
        #expect(checked.events == summary.events)

        // The copy opens as a journal and replays to the same state.
        let copyFolder = temp.url.appendingPathComponent("reopened")
        try FileManager.default.createDirectory(at: copyFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: target, to: DataLocation(folder: copyFolder).databaseFile)
        let reopened = try SQLiteJournal.open(folder: copyFolder, clock: testClock())
        #expect(try reopened.events(of: session) == journal.events(of: session))
    }

    @Test("An existing destination is refused unless replacing is asked for; nothing is left half-written")
    func existingDestination() throws {
        let temp = try TemporaryFolder()
        _ = try practice(temp)
        let location = DataLocation(folder: temp.dataFolder)
        let target = temp.url.appendingPathComponent("keep.sqlite")
        try Data("precious".utf8).write(to: target)

        #expect(throws: BackupError.destinationExists(path: target.path)) { try Backups.copy(location, to: target) }
        #expect(try bytes(target) == Data("precious".utf8))
        try Backups.copy(location, to: target, replacing: true)
        #expect(try Backups.check(target).sessions == 1)
    }

    @Test("With no database there is nothing to back up, and the message says where it looked")
    func nothingToBackUp() throws {
        let temp = try TemporaryFolder()
        let location = DataLocation(folder: temp.dataFolder)
        #expect(throws: BackupError.nothingToBackUp(path: location.databaseFile.path)) {
            try Backups.copy(location, to: temp.url.appendingPathComponent("x.sqlite"))
        }
        #expect(try Backups.takeDailyBackup(of: location, now: awkwardMoment, timeZone: utc) == nil)
    }

    @Test("One automatic backup a day; those older than seven days go, copies made by hand stay")
    func dailyBackupsKeptSevenDays() throws {
        let temp = try TemporaryFolder()
        _ = try practice(temp)
        let location = DataLocation(folder: temp.dataFolder)
        let day: TimeInterval = 86_400
        let start = Date(timeIntervalSinceReferenceDate: 800_000_000)  // 2026-05-09 UTC

        for offset in 0..<10 {
            let now = start.addingTimeInterval(Double(offset) * day)
            #expect(try Backups.takeDailyBackup(of: location, now: now, timeZone: utc) != nil)
            // A second start the same day makes none.
            #expect(try Backups.takeDailyBackup(of: location, now: now.addingTimeInterval(3_600), timeZone: utc) == nil)
        }
        let handMade = Backups.folder(of: location).appendingPathComponent("knead-2026-01-01-120000.sqlite")
        try Backups.copy(location, to: handMade)
        let stale = Backups.folder(of: location).appendingPathComponent("daily-2026-05-10.sqlite.partial")
        try Data().write(to: stale)
        try Backups.takeDailyBackup(of: location, now: start.addingTimeInterval(9 * day), timeZone: utc)

        let names = Set(try FileManager.default.contentsOfDirectory(atPath: Backups.folder(of: location).path))
        let expected = Set((3..<10).map { Backups.automaticFileName(for: start.addingTimeInterval(Double($0) * day), timeZone: utc) })
        #expect(names == expected.union([handMade.lastPathComponent]))
        #expect(try permissions(of: Backups.folder(of: location)) == 0o700)
        for name in names {
            #expect(try permissions(of: Backups.folder(of: location).appendingPathComponent(name)) == 0o600)
        }
    }

    @Test("The check refuses a missing file, random bytes, a foreign database, a damaged one, a newer one and an unreadable client record")
    func checkRefusals() throws {
        let temp = try TemporaryFolder()
        _ = try practice(temp)
        let location = DataLocation(folder: temp.dataFolder)

        func refused(_ url: URL, because reason: String) {
            do {
                _ = try Backups.check(url)
                Issue.record("\(url.lastPathComponent) was accepted")
            } catch {
                #expect("\(error)".contains(reason), "\(error)")
            }
        }
        refused(temp.url.appendingPathComponent("absent.sqlite"), because: "no such file")

        let random = temp.url.appendingPathComponent("random.sqlite")
        var generator = SystemRandomNumberGenerator()
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: random)
        refused(random, because: "not an SQLite database")

        let foreign = temp.url.appendingPathComponent("foreign.sqlite")
        let other = try DatabaseQueue(path: foreign.path)
        try other.write { try $0.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        try other.close()
        refused(foreign, because: "not made by knead")

        let newer = temp.url.appendingPathComponent("newer.sqlite")
        try Backups.copy(location, to: newer)
        let newerQueue = try DatabaseQueue(path: newer.path)
        try newerQueue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try newerQueue.close()
        refused(newer, because: "newer version")

        let damaged = temp.url.appendingPathComponent("damaged.sqlite")
        try Backups.copy(location, to: damaged)
        var data = try bytes(damaged)
        // Keep the header, scribble over the pages that hold the tables.
        for index in 4096..<min(data.count, 4096 * 3) { data[index] = 0xA5 }
        try data.write(to: damaged)
        refused(damaged, because: "damaged")

        let unreadableEntry = temp.url.appendingPathComponent("unreadable-entry.sqlite")
        try Backups.copy(location, to: unreadableEntry)
        let entryQueue = try DatabaseQueue(path: unreadableEntry.path)
        try entryQueue.write { db in
            try db.execute(sql: "DROP TRIGGER events_signed_no_update")
            try db.execute(sql: "UPDATE events SET payload = '{\"type\":\"nonsense\"}' WHERE seq = 2")
        }
        try entryQueue.close()
        // One unreadable entry does not stop a restore: knead shows it as such and reads the rest.
        #expect(try Backups.check(unreadableEntry).unreadableEntries == 1)

        let unreadableRecord = temp.url.appendingPathComponent("unreadable-record.sqlite")
        try Backups.copy(location, to: unreadableRecord)
        let recordQueue = try DatabaseQueue(path: unreadableRecord.path)
        try recordQueue.write { db in try db.execute(sql: "UPDATE clients SET record = '{\"not\":\"a record\"}'") }
        try recordQueue.close()
        refused(unreadableRecord, because: "the record of client client-ada cannot be read")
    }

    @Test("Restore brings back the backup, keeps the replaced data as a backup, and the journal opens on it")
    func restoreRoundTrip() throws {
        let temp = try TemporaryFolder()
        let (journal, session) = try practice(temp)
        let location = DataLocation(folder: temp.dataFolder)
        let backup = temp.url.appendingPathComponent("before-the-second.sqlite")
        try Backups.copy(location, to: backup)
        let backupBytes = try bytes(backup)

        let second = SessionID("session-after-backup")
        try run(try wholeSession(), in: second, journal: journal, clock: ManualClock(awkwardMoment.addingTimeInterval(86_400)))
        try journal.close()

        let restored = try Backups.restore(backup, into: location, now: awkwardMoment, timeZone: utc)
        #expect(restored.restored.sessions == 1)
        #expect(try bytes(backup) == backupBytes, "the backup file is only read")
        let previous = try #require(restored.previous)
        #expect(try Backups.check(previous).sessions == 2)
        #expect(try permissions(of: location.databaseFile) == 0o600)

        let reopened = try SQLiteJournal.open(at: location, clock: testClock())
        #expect(try reopened.events(of: session).count > 0)
        #expect(try reopened.events(of: second).isEmpty)
        #expect(try reopened.fetchRawStrings("PRAGMA journal_mode") == ["wal"])

        // And the restore can itself be undone from the copy it kept.
        try reopened.close()
        _ = try Backups.restore(previous, into: location, now: awkwardMoment.addingTimeInterval(60), timeZone: utc)
        let again = try SQLiteJournal.open(at: location, clock: testClock())
        #expect(try again.events(of: second).count > 0)
    }

    @Test("A backup that fails its check leaves the data byte for byte as it was")
    func failedRestoreChangesNothing() throws {
        let temp = try TemporaryFolder()
        let (journal, _) = try practice(temp)
        try journal.close()
        let location = DataLocation(folder: temp.dataFolder)
        let before = try bytes(location.databaseFile)
        let bad = temp.url.appendingPathComponent("bad.sqlite")
        try Data(repeating: 7, count: 5000).write(to: bad)

        #expect(throws: BackupError.self) { try Backups.restore(bad, into: location, now: awkwardMoment, timeZone: utc) }
        #expect(try bytes(location.databaseFile) == before)
        #expect(!FileManager.default.fileExists(atPath: Backups.folder(of: location).path))
    }

    @Test("Restoring over a damaged database keeps the damaged bytes aside and restores")
    func restoreOverDamagedData() throws {
        let temp = try TemporaryFolder()
        let (journal, session) = try practice(temp)
        let location = DataLocation(folder: temp.dataFolder)
        let backup = temp.url.appendingPathComponent("good.sqlite")
        try Backups.copy(location, to: backup)
        try journal.close()
        let garbage = Data(repeating: 0x42, count: 9000)
        try garbage.write(to: location.databaseFile)
        try? FileManager.default.removeItem(atPath: location.databaseFile.path + "-wal")

        let restored = try Backups.restore(backup, into: location, now: awkwardMoment, timeZone: utc)
        let previous = try #require(restored.previous)
        #expect(previous.lastPathComponent.hasPrefix("damaged-"))
        #expect(try bytes(previous) == garbage)
        let reopened = try SQLiteJournal.open(at: location, clock: testClock())
        #expect(try reopened.events(of: session).count > 0)
    }
}
