import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// What one pain check-in costs the disk: one transaction, one commit, and only the pages it
/// changes; and what it stores, byte for byte as before (payload text and tamper hashes).
@Suite("What a check-in writes")
struct CheckInWriteTests {
    /// Counts the commits of the connection it is added to.
    final class CommitCounter: TransactionObserver, @unchecked Sendable {
        private(set) var commits = 0
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { commits += 1 }
        func databaseDidRollback(_ db: Database) {}
    }

    static let region = Region(.gluteal, .left)!

    /// A session in treatment with work going on, as a check-in finds it.
    static func treatment(_ journal: SQLiteJournal, clock: ManualClock) throws -> SessionState {
        try run([.start(client: ada, plannedMinutes: 60),
                 .recordAssessment(Assessment(consent: true)), .beginTreatment,
                 .startWork(RegionWork(region: region, technique: Technique("trigger-point"), pressure: .deep))],
                in: SessionID("checking-in"), journal: journal, clock: clock)
    }

    /// The frames the WAL holds: after a truncating checkpoint, what the commits since wrote.
    static func walFrames(_ journal: SQLiteJournal) throws -> Int {
        try journal.dbPool.writeWithoutTransaction { db in
            try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")?[1] as Int? ?? -1
        }
    }

    @Test("A check-in is one transaction: one commit (one sync) each, ten check-ins ten commits")
    func oneCommitEach() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        defer { try? journal.close() }
        var state = try Self.treatment(journal, clock: clock)
        let counter = CommitCounter()
        try journal.dbPool.writeWithoutTransaction { db in db.add(transactionObserver: counter, extent: .databaseLifetime) }
        for score in [5, 4, 6, 3, 5, 4, 6, 3, 2, 1] {
            clock.advance(by: 20.5)
            try journal.perform(.checkIn(score: score, region: nil), on: &state, at: clock.now())
        }
        #expect(counter.commits == 10)
        #expect(try journal.events(of: state.id) == state.events)
    }

    @Test("A check-in writes only the pages it changes: the index of unfinished sessions is left alone")
    func pagesOfACheckIn() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        defer { try? journal.close() }
        var state = try Self.treatment(journal, clock: clock)
        clock.advance(by: 30)
        try journal.perform(.checkIn(score: 6, region: nil), on: &state, at: clock.now())
        try journal.checkpoint()  // the WAL starts again at the next commit
        clock.advance(by: 30)
        try journal.perform(.checkIn(score: 4, region: nil), on: &state, at: clock.now())
        // The event and its key, the clinic outbox and its counter, the session's row (its time
        // of update), the summary row and its two indexes. The phase did not change, so the
        // index of unfinished sessions (which the phase decides) is not rewritten.
        let frames = try Self.walFrames(journal)
        #expect(frames <= 8, "one check-in wrote \(frames) pages")
        #expect(try journal.fetchRawStrings("SELECT phase FROM sessions WHERE id = 'checking-in'") == ["treatment"])
        let updated = try journal.dbPool.read { db in try Double.fetchOne(db, sql: "SELECT updated_at FROM sessions") }
        #expect(updated == clock.now().timeIntervalSinceReferenceDate)
        #expect(try journal.unfinishedSessions().map(\.id) == [state.id])
    }

    @Test("A change of phase is still written to the session's row and to the list of unfinished sessions")
    func phaseStillWritten() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        defer { try? journal.close() }
        let state = try Self.treatment(journal, clock: clock)
        try run([.checkIn(score: 3, region: nil), .endTreatment], in: state.id, journal: journal, from: state, clock: clock)
        #expect(try journal.fetchRawStrings("SELECT phase FROM sessions WHERE id = 'checking-in'") == ["aftercare"])
        #expect(try journal.unfinishedSessions().map(\.phase) == [.aftercare])
    }

    @Test("A check-in's payload, written directly, is the encoder's bytes for every score and region, and none")
    func checkInPayloadAsEncoded() throws {
        for region in [nil] + Region.all.map(Optional.some) {
            for score in 0...10 {
                let change = SessionChange.checkedIn(PainCheckIn(score: PainScore(score)!, region: region))
                let direct = try #require(EventPayload.checkInText(PainCheckIn(score: PainScore(score)!, region: region)))
                #expect(direct == (try EventPayload.encodedByFoundation(change)))
                #expect(try EventPayload.encode(change) == direct)
                #expect(EventPayload.decode(direct) == change)
            }
        }
    }

    @Test("A summary's separators are found byte by byte exactly where they are found character by character")
    func separatorsByBytes() {
        let texts = ["", "trigger-point", "x\u{1E}", "\u{1F}", "\u{1E}\u{301}", "e\u{301}\u{1F}", "a\r\n", "마사지", "👍🏽\u{1E}", "\u{1D}\u{20}"]
        for text in texts {
            let byCharacter = text.contains(where: { $0 == SummaryColumns.item || $0 == SummaryColumns.part })
            #expect(SummaryColumns.holdsSeparator(text) == byCharacter, "\(Array(text.unicodeScalars))")
        }
    }

    @Test("A check-in's payload and hashes are the bytes earlier versions stored (known answers)")
    func knownAnswers() throws {
        let payload = try EventPayload.encode(.checkedIn(PainCheckIn(score: PainScore(3)!, region: Self.region)))
        #expect(payload == #"{"checkIn":{"region":"gluteal.left","score":3},"type":"checkedIn"}"#)
        // SHA-256 over length-prefixed fields, worked out apart from knead (Python's hashlib).
        let content = JournalHash.event(session: "session-1", seq: 7, at: 797_000_000.5, type: "checkedIn", payload: payload)
        #expect(content == "56e8c47bf133726d00b2c448384a042a53f86968258518712d3024189ced3169")
        #expect(JournalHash.chain(previous: JournalHash.genesis, content: content)
                == "be4f610c3a11a1269428e90802223b3a0fc57664d9eb5821513e32753f2842a4")
    }
}
