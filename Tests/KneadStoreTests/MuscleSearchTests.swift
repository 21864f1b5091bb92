import Foundation
import Testing
import KneadCore
@testable import KneadStore

/// Search by a muscle name finds work that was logged on its region.
@Suite("Search by muscle name")
struct MuscleSearchTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let client = Client(id: ClientID("ada"), name: "Ada Lovelace")

    /// A signed session that worked one region and wrote no word of a muscle.
    static func session(_ journal: SQLiteJournal, region: Region, at start: Date) throws -> SessionState {
        try SamplePractice.record(journal, at: start, client: client, minutes: 30, steps: [
            .command(.recordAssessment(Assessment(chiefComplaint: "Sore after the race", consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: region, technique: Technique("effleurage"), pressure: .swedish))),
            .wait(10), .command(.endTreatment),
            .command(.recordAftercare(Aftercare(postPain: PainScore(2)!, plan: "Weekly"))),
            .command(.sign(by: "Sam")),
        ])
    }

    @Test("Each of the issue's muscle names finds a session that worked its region, and no other")
    func muscleFindsRegion() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        let thigh = try Self.session(journal, region: Region(.thighBack, .left)!, at: Self.now)
        let hip = try Self.session(journal, region: Region(.hip, .right)!, at: Self.now.addingTimeInterval(3600))
        let glutes = try Self.session(journal, region: Region(.gluteal, .left)!, at: Self.now.addingTimeInterval(7200))
        let low = try Self.session(journal, region: Region(.lowBack, .left)!, at: Self.now.addingTimeInterval(9000))
        let neck = try Self.session(journal, region: Region(.neck, .right)!, at: Self.now.addingTimeInterval(12000))
        let chest = try Self.session(journal, region: Region(.chest, .left)!, at: Self.now.addingTimeInterval(15000))
        // As an older version indexed work: the region's name only, no muscle word.
        for state in [thigh, hip, glutes, low, neck, chest] {
            let region = state.segments.first?.work.region.name ?? ""
            try journal.executeRawSQL("UPDATE note_search SET text = ? WHERE session_id = ? AND text LIKE '%(%'",
                                      arguments: ["effleurage (effleurage) · " + region, state.id.rawValue])
        }
        func found(_ words: String) throws -> Set<SessionID> { Set(try journal.search(NoteSearch(words)).map(\.session)) }

        #expect(try found("ham") == [thigh.id])
        #expect(try found("hammies") == [thigh.id])
        #expect(try found("IT band") == [hip.id])
        #expect(try found("it-band") == [hip.id])
        #expect(try found("itb") == [hip.id])
        #expect(try found("piriformis") == [glutes.id])
        #expect(try found("glute med") == [hip.id, glutes.id])
        #expect(try found("QL") == [low.id])
        #expect(try found("SCM") == [neck.id])
        #expect(try found("trap") == [neck.id])
        #expect(try found("pecs") == [chest.id])
        #expect(try found("psoas") == [hip.id])
        // Every word is still required: a muscle and the technique logged with it.
        #expect(try found("effleurage hammies") == [thigh.id])
        #expect(try found("petrissage hammies").isEmpty)
        // The snippet marks the region's words the muscle stood for.
        let hit = try #require(try journal.search(NoteSearch("hammies")).first)
        #expect(hit.snippet.filter(\.isMatch).map(\.text) == ["back", "thigh"])
    }

    @Test("The full-text query: muscle words or their regions, every word quoted")
    func query() {
        #expect(SQLiteJournal.ftsQuery(NoteSearch("tight hammies").terms) == "\"tight\"* AND (\"hammies\"* OR \"back thigh\")")
        #expect(SQLiteJournal.ftsQuery(NoteSearch("IT band").terms) == "((\"it\"* AND \"band\"*) OR \"hip\" OR \"front thigh\")")
        #expect(SQLiteJournal.ftsQuery(NoteSearch("\"*\" OR").terms) == "\"or\"*")
        #expect(SQLiteJournal.ftsQuery(NoteSearch("  ").terms) == nil)
    }
}
