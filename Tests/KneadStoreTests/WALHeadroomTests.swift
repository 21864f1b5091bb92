import Foundation
import GRDB
import GRDBSQLite
import KneadCore
import Testing
@testable import KneadStore

/// Zeros kept written ahead of the WAL's frames, so that a check-in's sync writes data only
/// (``SQLiteJournal/keepWALHeadroom(_:)``).
@Suite("The WAL's headroom")
struct WALHeadroomTests {
    static func size(_ path: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? -1
    }

    static func walPath(_ folder: URL) -> String { folder.appendingPathComponent("knead.sqlite-wal").path }

    /// A check-in, its sync waited for, and the queue's work after it (the zeros) done.
    static func checkIn(_ f: inout OverlappedSyncTests.Fixture, _ score: Int) throws {
        try f.checkIn(score)
        try f.journal.waitUntilSaved()
        _ = try f.journal.dbPool.write { _ in }  // behind the headroom on the connection's queue
    }

    static func events(_ journal: SQLiteJournal) throws -> Int {
        try journal.dbPool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
    }

    @Test("An overlapped check-in leaves a megabyte of zeros past the frames; the next ones write within them")
    func zerosAhead() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        f.journal.overlapsSync = true
        let wal = Self.walPath(f.temp.dataFolder)
        let before = Self.size(wal)
        try Self.checkIn(&f, 5)
        let size = Self.size(wal)
        #expect(size >= before + SQLiteJournal.walHeadroom, "WAL \(before) → \(size) bytes")
        #expect(f.journal.syncOverlap.withLock { $0.walPrepared } == size)
        // The last megabyte is zeros.
        let handle = try #require(FileHandle(forReadingAtPath: wal))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(size - SQLiteJournal.walHeadroom))
        let tail = try #require(try handle.readToEnd())
        #expect(tail.count == Int(SQLiteJournal.walHeadroom) && tail.allSatisfy { $0 == 0 })
        for score in [4, 6, 3] { try Self.checkIn(&f, score) }
        #expect(Self.size(wal) == size, "the next check-ins' frames went over the zeros")
    }

    @Test("Off, no zeros are written: commands and tests sync inside COMMIT as before")
    func offWritesNone() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        let wal = Self.walPath(f.temp.dataFolder)
        try f.checkIn(5)
        #expect(Self.size(wal) < SQLiteJournal.walHeadroom)
        #expect(f.journal.syncOverlap.withLock { $0.walPrepared } == -1)
    }

    @Test("A WAL emptied by a truncating checkpoint gets its zeros again at the next check-in")
    func afterTruncation() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        f.journal.overlapsSync = true
        let wal = Self.walPath(f.temp.dataFolder)
        try Self.checkIn(&f, 5)
        try f.journal.checkpoint()
        #expect(Self.size(wal) == 0)
        try Self.checkIn(&f, 4)
        #expect(Self.size(wal) >= SQLiteJournal.walHeadroom)
    }

    @Test("Cut off while the zeros are there (the files copied as they are): every check-in is read back")
    func crashWithZeros() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        f.journal.overlapsSync = true
        for score in [5, 4, 6, 3, 2] { try Self.checkIn(&f, score) }
        let count = try Self.events(f.journal)
        // As a power cut leaves them: knead.sqlite without the check-ins, the WAL with their
        // frames and the zeros after them; no checkpoint has run.
        let copy = f.temp.url.appendingPathComponent("after-the-cut", isDirectory: true)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["knead.sqlite", "knead.sqlite-wal"] {
            try FileManager.default.copyItem(at: f.temp.dataFolder.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        #expect(Self.size(Self.walPath(copy)) >= SQLiteJournal.walHeadroom)
        let reopened = try SQLiteJournal.open(folder: copy, clock: f.clock)
        defer { try? reopened.close() }
        #expect(try Self.events(reopened) == count)
        let scores = try reopened.events(of: SessionID("checking-in")).compactMap { event -> Int? in
            if case .checkedIn(let checkIn) = event.change { return checkIn.score.value }
            return nil
        }
        #expect(scores.suffix(5) == [5, 4, 6, 3, 2])
    }

    @Test("A disk without room for the zeros: what was added is cut off, and the check-ins go on without them")
    func diskRefuses() throws {
        let temp = try TemporaryFolder()
        let mountPoint = temp.url.appendingPathComponent("small", isDirectory: true)
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard Self.mountTmpfs(at: mountPoint.path, kilobytes: 900) else {
            print("WALHeadroomTests.diskRefuses: this machine does not allow mounting a tmpfs; not run")
            return
        }
        defer { Self.unmount(mountPoint.path) }
        let folder = mountPoint.appendingPathComponent("data", isDirectory: true)
        let clock = ManualClock(awkwardMoment)
        let journal = try SQLiteJournal.open(folder: folder, clock: clock)
        defer { try? journal.close() }
        var state = try CheckInWriteTests.treatment(journal, clock: clock)
        journal.overlapsSync = true
        var scores: [Int] = []
        for score in [5, 4, 6] {
            clock.advance(by: 20)
            try journal.perform(.checkIn(score: score, region: nil), on: &state, at: clock.now())
            try journal.waitUntilSaved()
            _ = try journal.dbPool.write { _ in }
            scores.append(score)
        }
        #expect(journal.syncOverlap.withLock { $0.walPrepared } == nil, "the disk refused and knead stopped trying")
        // Frames only: the WAL's header and whole frames (a page and its 24-byte header each).
        let page = try journal.dbPool.read { db in try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
        let wal = Self.size(Self.walPath(folder))
        #expect(wal > 32 && (wal - 32) % (page + 24) == 0, "the zeros written were cut off: the WAL is \(wal) bytes")
        let saved = try journal.events(of: SessionID("checking-in")).compactMap { event -> Int? in
            if case .checkedIn(let checkIn) = event.change { return checkIn.score.value }
            return nil
        }
        #expect(saved == scores)
    }

    static func mountTmpfs(at path: String, kilobytes: Int) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path])
    }

    static func unmount(_ path: String) { _ = run("/bin/umount", [path]) }

    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
