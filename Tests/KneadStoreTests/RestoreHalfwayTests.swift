import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// A restore checks every table knead reads, keeps one unreadable entry as it is, and a restore
/// that fails halfway leaves the data as it was.
@Suite("Restore: every table checked, nothing lost halfway")
struct RestoreHalfwayTests {
    let temp: TemporaryFolder
    let location: DataLocation
    let clock = ManualClock(awkwardMoment)

    init() throws {
        temp = try TemporaryFolder()
        location = DataLocation(folder: temp.dataFolder)
    }

    /// The live data (one signed session) and a backup of it with a second session in it.
    private func liveAndBackup() throws -> URL {
        let journal = try SQLiteJournal.open(at: location, clock: clock)
        try run(wholeSession(), in: SessionID("later"), journal: journal, clock: clock)
        let backup = temp.url.appendingPathComponent("backup.sqlite")
        try Backups.copy(location, to: backup)
        try journal.executeRawSQL("SELECT 1")
        try journal.close()
        // The live data moves on past the backup.
        let again = try SQLiteJournal.open(at: location, clock: clock)
        try run(startOnly(ada), in: SessionID("after-backup"), journal: again, clock: clock)
        try again.close()
        return backup
    }

    /// The data file and its WAL, byte for byte (the -shm is SQLite's shared-memory index, rebuilt from them).
    private func liveState() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: temp.dataFolder.path) where name.hasPrefix("knead.sqlite") && !name.hasSuffix("-shm") {
            files[name] = try Data(contentsOf: temp.dataFolder.appendingPathComponent(name))
        }
        return files
    }

    @Test("A backup with an unreadable client record is refused with a sentence; the data is unchanged")
    func unreadableClientRecord() throws {
        let backup = try liveAndBackup()
        let queue = try DatabaseQueue(path: backup.path)
        try queue.write { try $0.execute(sql: "UPDATE clients SET record = '{\"client\":42}'") }
        try queue.close()
        let before = try liveState()
        let error = #expect(throws: BackupError.self) {
            try Backups.restore(backup, into: location, now: awkwardMoment, timeZone: .gmt)
        }
        #expect(error?.description == "\(backup.path) cannot be restored: the record of client client-ada cannot be read. Nothing was changed.")
        #expect(try liveState() == before)
    }

    @Test("A backup with an unreadable amendment restores; the rest of that note reads and the entry shows as unreadable")
    func unreadableEntryRestores() throws {
        let backup = try liveAndBackup()
        let queue = try DatabaseQueue(path: backup.path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER events_signed_only_amendments")
            try db.execute(sql: """
                INSERT INTO events (session_id, seq, at, type, payload) VALUES ('later', 16, 0, 'amended', '{"type":"amended","amendment":7}')
                """)
        }
        try queue.close()
        #expect(try Backups.check(backup).unreadableEntries == 1)
        let restored = try Backups.restore(backup, into: location, now: awkwardMoment, timeZone: .gmt)
        #expect(restored.restored.sessions == 1)
        let journal = try SQLiteJournal.open(at: location, clock: clock)
        defer { try? journal.close() }
        let state = SessionState(id: SessionID("later"), replaying: try journal.events(of: SessionID("later")))
        #expect(state.phase == .signed && state.unreadableEntries == [16])
        let note = NoteComposer(timeZone: .gmt).compose(state, now: awkwardMoment)
        #expect(note.lines.contains("Warning: entry 16 of this session cannot be read and is left out; run knead verify for details."))
        let day = try journal.sessionSummaries(startedFrom: .distantPast, to: .distantFuture)
        #expect(day.first?.flags.contains(.unreadableEntry) == true)
        #expect(try journal.visits(of: ada.id).count == 1)
        #expect(try journal.verify().findings.map(\.description) == ["Entry 16 of session later was inserted outside knead (it carries no hash)."])
    }

    @Test("A restore that fails halfway (disk full while copying, an I/O error before the switch) leaves the data as it was",
          arguments: [RestoreFault.diskFullWhileCopying, .ioErrorAfterCopy])
    func failsHalfway(_ fault: RestoreFault) throws {
        let backup = try liveAndBackup()
        let before = try liveState()
        #expect(throws: BackupError.self) {
            try Backups.restore(backup, into: location, now: awkwardMoment, timeZone: .gmt, fault: fault)
        }
        #expect(try liveState() == before, "the data files are byte for byte as they were")
        #expect(!FileManager.default.fileExists(atPath: location.databaseFile.path + ".restoring"))
        let journal = try SQLiteJournal.open(at: location, clock: clock)
        defer { try? journal.close() }
        #expect(try journal.sessions(startedFrom: .distantPast, to: .distantFuture).map(\.id.rawValue) == ["later", "after-backup"])
    }
}

/// A reader opened while the app writes reads through the app's WAL and writes nothing itself.
@Suite("Reading while the app is open")
struct ReadingWhileOpenTests {
    @Test("openForReading sees what the open journal appended, and leaves the main file's bytes alone")
    func readsThroughTheWAL() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let location = DataLocation(folder: temp.dataFolder)
        let writer = try SQLiteJournal.open(at: location, clock: clock)
        defer { try? writer.close() }
        let state = try run(wholeSession(), in: SessionID("s"), journal: writer, clock: clock)
        let before = try Data(contentsOf: temp.databaseFile)
        let reader = try SQLiteJournal.openForReading(at: location, clock: clock)
        #expect(reader.databasePath == temp.databaseFile.path)
        #expect(try reader.events(of: SessionID("s")) == state.events)
        #expect(try reader.verify().isIntact)
        #expect(throws: StoreError.self) { try reader.save(Client(id: ClientID("new"), name: "New Client")) }
        try reader.close()
        #expect(try Data(contentsOf: temp.databaseFile) == before)
    }
}
