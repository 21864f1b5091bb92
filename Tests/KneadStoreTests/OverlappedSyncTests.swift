import Foundation
import GRDB
import GRDBSQLite
import KneadCore
import Synchronization
import Testing
@testable import KneadStore

/// An append whose sync overlaps the drawing of its frame (`overlapsSync`): committed, synced on
/// the connection's queue, and waited for by `waitUntilSaved` before anything is shown.
@Suite("A save's sync beside the drawing")
struct OverlappedSyncTests {
    /// A journal with a session in treatment, as a check-in finds it; close the journal when done.
    struct Fixture {
        let temp: TemporaryFolder
        let clock = ManualClock(awkwardMoment)
        let journal: SQLiteJournal
        var state: SessionState

        init() throws {
            temp = try TemporaryFolder()
            journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
            state = try CheckInWriteTests.treatment(journal, clock: clock)
        }

        /// A check-in twenty seconds after the last action.
        mutating func checkIn(_ score: Int) throws {
            clock.advance(by: 20)
            try journal.perform(.checkIn(score: score, region: nil), on: &state, at: clock.now())
        }

        /// Replaces the sync of a queued append (to count it, hold it or fail it).
        func syncing(_ sync: @escaping @Sendable (Database) -> Int32) {
            journal.syncOverlap.withLock { $0.sync = sync }
        }

        /// Counts the queued syncs, each still done for real.
        func countingSyncs() -> SyncCount {
            let count = SyncCount()
            syncing { db in
                count.add()
                return SQLiteJournal.syncWAL(db)
            }
            return count
        }
    }

    final class SyncCount: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// The writing connection's `synchronous` level (2 is FULL, 1 NORMAL).
    static func synchronous(_ journal: SQLiteJournal) throws -> Int? {
        try journal.dbPool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    }

