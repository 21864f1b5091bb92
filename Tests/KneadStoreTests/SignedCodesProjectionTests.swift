import Foundation
import GRDB
import Testing
import KneadCore
@testable import KneadStore

/// The billing codes a note was signed with are read back from the projection row itself (a
/// session whose row cannot be read is replayed instead, which would hide a broken reader).
@Suite("Signed codes in the projection")
struct SignedCodesProjectionTests {
    @Test("A signed session's row reads back with the codes it was signed with, without a replay")
    func signedCodesReadBack() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(ProjectionTests.now))
        try SamplePractice.seed(into: journal, now: ProjectionTests.now)
        let signed = try ProjectionTests.busySession(journal, at: ProjectionTests.now.addingTimeInterval(-7_200))
        let replayed = SessionSummary(SessionState(id: signed.id, replaying: try journal.events(of: signed.id)),
                                      client: SamplePractice.clients[1])
        let codes = try #require(replayed.signedCodes)
        #expect(codes.codeByTechnique.count >= 2)
        let read = try journal.dbPool.read { db -> SessionSummary? in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT NULL, NULL, \(SummaryColumns.selectColumns) FROM session_summaries p WHERE p.session_id = ?
                """, arguments: [signed.id.rawValue]))
            var names = SummaryColumns.Names()
            return SummaryColumns.summary(from: row, at: 2, client: replayed.client, names: &names)
        }
        #expect(read?.signedCodes == codes)
        #expect(read == replayed)
    }
}
