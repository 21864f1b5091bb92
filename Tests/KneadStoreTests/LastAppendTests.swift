import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// An append reuses what the one before it wrote (owner, phase, last number and hash) only while
/// nothing has been written since.
@Suite("What an append leaves known for the next")
struct LastAppendTests {
    static func reads(_ journal: SQLiteJournal) -> Int { journal.appendStartReads.withLock { $0 } }

    @Test("Check-ins in a row read their start once; the chain holds")
    func inARow() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        try f.checkIn(5)
        let before = Self.reads(f.journal)
        for score in [4, 6, 3] { try f.checkIn(score) }
        #expect(Self.reads(f.journal) == before, "no read after the first")
        #expect(try f.journal.verify().isIntact)
        let seqs = try f.journal.dbPool.read { db in try Int.fetchAll(db, sql: "SELECT seq FROM events WHERE session_id = 'checking-in' ORDER BY seq") }
        #expect(seqs == Array(1...seqs.count))
    }

    @Test("Another connection's write in between: the next append reads again and numbers after it")
    func anotherWriter() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        try f.checkIn(5)
        // A second knead on the same file appends to the same session.
        let other = try SQLiteJournal.open(folder: f.temp.dataFolder, clock: f.clock)
        var otherState = f.state
        f.clock.advance(by: 5)
        try other.perform(.checkIn(score: 7, region: nil), on: &otherState, at: f.clock.now())
        try other.close()
        let before = Self.reads(f.journal)
        f.state = SessionState(id: SessionID("checking-in"), replaying: try f.journal.events(of: SessionID("checking-in")))
        try f.checkIn(2)
        #expect(Self.reads(f.journal) == before + 1, "read again after the other write")
        let scores = try f.journal.events(of: SessionID("checking-in")).compactMap { event -> Int? in
            if case .checkedIn(let checkIn) = event.change { return checkIn.score.value }
            return nil
        }
        #expect(scores.suffix(3) == [5, 7, 2])
        #expect(try f.journal.verify().isIntact)
    }

    @Test("This connection's other writes in between also make the next append read again")
    func ownOtherWrite() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        try f.checkIn(5)
        try f.journal.save(Client(id: ClientID("someone-else"), name: "Someone Else"))
        let before = Self.reads(f.journal)
        try f.checkIn(4)
        #expect(Self.reads(f.journal) == before + 1)
    }

    @Test("A failed append leaves nothing known")
    func failedAppend() throws {
        var f = try OverlappedSyncTests.Fixture()
        defer { try? f.journal.close() }
        try f.checkIn(5)
        #expect(throws: StoreError.self) {
            try f.journal.append([SessionEvent(at: f.clock.now(), .started(SessionStart(client: ada, plannedMinutes: 60)))],
                                 to: SessionID("checking-in"))
        }
        #expect(f.journal.lastAppend.withLock { $0 } == nil)
    }
}
