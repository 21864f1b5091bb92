import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// In the app, a check-in's save leaves the session's summary row for a quiet moment; readers
/// replay the session meanwhile, so what they answer does not change.
@Suite("The summary row after a quiet moment")
struct DeferredSummaryTests {
    static func rows(_ journal: SQLiteJournal, _ session: SessionID) throws -> Int {
        try journal.dbPool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session_summaries WHERE session_id = ?", arguments: [session.rawValue]) ?? 0
        }
    }

    static func summary(_ journal: SQLiteJournal, _ f: OverlappedSyncTests.Fixture) throws -> SessionSummary? {
        try journal.sessionSummaries(startedFrom: f.clock.now().addingTimeInterval(-86_400), to: f.clock.now().addingTimeInterval(60))
            .first { $0.id == f.state.id }
    }

    @Test("Check-ins leave no row; readers answer from the events; a quiet moment writes the row they would read")
    func quietMoment() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        f.journal.overlapsSync = true
        for score in [5, 4, 6] { try f.checkIn(score) }
        try f.journal.waitUntilSaved()
        #expect(try Self.rows(f.journal, f.state.id) == 0, "not written with the check-in")
        let replayed = try #require(try Self.summary(f.journal, f))
        #expect(replayed == SessionSummary(f.state))
        // Two idle ticks: the row is written (then the WAL checkpointed).
        _ = f.journal.maintain()
        _ = f.journal.maintain()
        try f.journal.waitUntilSaved()
        #expect(try Self.rows(f.journal, f.state.id) == 1)
        #expect(try Self.summary(f.journal, f) == replayed)
        #expect(f.journal.deferredSummaryRows.withLock { $0.isEmpty })
    }

    @Test("Closing writes the rows still waiting")
    func atClose() throws {
        var f = try OverlappedSyncTests.Fixture()
        f.journal.overlapsSync = true
        try f.checkIn(5)
        try f.journal.waitUntilSaved()
        #expect(try Self.rows(f.journal, f.state.id) == 0)
        try f.journal.close()
        let reopened = try SQLiteJournal.open(folder: f.temp.dataFolder, clock: f.clock)
        defer { try? reopened.close() }
        #expect(try Self.rows(reopened, f.state.id) == 1)
        #expect(try Self.summary(reopened, f) == SessionSummary(f.state))
    }

    @Test("Rows an earlier run left unwritten (cut off before a quiet moment) are written at this run's first")
    func afterACut() throws {
        var f = try OverlappedSyncTests.Fixture()
        f.journal.overlapsSync = true
        try f.checkIn(5)
        try f.journal.waitUntilSaved()
        // As if knead had been cut off: the rows it meant to write are forgotten.
        f.journal.deferredSummaryRows.withLock { $0.removeAll() }
        try f.journal.close()
        let reopened = try SQLiteJournal.open(folder: f.temp.dataFolder, clock: f.clock)
        defer { try? reopened.close() }
        #expect(try Self.rows(reopened, f.state.id) == 0)
        _ = reopened.maintain()
        _ = reopened.maintain()
        #expect(try Self.rows(reopened, f.state.id) == 1, "written at the first quiet moment, with nothing else written")
        #expect(try Self.summary(reopened, f) == SessionSummary(f.state))
    }

    @Test("Off (commands, tests), the row is written with the append")
    func offAtOnce() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        try f.checkIn(5)
        #expect(try Self.rows(f.journal, f.state.id) == 1)
        #expect(f.journal.deferredSummaryRows.withLock { $0.isEmpty })
    }
}
