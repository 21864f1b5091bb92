import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// Backups of a damaged database, onto files that are not regular files, and restores that
/// would collide on the name of the copy they keep.
@Suite("Backups that must not be made, and copies that must not collide")
struct BackupSafetyTests {
    let utc = TimeZone(identifier: "UTC") ?? .current
    let day: TimeInterval = 86_400
    let start = Date(timeIntervalSinceReferenceDate: 800_000_000)  // 2026-05-09 UTC

    /// A data folder with several sessions, closed.
    private func practice(_ temp: TemporaryFolder, sessions: Int = 40) throws -> DataLocation {
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        for index in 0..<sessions {
            try run(try wholeSession(), in: SessionID("s\(index)"), journal: journal, clock: ManualClock(awkwardMoment))
        }
        try journal.close()
        return DataLocation(folder: temp.dataFolder)
    }

    private func damageMiddle(of file: URL) throws {
        let handle = try FileHandle(forUpdating: file)
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: (size / 4096 / 2) * 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
    }

    private func damage(page: UInt64, of file: URL) throws {
        let handle = try FileHandle(forUpdating: file)
        defer { try? handle.close() }
        try handle.seek(toOffset: (page - 1) * 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
    }

    private func names(in folder: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    }

    @Test("A damaged database gives no backup: the copy fails integrity_check, is not named, and the message names the good backup")
    func damagedSourceMakesNoBackup() throws {
        let temp = try TemporaryFolder()
        let location = try practice(temp)
        let good = Backups.folder(of: location).appendingPathComponent("knead-2026-05-01-080000.sqlite")
        try Backups.copy(location, to: good)
        // The search index: the copy's counts never read it, only integrity_check does.
        try damage(page: try DurabilityTests.leafPage(of: "note_search_data", in: location.databaseFile), of: location.databaseFile)

        let target = temp.url.appendingPathComponent("usb/friday.sqlite")
        #expect(throws: BackupError.sourceDamaged(path: location.databaseFile.path, latestBackup: good.lastPathComponent)) {
            try Backups.copy(location, to: target)
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(names(in: target.deletingLastPathComponent()).isEmpty, "something was left: \(names(in: target.deletingLastPathComponent()))")
        let message = BackupError.sourceDamaged(path: location.databaseFile.path, latestBackup: good.lastPathComponent).description
        #expect(message.contains("knead restore \(good.lastPathComponent)"))
    }

    @Test("Days whose daily copy fails never push good daily copies out of the seven kept")
    func failedDaysKeepGoodCopies() throws {
        let temp = try TemporaryFolder()
        let location = try practice(temp)
        for offset in 0..<7 {
            try Backups.takeDailyBackup(of: location, now: start.addingTimeInterval(Double(offset) * day), timeZone: utc)
        }
        let good = names(in: Backups.folder(of: location))
        #expect(good.count == 7)
        try damage(page: try DurabilityTests.leafPage(of: "note_search_data", in: location.databaseFile), of: location.databaseFile)
        for offset in 7..<20 {
            #expect(throws: BackupError.self) {
                try Backups.takeDailyBackup(of: location, now: start.addingTimeInterval(Double(offset) * day), timeZone: utc)
            }
        }
        #expect(names(in: Backups.folder(of: location)) == good)
    }

    @Test("After a gap, the seven newest daily copies are kept, however old")
    func sevenNewestAfterAGap() throws {
        let temp = try TemporaryFolder()
        let location = try practice(temp, sessions: 1)
        for offset in 0..<7 {
            try Backups.takeDailyBackup(of: location, now: start.addingTimeInterval(Double(offset) * day), timeZone: utc)
        }
        // Thirty days away, then one day back: the six newest older copies stay beside today's.
        try Backups.takeDailyBackup(of: location, now: start.addingTimeInterval(37 * day), timeZone: utc)
        let expected = Set(([1, 2, 3, 4, 5, 6, 37] as [Double]).map {
            Backups.automaticFileName(for: start.addingTimeInterval($0 * day), timeZone: utc)
        })
        #expect(names(in: Backups.folder(of: location)) == expected)
    }

    @Test("A device, a pipe or a folder as the copy's name is refused, even when replacing; nothing is written")
    func nonRegularDestinations() throws {
        let temp = try TemporaryFolder()
        let location = try practice(temp, sessions: 1)
        let fifo = temp.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let folder = temp.url.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A device node of our own (never a system one: a regression would replace it, as root).
        let device = temp.url.appendingPathComponent("device").path
        let devices = mknod(device, S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0 ? [device] : []
        for path in devices + [fifo, folder.path] {
            #expect(throws: BackupError.notARegularFile(path: path)) {
                try Backups.copy(location, to: URL(fileURLWithPath: path), replacing: true)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fifo + ".partial"))
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        for path in devices { #expect(stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR) }
        #expect(names(in: folder).isEmpty)
    }

    @Test("Two restores in the same second keep both replaced copies, under different names")
    func restoresInOneSecond() throws {
        let temp = try TemporaryFolder()
        let location = try practice(temp, sessions: 2)
        let backup = temp.url.appendingPathComponent("monday.sqlite")
        try Backups.copy(location, to: backup)
        let now = Date(timeIntervalSinceReferenceDate: 800_000_000.25)
        let first = try Backups.restore(backup, into: location, now: now, timeZone: utc)
        let second = try Backups.restore(backup, into: location, now: now.addingTimeInterval(0.5), timeZone: utc)
        let kept = try [#require(first.previous), #require(second.previous)]
        #expect(kept[0] != kept[1])
        for file in kept { #expect(FileManager.default.fileExists(atPath: file.path)) }
        #expect(kept[1].lastPathComponent.hasSuffix("-2.sqlite"), "\(kept[1].lastPathComponent)")
    }
}
