import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// Every commit synced, `knead.sqlite` alone holding the data, and data files moved or damaged
/// under an open journal: on a real SQLite file in a temporary folder.
@Suite("Durability of the data files")
struct DurabilityTests {
    private func journal(_ temp: TemporaryFolder, clock: ManualClock = ManualClock(awkwardMoment)) throws -> SQLiteJournal {
        try SQLiteJournal.open(at: DataLocation(folder: temp.dataFolder), clock: clock)
    }

    /// Copies one file alone into a new folder as `knead.sqlite` and reads every session's events from it.
    private func eventsInCopy(of file: URL, _ temp: TemporaryFolder) throws -> [SessionEvent] {
        let folder = temp.url.appendingPathComponent("copy-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: folder.appendingPathComponent(DataLocation.databaseFileName))
        let copy = try SQLiteJournal.open(folder: folder, clock: testClock())
        defer { try? copy.close() }
        return try copy.sessions(startedFrom: .distantPast, to: .distantFuture).flatMap { try copy.events(of: $0.id) }
    }

    @Test("The connection that writes commits with synchronous=FULL (GRDB's WAL set-up leaves NORMAL)")
    func writerIsFull() throws {
        let temp = try TemporaryFolder()
        let journal = try journal(temp)
        defer { try? journal.close() }
        let mode = try journal.dbPool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(mode == 2, "PRAGMA synchronous on the writer is \(mode.map(String.init) ?? "nil"), not 2 (FULL)")
        let journalMode = try journal.dbPool.write { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
    }

    @Test("After close, knead.sqlite copied alone holds every event, and no WAL is left holding data")
    func closeCheckpoints() throws {
        let temp = try TemporaryFolder()
        let journal = try journal(temp)
        let session = SessionID("checkpointed")
        try run(try wholeSession(), in: session, journal: journal, clock: ManualClock(awkwardMoment))
        let stored = try journal.events(of: session).count
        try journal.close()
        let wal = temp.databaseFile.path + "-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?.intValue ?? 0
        #expect(walSize == 0, "the WAL still holds \(walSize) bytes after close")
        let copied = try eventsInCopy(of: temp.databaseFile, temp)
        #expect(copied.count == stored)
        #expect(stored > 10)
    }

    @Test("While open, two idle ticks checkpoint the WAL: knead.sqlite copied alone holds every event")
    func idleTicksCheckpoint() throws {
        let temp = try TemporaryFolder()
        let journal = try journal(temp)
        defer { try? journal.close() }
        try run(try wholeSession(), in: SessionID("idle"), journal: journal, clock: ManualClock(awkwardMoment))
        let stored = try journal.events(of: SessionID("idle")).count
        #expect(try eventsInCopy(of: temp.databaseFile, temp).count < stored, "the WAL held nothing back")
        #expect(journal.maintain() == nil)  // one tick: still busy
        #expect(journal.maintain() == nil)  // two: idle, checkpointed
        #expect(try eventsInCopy(of: temp.databaseFile, temp).count == stored)
    }

    @Test("While busy, every 100 commits checkpoint the WAL at the next tick; 99 wait for two idle ticks")
    func everyHundredCommits() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try journal(temp, clock: clock)
        defer { try? journal.close() }
        var state = SessionState(id: SessionID("busy"))
        try journal.perform(.start(client: ada, plannedMinutes: 60), on: &state, at: clock.now())
        _ = journal.maintain()
        _ = journal.maintain()  // idle: the start is checkpointed
        for index in 0..<98 {
            clock.advance(by: 1)
            try journal.perform(.note("note \(index)"), on: &state, at: clock.now())
        }
        #expect(journal.maintain() == nil)  // 98 commits, one tick: not yet
        // Not all in the file yet (SQLite's own automatic checkpoint at 1,000 WAL pages may have
        // moved some of them: each commit also writes the search index, the projection and hashes).
        #expect(try eventsInCopy(of: temp.databaseFile, temp).count < 99)
        for index in 98..<100 {
            clock.advance(by: 1)
            try journal.perform(.note("note \(index)"), on: &state, at: clock.now())
        }
        #expect(journal.maintain() == nil)  // 100 commits since the last checkpoint: now
        #expect(try eventsInCopy(of: temp.databaseFile, temp).count == 101)
    }

    /// A session begun, one action saved; then `damage` is done to the files; the next action
    /// waits, a tick puts the files back, the action is saved, and after close the data folder
    /// holds both actions.
    private func survives(_ name: String, damage: (TemporaryFolder) throws -> Void) throws -> (notice: String?, temp: TemporaryFolder) {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try journal(temp, clock: clock)
        var state = SessionState(id: SessionID("moved-\(name)"))
        var waiting = WaitingEvents()
        try journal.perform(.start(client: ada, plannedMinutes: 60), on: &state, at: clock.now(), waiting: &waiting)
        #expect(waiting.isEmpty)

        try damage(temp)
        clock.advance(by: 5)
        try journal.perform(.note("after the files moved"), on: &state, at: clock.now(), waiting: &waiting)
        #expect(waiting.count == 1, "\(name): the action was not kept waiting")
        #expect(!waiting.waitingForSpace)
        #expect(waiting.lastFailure?.contains("moved, deleted or replaced") == true)

        let notice = journal.maintain()
        #expect(notice?.contains("Data files were put back") == true, "\(name): \(notice ?? "no notice")")
        #expect(try journal.saveWaiting(&waiting))
        try journal.close()

        let reopened = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        defer { try? reopened.close() }
        let saved = try reopened.events(of: state.id)
        #expect(saved.count == 2, "\(name): \(saved.count) events where the data belongs")
        #expect(SessionState(id: state.id, replaying: saved).notes.map(\.value) == ["after the files moved"])
        return (notice, temp)
    }

    @Test("The WAL deleted under the open journal: the next action waits, a tick puts the data back, nothing is lost")
    func walDeleted() throws {
        _ = try survives("wal-deleted") { temp in
            #expect(unlink(temp.databaseFile.path + "-wal") == 0)
        }
    }

    @Test("knead.sqlite and its WAL moved away under the open journal: the data is put back where it belongs")
    func databaseMoved() throws {
        _ = try survives("moved") { temp in
            let away = temp.url.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: away, withIntermediateDirectories: true)
            for suffix in ["", "-wal", "-shm"] {
                #expect(rename(temp.databaseFile.path + suffix, away.path + "/knead.sqlite" + suffix) == 0)
            }
        }
    }

