import Foundation
import Testing
import KneadCore
@testable import KneadStore

/// The session summaries the journal keeps on every append (the `session_summaries` projection):
/// always the same as replaying the session's events, built for databases that predate them,
/// dropped when an event is written past the journal, and what the history and review read.
@Suite("Projections kept on append")
struct ProjectionTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 ~ midday UTC
    static let region = Region(.gluteal, .left)!

    /// Every session's summary as the journal answers it, and as a replay of its events makes it.
    static func answeredAndReplayed(_ journal: SQLiteJournal) throws -> (answered: [SessionSummary], replayed: [SessionSummary]) {
        var answered: [SessionSummary] = [], replayed: [SessionSummary] = []
        for client in try journal.clients() {
            let visits = try journal.visits(of: client.id)
            answered += visits
            replayed += try visits.map { SessionSummary(SessionState(id: $0.id, replaying: try journal.events(of: $0.id)), client: $0.client) }
        }
        return (answered, replayed)
    }

    static func rowCount(_ journal: SQLiteJournal, session: SessionID? = nil) throws -> Int {
        let sql = session == nil ? "SELECT COUNT(*) FROM session_summaries" : "SELECT COUNT(*) FROM session_summaries WHERE session_id = ?"
        return Int(try journal.fetchRawStrings(sql, arguments: session.map { [$0.rawValue] } ?? []).first ?? "") ?? -1
    }

    /// A session with undo, a note, an override of nothing, several regions and an amendment after signing.
    static func busySession(_ journal: SQLiteJournal, at start: Date) throws -> SessionState {
        let other = Region(.neck, .right)!
        return try SamplePractice.record(journal, at: start, client: SamplePractice.clients[1], minutes: 60, steps: [
            .command(.recordAssessment(Assessment(chiefComplaint: "Hip", painfulRegions: [RegionPain(region: region, score: PainScore(8)!)],
                                                  consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: region, technique: Technique("trigger-point"), pressure: .deep))),
            .wait(5), .command(.checkIn(score: 6, region: nil)),
            .command(.checkIn(score: 9, region: nil)), .command(.undo),
            .wait(3), .command(.startWork(RegionWork(region: other, technique: Technique("effleurage"), pressure: .swedish))),
            .command(.note("Scalenes guarded")),
            .wait(4), .command(.checkIn(score: 3, region: other)), .command(.endTreatment),
            .command(.recordAftercare(Aftercare(postPain: PainScore(2)!, advice: ["Drink water."], plan: "Weekly"))),
            .command(.sign(by: "Sam")),
            .command(.amend(Amendment(by: "Sam", reason: "Late report", text: "Client called: less pain the next day."))),
        ])
    }

    @Test("Every summary the journal answers equals the replay of its events, through undo, signing and amendments")
    func sameAsReplay() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        try SamplePractice.seed(into: journal, now: Self.now)
        _ = try Self.busySession(journal, at: Self.now.addingTimeInterval(-7_200))
        let (answered, replayed) = try Self.answeredAndReplayed(journal)
        #expect(answered.count == 5)
        #expect(answered == replayed)
        // Every session has its row, written as it was appended.
        #expect(try Self.rowCount(journal) == 5)
        let busy = try #require(answered.first { $0.client.id == SamplePractice.clients[1].id && $0.phase == .signed })
        #expect(busy.checkInCount == 2)  // the undone 9 is not counted
        #expect(busy.painDrops.isEmpty == false)
    }

    @Test("History and review read the projection, not the events")
    func readsProjection() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        try SamplePractice.seed(into: journal, now: Self.now)
        let open = try #require(try journal.unfinishedSessions().last)
        let before = try journal.visits(of: open.client.id)
        // Spoil the unsigned session's events behind the journal's back (no insert, so the row stays):
        // a replay now reads them as unreadable entries, the projection still answers as before.
        try journal.executeRawSQL("UPDATE events SET payload = 'spoilt' WHERE session_id = ?", arguments: [open.id.rawValue])
        #expect(try SessionState(id: open.id, replaying: try journal.events(of: open.id)).unreadableEntries.isEmpty == false)
        #expect(try journal.visits(of: open.client.id) == before)
        let day = ReviewCalendar(timeZone: TimeZone(identifier: "UTC")!).span(of: Self.now)
        #expect(try journal.sessionSummaries(startedFrom: day.from, to: day.to).contains { $0.id == open.id })
    }

    @Test("An event written past the journal drops its session's row; reads replay that session")
    func eventPastTheJournal() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        try SamplePractice.seed(into: journal, now: Self.now)
        let open = try #require(try journal.unfinishedSessions().last)
        #expect(try Self.rowCount(journal, session: open.id) == 1)
        let count = try journal.events(of: open.id).count
        let payload = try EventPayload.encode(.checkedIn(PainCheckIn(score: PainScore(1)!, region: nil)))
        try journal.executeRawSQL("INSERT INTO events (session_id, seq, at, type, payload) VALUES (?, ?, ?, 'checkedIn', ?)",
                                  arguments: [open.id.rawValue, String(count + 1), String(Self.now.timeIntervalSinceReferenceDate), payload])
        #expect(try Self.rowCount(journal, session: open.id) == 0)
        let visit = try #require(try journal.visits(of: open.client.id).first { $0.id == open.id })
        #expect(visit.lastCheckIn?.value == 1)
        let (answered, replayed) = try Self.answeredAndReplayed(journal)
        #expect(answered == replayed)
        // The next append through the journal writes the row again, from the events on disk.
        let state = SessionState(id: open.id, replaying: try journal.events(of: open.id))
        guard case .success(let events) = decide(.checkIn(score: 2, region: nil), state, at: Self.now) else {
            Issue.record("the check-in was refused")
            return
        }
        try journal.append(events, to: open.id)
        #expect(try Self.rowCount(journal, session: open.id) == 1)
        #expect(try journal.visits(of: open.client.id).first { $0.id == open.id }?.checkInCount == visit.checkInCount + 1)
    }

    @Test("Two journals on one file: an append through one is seen by the other's next append")
    func twoWriters() throws {
        let folder = try TemporaryFolder()
        let first = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        try SamplePractice.seed(into: first, now: Self.now)
        let second = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        let open = try #require(try first.unfinishedSessions().last)
        for (journal, score) in [(first, 5), (second, 4), (first, 3)] {
            let state = SessionState(id: open.id, replaying: try journal.events(of: open.id))
            guard case .success(let events) = decide(.checkIn(score: score, region: nil), state, at: Self.now) else {
                Issue.record("the check-in was refused")
                return
            }
            try journal.append(events, to: open.id)
        }
        let (answered, replayed) = try Self.answeredAndReplayed(first)
        #expect(answered == replayed)
        #expect(answered.first { $0.id == open.id }?.lastCheckIn?.value == 3)
    }

    @Test("A database from before the projections gets them when it is opened")
    func migrationBuildsThem() throws {
        let folder = try TemporaryFolder()
        var journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        try SamplePractice.seed(into: journal, now: Self.now)
        _ = try Self.busySession(journal, at: Self.now.addingTimeInterval(-7_200))
        let expected = try Self.answeredAndReplayed(journal).replayed
        // Without the projections, as a knead from before this change left it.
        try journal.executeRawSQL("""
            DROP TRIGGER session_summaries_stale; DROP TABLE session_summaries;
            DELETE FROM grdb_migrations WHERE identifier = 'v8-projections-session-summaries'; PRAGMA user_version = 7;
            """)
        try journal.close()
        journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        #expect(try journal.fetchRawStrings("SELECT identifier FROM grdb_migrations WHERE identifier = 'v8-projections-session-summaries'")
                == ["v8-projections-session-summaries"])
        #expect(try Self.rowCount(journal) == 5)
        #expect(try Self.answeredAndReplayed(journal).answered == expected)
    }

    @Test("Rebuilding the projections from the events gives the rows the appends wrote")
    func rebuild() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        try SamplePractice.seed(into: journal, now: Self.now)
        _ = try Self.busySession(journal, at: Self.now.addingTimeInterval(-7_200))
        let rows = "SELECT session_id || '|' || client_id || '|' || phase || '|' || event_count || '|' || regions || '|' || pain_drops"
            + " || '|' || seconds_by_region || '|' || flags FROM session_summaries ORDER BY session_id"
        let written = try journal.fetchRawStrings(rows)
        try journal.rebuildProjections()
        #expect(try journal.fetchRawStrings(rows) == written)
        #expect(written.count == 5)
    }
}