    @Test("Off, an append syncs inside its commit: nothing is queued")
    func offSyncsInCommit() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        try f.journal.perform(.checkIn(score: 5, region: nil), on: &f.state, at: f.clock.now())
        #expect(f.journal.syncOverlap.withLock { $0.pending.isEmpty })
        #expect(try Self.synchronous(f.journal) == 2)
    }

    @Test("On, an append returns before its sync has run, and waitUntilSaved returns only after")
    func onReturnsBeforeTheSync() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        let synced = Mutex(0)
        let release = DispatchSemaphore(value: 0)
        f.syncing { db in
            release.wait()
            release.signal()  // once released, later syncs (the summary rows at close) pass too
            synced.withLock { $0 += 1 }
            return SQLiteJournal.syncWAL(db)
        }
        f.journal.overlapsSync = true
        try f.checkIn(5)
        #expect(f.journal.syncOverlap.withLock { $0.pending.count } == 1)
        #expect(synced.withLock { $0 } == 0)
        let returned = Mutex(false)
        let done = DispatchSemaphore(value: 0)
        let journal = f.journal
        Thread.detachNewThread {
            try? journal.waitUntilSaved()
            returned.withLock { $0 = true }
            done.signal()
        }
        // Not back before the sync ran.
        let early = done.wait(timeout: .now() + 0.2) == .success
        #expect(!early)
        #expect(!returned.withLock { $0 })
        release.signal()
        if !early { done.wait() }
        #expect(synced.withLock { $0 } == 1)
        #expect(f.journal.syncOverlap.withLock { $0.pending.isEmpty })
        #expect(try f.journal.events(of: f.state.id) == f.state.events)
        // NORMAL while on (each commit's sync queued by the WAL hook), FULL again once off.
        #expect(try Self.synchronous(f.journal) == 1)
        f.journal.overlapsSync = false
        #expect(try Self.synchronous(f.journal) == 2)
        try f.checkIn(4)
        #expect(f.journal.syncOverlap.withLock { $0.pending.isEmpty }, "off: the commit synced inside itself")
        #expect(synced.withLock { $0 } == 1)
    }

    @Test("On, every commit queues its sync, not only an append's: a client saved waits for its sync too")
    func everyCommit() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        let synced = f.countingSyncs()
        f.journal.overlapsSync = true
        let counted = f.journal.files.withLock { $0.commitsSinceCheckpoint }
        try f.journal.save(Client(id: ClientID("client-new"), name: "Noor Haddad"))
        #expect(f.journal.syncOverlap.withLock { $0.pending.count } == 1)
        #expect(f.journal.files.withLock { $0.commitsSinceCheckpoint } >= counted + 1)
        try f.journal.waitUntilSaved()
        #expect(synced.value == 1)
        #expect(try f.journal.clientDirectory().clients.contains { $0.id == ClientID("client-new") })
        // A write that counts nothing itself is counted towards the next checkpoint by the hook
        // (which takes the place of SQLite's automatic checkpoint), and synced too.
        let before = f.journal.files.withLock { $0.commitsSinceCheckpoint }
        try f.journal.dbPool.write { db in
            try db.execute(sql: "CREATE TABLE test_only (x); INSERT INTO test_only VALUES (1)")
        }
        #expect(f.journal.files.withLock { $0.commitsSinceCheckpoint } == before + 1)
        try f.journal.waitUntilSaved()
        #expect(synced.value == 2)
    }

    @Test("On, each append queues its own sync; one wait covers them all, and the next append waits for the last")
    func oneSyncPerAppend() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        let synced = f.countingSyncs()
        f.journal.overlapsSync = true
        for score in [5, 4, 6] { try f.checkIn(score) }
        // Each append's transaction runs on the connection's queue after the sync before it.
        #expect(synced.value >= 2)
        try f.journal.waitUntilSaved()
        #expect(synced.value == 3)
        #expect(try f.journal.events(of: f.state.id) == f.state.events)
    }

    @Test("The sync is SQLite's own of the WAL file, and it succeeds on a real database")
    func realSync() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        defer { try? journal.close() }
        let code = try journal.dbPool.writeWithoutTransaction { db in SQLiteJournal.syncWAL(db) }
        #expect(code == SQLITE_OK)
        // An in-memory database has no WAL file to sync: the failure is reported, not ignored.
        let memory = try DatabaseQueue()
        #expect(try memory.writeWithoutTransaction { db in SQLiteJournal.syncWAL(db) } != SQLITE_OK)
    }

    @Test("A failed sync: the WAL is copied into the database and synced, it is said once, and commits sync inside themselves from then on")
    func failedSync() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        // SQLITE_IOERR_FSYNC, which the C header makes from SQLITE_IOERR.
        f.syncing { _ in SQLITE_IOERR | (4 << 8) }
        f.journal.overlapsSync = true
        try f.checkIn(5)
        #expect(try CheckInWriteTests.walFrames(f.journal) > 0)
        do {
            try f.journal.waitUntilSaved()
            Issue.record("a failed sync was not reported")
        } catch {
            #expect("\(error)".contains("copied the record into the database file"))
        }
        // Everything the WAL held is in knead.sqlite now, and the WAL is empty.
        #expect(try CheckInWriteTests.walFrames(f.journal) == 0)
        #expect(!f.journal.overlapsSync)
        try f.journal.waitUntilSaved()
        try f.checkIn(4)
        #expect(f.journal.syncOverlap.withLock { $0.pending.isEmpty })
        #expect(try f.journal.events(of: f.state.id) == f.state.events)
    }

    @Test("The clinic push waits for the queued syncs without taking them: waitUntilSaved still gets their result")
    func pushWaitsWithoutTaking() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        let release = DispatchSemaphore(value: 0)
        f.syncing { db in
            release.wait()
            release.signal()  // once released, later syncs (the summary rows at close) pass too
            return SQLITE_IOERR | (4 << 8)
        }
        f.journal.overlapsSync = true
        try f.checkIn(5)
        let journal = f.journal
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? journal.syncOutbox(limit: 100)
            done.signal()
        }
        let early = done.wait(timeout: .now() + 0.2) == .success
        #expect(!early)
        release.signal()
        if !early { done.wait() }
        // The failure is still there for the app to say.
        #expect(throws: StoreError.self) { try journal.waitUntilSaved() }
    }

    @Test("The clinic push syncs the WAL itself before it reads, in the same turn of the queue; a failed sync sends nothing")
    func pushSyncsFirst() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        let synced = Mutex(0)
        let failing = Mutex(false)
        f.syncing { db in
            synced.withLock { $0 += 1 }
            return failing.withLock { $0 } ? SQLITE_IOERR | (4 << 8) : SQLiteJournal.syncWAL(db)
        }
        f.journal.overlapsSync = true
        try f.checkIn(5)
        try f.journal.waitUntilSaved()
        #expect(synced.withLock { $0 } == 1)
        // A commit whose sync is still queued when the push's read is reached would otherwise be
        // read unsynced: the push syncs first.
        #expect(!(try f.journal.syncOutbox(limit: 100)).isEmpty)
        #expect(synced.withLock { $0 } == 2)
        failing.withLock { $0 = true }
        #expect(throws: StoreError.self) { _ = try f.journal.syncOutbox(limit: 100) }
        failing.withLock { $0 = false }
    }

    @Test("Reads wait behind a queued sync: nothing reads the journal before the sync has run")
    func readsWaitBehindTheSync() throws {
        var f = try Fixture()
        defer { try? f.journal.close() }
        let order = Mutex<[String]>([])
        let release = DispatchSemaphore(value: 0)
        f.syncing { db in
            release.wait()
            release.signal()  // once released, later syncs (the summary rows at close) pass too
            order.withLock { $0.append("synced") }
            return SQLiteJournal.syncWAL(db)
        }
        f.journal.overlapsSync = true
        try f.checkIn(5)
        let done = DispatchSemaphore(value: 0)
        let (journal, id) = (f.journal, f.state.id)
        Thread.detachNewThread {
            _ = try? journal.events(of: id)
            order.withLock { $0.append("read") }
            done.signal()
        }
        let early = done.wait(timeout: .now() + 0.2) == .success
        #expect(!early)
        release.signal()
        if !early { done.wait() }
        try f.journal.waitUntilSaved()
        #expect(order.withLock { $0 } == ["synced", "read"])
    }
}
