import Foundation
import Testing
import KneadCore
@testable import KneadStore

/// The review queries on a real database: a day's summaries, a client's visits, note search.
@Suite("Review, history and search queries")
struct QueryTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 ~ midday UTC
    static let utc = ReviewCalendar(timeZone: TimeZone(identifier: "UTC")!)

    /// A short session with a complaint and notes, started at `start`.
    @discardableResult
    static func session(_ journal: SQLiteJournal, client: Client, at start: Date, complaint: String,
                        notes: [String] = [], sign: Bool = true) throws -> SessionState {
        let region = Region(.gluteal, .left)!
        var steps: [SamplePractice.Step] = [
            .command(.recordAssessment(Assessment(chiefComplaint: complaint,
                                                  painfulRegions: [RegionPain(region: region, score: PainScore(7)!)], consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: region, technique: Technique("trigger-point"), pressure: .swedish))),
        ]
        steps += notes.map { .command(.note($0)) }
        steps += [.wait(10), .command(.checkIn(score: 4, region: nil)), .command(.endTreatment),
                  .command(.recordAftercare(Aftercare(postPain: PainScore(3)!, advice: ["Drink water."], plan: "Weekly")))]
        if sign { steps.append(.command(.sign(by: "Sam"))) }
        return try SamplePractice.record(journal, at: start, client: client, minutes: 45, steps: steps)
    }

    @Test("A day's summaries: every session started that day, the figures of each")
    func daySummaries() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        try SamplePractice.seed(into: journal, now: Self.now)
        let today = Self.utc.span(of: Self.now)
        let summaries = try journal.sessionSummaries(startedFrom: today.from, to: today.to)
        #expect(summaries.count == 3)
        #expect(summaries.map(\.client.name) == ["María José García", "김민지 Kim Min-ji", "Amira Haddad"])
        #expect(summaries.map(\.phase) == [.signed, .aftercare, .treatment])
        let maria = try #require(summaries.first)
        #expect(maria.painBefore?.value == 6)
        #expect(maria.painAfter?.value == 2)
        #expect(maria.checkInCount == 2)
        #expect(maria.regions.map(\.id) == ["upperBack.right", "neck.right", "shoulder.right"])
        #expect(maria.flags.isEmpty)
        #expect(summaries[1].flags == [.unsigned])
        #expect(summaries.reviewOrder().map(\.phase) == [.aftercare, .treatment, .signed])

        let yesterday = Self.utc.span(of: Self.now.addingTimeInterval(-86_400))
        #expect(try journal.sessionSummaries(startedFrom: yesterday.from, to: yesterday.to).map(\.client.name) == ["Tom O'Brien"])
        // The summaries are the same fold as replaying the journal's events.
        let id = maria.id
        #expect(maria == SessionSummary(SessionState(id: id, replaying: try journal.events(of: id)), client: maria.client))
    }

    @Test("A client's visits, oldest first, only theirs")
    func visits() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        let other = Client(id: ClientID("other"), name: "Other Person")
        try Self.session(journal, client: ada, at: Self.now.addingTimeInterval(-7 * 86_400), complaint: "Hip")
        try Self.session(journal, client: other, at: Self.now.addingTimeInterval(-3 * 86_400), complaint: "Neck")
        try Self.session(journal, client: ada, at: Self.now.addingTimeInterval(-14 * 86_400), complaint: "Hip again")
        let visits = try journal.visits(of: ada.id)
        #expect(visits.count == 2)
        #expect(visits[0].startedAt < visits[1].startedAt)
        #expect(visits.allSatisfy { $0.client.id == ada.id && $0.painChange == -4 })
    }

    @Test("An undone note leaves the search index; the notes kept stay found")
    func undoneNotesAreNotFound() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        let region = Region(.gluteal, .left)!
        let state = try SamplePractice.record(journal, at: Self.now, client: ada, minutes: 45, steps: [
            .command(.recordAssessment(Assessment(chiefComplaint: "Hip", painfulRegions: [RegionPain(region: region, score: PainScore(7)!)],
                                                  consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: region, technique: Technique("trigger-point"), pressure: .swedish))),
            .command(.note("taut band near the sacrum")),
            .command(.note("wrong client's finding")),
            .command(.undo),
            .command(.checkIn(score: 4, region: nil)),
            .command(.undo),
        ])
        #expect(state.notes.map(\.value) == ["taut band near the sacrum"])
        #expect(try journal.search(NoteSearch("wrong")).isEmpty, "the undone note is not found")
        #expect(try journal.search(NoteSearch("taut")).map(\.session) == [state.id])
        // The undone note is still in the journal, only voided.
        #expect(try journal.events(of: state.id).contains { $0.change == .noted("wrong client's finding") })
    }

    @Test("Search ranks by relevance, every matching entry, matched words marked, prefix and accents")
    func searchRanking() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        let other = Client(id: ClientID("other"), name: "Other Person")
        let weak = try Self.session(journal, client: ada, at: Self.now.addingTimeInterval(-86_400),
                                    complaint: "Aches after a long day of gardening, lifting pots, raking leaves and kneeling; sometimes the gluteus",
                                    notes: ["Gluteus tender"])
        let strong = try Self.session(journal, client: other, at: Self.now.addingTimeInterval(-2 * 86_400),
                                      complaint: "Gluteus medius, gluteus minimus", notes: ["Crème on the calf"])
        // Worked on the gluteals too (the helper's region), though the complaint is the neck.
        let neck = try Self.session(journal, client: other, at: Self.now, complaint: "Neck only")

        // Every matching entry, not one per session: the complaint, the note, the region worked
        // (by its muscle names too), each with its own snippet; best first.
        let hits = try journal.search(NoteSearch("glute"))
        #expect(Set(hits.map(\.session)) == [strong.id, weak.id, neck.id])
        #expect(hits.filter { $0.session == weak.id }.map(\.source).contains(.note))
        #expect(hits.filter { $0.session == weak.id }.map(\.source).contains(.complaint))
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.rank <= $1.rank })
        let complaint = try #require(hits.first { $0.session == strong.id && $0.source == .complaint })
        #expect(complaint.snippet.filter(\.isMatch).map(\.text).prefix(2) == ["Gluteus", "gluteus"])
        #expect(complaint.text.hasPrefix("Gluteus medius, gluteus minimus"))
        #expect(complaint.client.name == "Other Person")
        // A region is found by its common muscle names.
        #expect(Set(try journal.search(NoteSearch("piriformis")).map(\.session)) == [strong.id, weak.id, neck.id])

        // Every word must match; accents do not matter; the client and the dates narrow it.
        #expect(Set(try journal.search(NoteSearch("gluteus minimus")).map(\.session)) == [strong.id, weak.id, neck.id])
        #expect(Set(try journal.search(NoteSearch("medius minimus lifting")).map(\.session)) == [weak.id])
        #expect(try journal.search(NoteSearch("creme")).first?.snippet.filter(\.isMatch).map(\.text) == ["Crème"])
        #expect(Set(try journal.search(NoteSearch("glute", client: ada.id)).map(\.session)) == [weak.id])
        #expect(Set(try journal.search(NoteSearch("glute", from: Self.now.addingTimeInterval(-86_400 - 60))).map(\.session)) == [weak.id, neck.id])
        #expect(try journal.search(NoteSearch("glute", limit: 1)).count == 1)
        // Operators and punctuation are words, not syntax; nothing to find finds nothing.
        #expect(try journal.search(NoteSearch("\"gluteus\" OR neck*")).isEmpty)
        #expect(try journal.search(NoteSearch("  ,.; ")).isEmpty)
        #expect(try journal.search(NoteSearch("zzz")).isEmpty)
    }

    @Test("The review-indices migration adds the unfinished-sessions index")
    func migration() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        #expect(try journal.fetchRawStrings("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'sessions_unfinished'")
                == ["sessions_unfinished"])
    }

    @Test("Migration v7 reindexes an old database: every word the note shows, without voided notes")
    func reindexMigration() throws {
        let folder = try TemporaryFolder()
        var journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        let region = Region(.gluteal, .left)!
        let state = try SamplePractice.record(journal, at: Self.now, client: ada, minutes: 45, steps: [
            .command(.recordAssessment(Assessment(chiefComplaint: "Hip", painfulRegions: [RegionPain(region: region, score: PainScore(7)!)],
                                                  medications: "Warfarin", consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: region, technique: Technique("trigger-point"), pressure: .swedish))),
            .command(.note("wrong client's finding")),
            .command(.undo),
        ])
        // As a version 3 database held it: only the complaint and every note, voided ones too.
        try journal.executeRawSQL("DELETE FROM note_search")
        try journal.executeRawSQL("INSERT INTO note_search (session_id, seq, text) VALUES (?, '2', 'Hip')", arguments: [state.id.rawValue])
        try journal.executeRawSQL("INSERT INTO note_search (session_id, seq, text) VALUES (?, '5', 'wrong client''s finding')",
                                  arguments: [state.id.rawValue])
        try journal.executeRawSQL("DELETE FROM grdb_migrations WHERE identifier IN ('v7-search-every-word', 'v8-projections-session-summaries')")
        try journal.executeRawSQL("DROP TRIGGER session_summaries_stale")
        try journal.executeRawSQL("DROP TABLE session_summaries")
        try journal.executeRawSQL("PRAGMA user_version = 6")
        #expect(try journal.search(NoteSearch("warfarin")).isEmpty)
        try journal.close()

        journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        #expect(try journal.fetchRawStrings("PRAGMA user_version") == ["8"])
        #expect(try journal.search(NoteSearch("warfarin")).map(\.session) == [state.id])
        #expect(Set(try journal.search(NoteSearch("piriformis")).map(\.session)) == [state.id])
        #expect(try journal.search(NoteSearch("trigger")).map(\.source) == [.treatment])
        #expect(try journal.search(NoteSearch("wrong")).isEmpty, "a note voided earlier leaves the index")
    }

    @Test("Importing whole sessions writes the same rows as appending them")
    func importSessions() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        let other = try SQLiteJournal.open(folder: folder.url.appendingPathComponent("other"), clock: testClock())
        let state = try Self.session(other, client: ada, at: Self.now, complaint: "Hip", notes: ["Piriformis tight"])
        try journal.importSessions([(state.id, state.events)])
        #expect(try journal.events(of: state.id) == state.events)
        #expect(try journal.unfinishedSessions().isEmpty)
        #expect(Set(try journal.search(NoteSearch("piriformis")).map(\.session)) == [state.id])
        // A session that is not new is refused whole.
        #expect(throws: StoreError.self) { try journal.importSessions([(state.id, state.events)]) }
    }
}