    @Test("knead.sqlite replaced by another file: the other file is kept aside in backups/, the data put back")
    func databaseReplaced() throws {
        let (notice, temp) = try survives("replaced") { temp in
            let other = temp.url.appendingPathComponent("other.sqlite")
            let queue = try DatabaseQueue(path: other.path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE foo (x)") }
            try queue.close()
            #expect(rename(other.path, temp.databaseFile.path) == 0)
        }
        #expect(notice?.contains("replaced-") == true)
        let kept = try FileManager.default.contentsOfDirectory(atPath: temp.dataFolder.appendingPathComponent("backups").path)
        let keptFile = try #require(kept.first { $0.hasPrefix("replaced-") && $0.hasSuffix(".sqlite") })
        let queue = try DatabaseQueue(path: temp.dataFolder.appendingPathComponent("backups/" + keptFile).path)
        defer { try? queue.close() }
        #expect(try queue.read { db in try db.tableExists("foo") })
    }

    @Test("A database with bytes flipped in its middle is refused on open, untouched, naming the backup to restore")
    func damagedRefusedOnOpen() throws {
        let temp = try TemporaryFolder()
        let journal = try journal(temp)
        for index in 0..<40 {
            try run(try wholeSession(), in: SessionID("s\(index)"), journal: journal, clock: ManualClock(awkwardMoment))
        }
        let location = DataLocation(folder: temp.dataFolder)
        try Backups.copy(location, to: Backups.folder(of: location).appendingPathComponent("knead-2026-11-20-090000.sqlite"))
        try journal.close()
        // A page of the search index: opening never reads it, only a check does.
        try damageMiddle(of: temp.databaseFile, page: try DurabilityTests.leafPage(of: "note_search_data", in: temp.databaseFile))
        let before = try Data(contentsOf: temp.databaseFile)

        #expect(throws: StoreError.damaged(path: temp.databaseFile.path, latestBackup: "knead-2026-11-20-090000.sqlite")) {
            try SQLiteJournal.open(at: location, clock: testClock())
        }
        #expect(try Data(contentsOf: temp.databaseFile) == before)
        let message = StoreError.damaged(path: temp.databaseFile.path, latestBackup: "knead-2026-11-20-090000.sqlite").description
        #expect(message.contains("knead restore knead-2026-11-20-090000.sqlite"))
    }

    @Test("The full check in the background finds damage under an open journal; from then on nothing is written")
    func backgroundCheckStopsWriting() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try journal(temp, clock: clock)
        defer { try? journal.close() }
        for index in 0..<40 {
            try run(try wholeSession(), in: SessionID("s\(index)"), journal: journal, clock: clock)
        }
        try journal.checkpoint()
        try damageMiddle(of: temp.databaseFile)
        journal.checkIntegrityInBackground()
        var waited = 0
        while !journal.isDamaged, waited < 200 {
            usleep(50_000)
            waited += 1
        }
        #expect(journal.isDamaged)
        #expect(journal.maintain()?.contains("is damaged") == true)
        #expect(journal.maintain() == nil)  // said once
        #expect(throws: StoreError.self) {
            try journal.append([SessionEvent(at: clock.now(), .started(SessionStart(client: ada, plannedMinutes: 30)))],
                               to: SessionID("after-damage"))
        }
    }

    /// A leaf page in the middle of a table's b-tree (SQLite's `dbstat`), numbered from 1.
    static func leafPage(of table: String, in file: URL) throws -> UInt64 {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        let pages = try queue.read { db in
            try Int.fetchAll(db, sql: "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pagetype = 'leaf' DESC, pageno", arguments: [table])
        }
        guard !pages.isEmpty else { throw TestFailure(description: "no leaf page of \(table)") }
        return UInt64(pages[0])
    }

    /// Overwrites a page of a database file (by default one in the middle), not its header.
    private func damageMiddle(of file: URL, page chosen: UInt64? = nil) throws {
        let handle = try FileHandle(forUpdating: file)
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let pageSize: UInt64 = 4096
        let page = chosen.map { $0 - 1 } ?? (size / pageSize) / 2
        try handle.seek(toOffset: page * pageSize)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(pageSize)))
        try handle.synchronize()
    }
}

