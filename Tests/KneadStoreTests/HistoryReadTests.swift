import Foundation
import Testing
import KneadCore
@testable import KneadStore

/// The history read keeps what it has already decoded within one read (signed-code columns, the
/// client of the row before) and gathers the ids it read only when some session must be replayed:
/// none of which may change what a history or a day review shows.
@Suite("History read")
struct HistoryReadTests {
    static let now = ProjectionTests.now

    /// A signed visit of `client`, `days` before now: two regions, two techniques, a drop in pain.
    @discardableResult
    static func signedVisit(_ journal: SQLiteJournal, client: Client, daysBefore days: Double) throws -> SessionState {
        let start = now.addingTimeInterval(-days * 86_400)
        return try SamplePractice.record(journal, at: start, client: client, minutes: 60, steps: [
            .command(.recordAssessment(Assessment(chiefComplaint: "Low back", painfulRegions: [
                RegionPain(region: ProjectionTests.region, score: PainScore(7)!)], consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: ProjectionTests.region, technique: Technique("effleurage"), pressure: .swedish))),
            .wait(6), .command(.checkIn(score: 5, region: nil)),
            .command(.startWork(RegionWork(region: Region(.neck, .right)!, technique: Technique("trigger-point"), pressure: .deep))),
            .wait(4), .command(.checkIn(score: 3, region: nil)), .command(.endTreatment),
            .command(.recordAftercare(Aftercare(postPain: PainScore(2)!, advice: [], plan: "Weekly"))),
            .command(.sign(by: "Sam")),
        ])
    }

    static func replay(_ journal: SQLiteJournal, _ summary: SessionSummary) throws -> SessionSummary {
        SessionSummary(SessionState(id: summary.id, replaying: try journal.events(of: summary.id)), client: summary.client)
    }

    @Test("Visits signed with the same codes share one decoded column, and a visit with other codes keeps its own")
    func signedCodeColumns() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        let client = SamplePractice.clients[0]
        let visits = try (1...4).map { try Self.signedVisit(journal, client: client, daysBefore: Double($0 * 7)) }
        let read = try journal.visits(of: client.id)
        #expect(read.count == 4)
        #expect(try read.map { try Self.replay(journal, $0) } == read)
        let codes = try #require(read.first?.signedCodes?.codeByTechnique[Technique("effleurage")])
        #expect(Set(read.compactMap(\.signedCodes)).count == 1)

        // One row's column says another code (as a note signed under another catalogue would):
        // read from the row itself, that visit alone shows it, the rows around it keep theirs.
        let other = visits[2].id
        try journal.executeRawSQL("UPDATE session_summaries SET signed_codes = replace(signed_codes, ?, '97999') WHERE session_id = ?",
                                  arguments: [codes, other.rawValue])
        let changed = try journal.visits(of: client.id)
        #expect(changed.count == 4)
        for visit in changed {
            #expect(visit.signedCodes?.codeByTechnique[Technique("effleurage")] == (visit.id == other ? "97999" : codes))
        }

        // Two rows holding the same unreadable column: each is replayed, neither is lost or doubled.
        try journal.executeRawSQL("UPDATE session_summaries SET signed_codes = 'unreadable' WHERE session_id IN (?, ?)",
                                  arguments: [visits[0].id.rawValue, visits[3].id.rawValue])
        let replayedTwo = try journal.visits(of: client.id)
        #expect(replayedTwo.map(\.id) == changed.map(\.id))
        #expect(replayedTwo.first?.signedCodes?.codeByTechnique[Technique("effleurage")] == codes)
        #expect(replayedTwo.last?.signedCodes?.codeByTechnique[Technique("effleurage")] == codes)
    }

    @Test("A day review of interleaved clients gives every visit its own client")
    func interleavedClients() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        let clients = Array(SamplePractice.clients.prefix(3))
        // Oldest first: A, B, A, C, B, A — no two neighbours alike except where the order says so.
        let order = [0, 1, 0, 2, 1, 0, 0]
        var expected: [SessionID: ClientID] = [:]
        for (index, which) in order.enumerated() {
            let state = try Self.signedVisit(journal, client: clients[which], daysBefore: Double(order.count - index))
            expected[state.id] = clients[which].id
        }
        let review = try journal.sessionSummaries(startedFrom: .distantPast, to: .distantFuture)
        #expect(review.count == order.count)
        #expect(review.map(\.client.id) == order.map { clients[$0].id })
        for summary in review { #expect(expected[summary.id] == summary.client.id) }
        #expect(try review.map { try Self.replay(journal, $0) } == review)
        for client in clients {
            #expect(try journal.visits(of: client.id).map(\.id) == review.filter { $0.client.id == client.id }.map(\.id))
        }
    }

    @Test("A projection missing some rows: those sessions are replayed, and no visit is read twice")
    func missingRows() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(Self.now))
        let client = SamplePractice.clients[1]
        let visits = try (1...5).map { try Self.signedVisit(journal, client: client, daysBefore: Double($0)) }
        let whole = try journal.visits(of: client.id)
        try journal.executeRawSQL("DELETE FROM session_summaries WHERE session_id IN (?, ?)",
                                  arguments: [visits[1].id.rawValue, visits[3].id.rawValue])
        #expect(try ProjectionTests.rowCount(journal) == 3)
        let read = try journal.visits(of: client.id)
        #expect(read.count == 5)
        #expect(Set(read.map(\.id)).count == 5)
        #expect(read == whole)
    }
}
