import Foundation
import Testing
import KneadCore
@testable import KneadStore

/// Note search at a clinic's scale: only the newest matches are ranked, best first among them,
/// and a client or dates reach older ones.
@Suite("Note search ranks the newest matches; a client or dates reach older ones")
struct SearchWindowTests {
    static let brook = Client(id: ClientID("client-brook"), name: "Brook Lee")
    /// One note a session, oldest first: relevance deliberately out of step with age, so that
    /// best-first and newest-first differ among the three newest.
    static let notes = [
        "Gardening cuff, first visit",
        "Gardening cuff tight",
        "Gardening cuff eased",
        "Gardening cuff sore after painting",
        "Gardening cuff guarded",
        "Gardening gardening gardening: the cuff again, gardening",
        "Gardening cuff work with a long account of the shoulder, the scapula, the neck and the arm today",
        "Gardening cuff and gardening",
    ]

    /// Eight sessions a day apart, the oldest first: the first of Brook, the others of Ada; each
    /// with one note that says "gardening".
    static func practice() throws -> (folder: TemporaryFolder, journal: SQLiteJournal, sessions: [SessionState]) {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        var sessions: [SessionState] = []
        for (index, note) in notes.enumerated() {
            let start = QueryTests.now.addingTimeInterval(Double(index - notes.count) * 86_400)
            sessions.append(try QueryTests.session(journal, client: index == 0 ? brook : ada, at: start,
                                                   complaint: "Shoulder", notes: [note], sign: false))
        }
        return (folder, journal, sessions)
    }

    @Test("More matches than the window: the newest ones are ranked, and the result says there were more")
    func newestMatches() throws {
        let (folder, journal, sessions) = try Self.practice()
        defer { withExtendedLifetime(folder) {} }
        let capped = try journal.searchNotes(NoteSearch("gardening", window: 3))
        #expect(Set(capped.hits.map(\.session)) == Set(sessions.suffix(3).map(\.id)))
        #expect(capped.isCapped)
        #expect(capped.ranked == 3)

        // As many matches as the window, or fewer: every one ranked, and the count is true.
        let all = try journal.searchNotes(NoteSearch("gardening", window: 8))
        #expect(!all.isCapped && all.ranked == 8 && all.hits.count == 8)
        let wide = try journal.searchNotes(NoteSearch("gardening", window: 1_000))
        #expect(!wide.isCapped && wide.ranked == 8)
        // Fewer shown than matched: the count is of the matches, not of the lines.
        let two = try journal.searchNotes(NoteSearch("gardening", limit: 2, window: 1_000))
        #expect(two.hits.count == 2 && two.ranked == 8 && !two.isCapped)
        #expect(try journal.searchNotes(NoteSearch("zzzz")) == .nothing)
    }

    @Test("Within the window the order is bm25's, not the newest first")
    func bm25WithinWindow() throws {
        let (folder, journal, sessions) = try Self.practice()
        defer { withExtendedLifetime(folder) {} }
        let newest = sessions.suffix(3).map(\.id)
        let found = try journal.searchNotes(NoteSearch("gardening", window: 3))
        // SQLite's own bm25 order of those three entries, in an index of their text alone.
        try journal.executeRawSQL("CREATE VIRTUAL TABLE text_only_reference USING fts5(session_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')")
        try journal.executeRawSQL("INSERT INTO text_only_reference (rowid, session_id, text) SELECT rowid, session_id, text FROM note_search")
        let bm25 = try journal.fetchRawStrings("""
            SELECT session_id FROM text_only_reference WHERE text_only_reference MATCH '"gardening"*' AND session_id IN (?, ?, ?)
            ORDER BY bm25(text_only_reference)
            """, arguments: newest.map(\.rawValue))
        #expect(found.hits.map(\.session.rawValue) == bm25)
        #expect(bm25 != newest.reversed().map(\.rawValue), "the notes are chosen so that relevance is not age")
        #expect(zip(found.hits, found.hits.dropFirst()).allSatisfy { $0.rank <= $1.rank })
    }

    @Test("A client or dates find an old entry that the newest matches leave out")
    func clientAndDatesReachOlder() throws {
        let (folder, journal, sessions) = try Self.practice()
        defer { withExtendedLifetime(folder) {} }
        let oldest = try #require(sessions.first)
        #expect(!(try journal.search(NoteSearch("gardening", window: 3)).map(\.session).contains(oldest.id)))

        let brooks = try journal.searchNotes(NoteSearch("gardening", client: Self.brook.id, window: 3))
        #expect(brooks.hits.map(\.session) == [oldest.id])
        #expect(!brooks.isCapped && brooks.ranked == 1)

        let day = QueryTests.utc.span(of: try #require(oldest.startedAt))
        let dated = try journal.searchNotes(NoteSearch("gardening", from: day.from, to: day.to, window: 3))
        #expect(dated.hits.map(\.session) == [oldest.id])

        // Ada's two oldest, through her and an end date; the window then holds only those.
        let end = QueryTests.utc.span(of: try #require(sessions[2].startedAt)).to
        let adas = try journal.searchNotes(NoteSearch("gardening", client: ada.id, to: end, window: 3))
        #expect(Set(adas.hits.map(\.session)) == [sessions[1].id, sessions[2].id])

        // The search window's words: since: and before: are dates, the rest words.
        let typed = try NoteSearch.typed("gardening since:2026-11-10 before:2026-11-13", calendar: QueryTests.utc, window: 3)
        #expect(typed.words == ["gardening"])
        #expect(Set(try journal.search(typed).map(\.session)) == Set(sessions.prefix(3).map(\.id)))
    }

    @Test("Dates find what was written last in an old session: an amendment made after newer sessions, past the span's newer matches")
    func datesFindLaterAmendment() throws {
        let (folder, journal, sessions) = try Self.practice()
        defer { withExtendedLifetime(folder) {} }
        var oldest = sessions[0]
        let now = QueryTests.now.addingTimeInterval(3_600)
        try journal.perform(.sign(by: "Sam"), on: &oldest, at: now)
        try journal.perform(.amend(Amendment(by: "Sam", reason: "Late finding", text: "Gardening gloves advised")), on: &oldest, at: now)
        let day = QueryTests.utc.span(of: try #require(oldest.startedAt))
        let found = try journal.searchNotes(NoteSearch("gardening gloves", from: day.from, to: day.to, window: 3))
        #expect(found.hits.map(\.session) == [oldest.id])
        #expect(found.hits.map(\.source) == [.amendment])
        // A span with no session finds nothing; one with every session, the newest three.
        let empty = QueryTests.utc.span(of: QueryTests.now.addingTimeInterval(-400 * 86_400))
        #expect(try journal.searchNotes(NoteSearch("gardening", from: empty.from, to: empty.to)) == .nothing)
        let all = try journal.searchNotes(NoteSearch("gardening", from: day.from, window: 3))
        #expect(all.isCapped && all.hits.count == 3)
    }

    @Test("since: and before: take a year, a month or a day in the calendar's time zone; anything else is refused")
    func typedDates() throws {
        let auckland = ReviewCalendar(timeZone: try #require(TimeZone(identifier: "Pacific/Auckland")))
        let year = try NoteSearch.typed("neck since:2019 before:2020", calendar: auckland)
        #expect(year.words == ["neck"])
        #expect(year.from == auckland.calendar.date(from: DateComponents(year: 2019, month: 1, day: 1)))
        #expect(year.to == auckland.calendar.date(from: DateComponents(year: 2020, month: 1, day: 1)))
        let month = try NoteSearch.typed("Since:2024-02 neck", calendar: auckland)
        #expect(month.from == auckland.calendar.date(from: DateComponents(year: 2024, month: 2, day: 1)))
        #expect(month.to == nil)
        let day = try NoteSearch.typed("before:2024-02-29", calendar: auckland)
        #expect(day.to == auckland.calendar.date(from: DateComponents(year: 2024, month: 2, day: 29)))
        #expect(day.words.isEmpty)
        for bad in ["since:2023-02-29", "before:19", "since:2019-3", "since:", "before:next-year", "since:2019-01-01-01"] {
            #expect(throws: SearchDateError.self, "\(bad)") { try NoteSearch.typed("neck \(bad)", calendar: auckland) }
        }
        #expect(SearchDateError(word: "since").description
                == "since: takes a year, a month or a day, e.g. since:2019, since:2019-03 or since:2019-03-15.")
    }

    @Test("the upgrade from v12 (v13-search-prefix-index, then v14-search-scope): an older database's search index gets prefixes of 1–3 letters and keeps every entry by its rowid")
    func prefixIndexMigration() throws {
        let (folder, journal, sessions) = try Self.practice()
        let before = try journal.fetchRawStrings("SELECT rowid || ' ' || session_id || ' ' || seq || ' ' || text FROM note_search ORDER BY rowid")
        // As an older database holds it: the index without prefixes, the migration not run.
        for sql in ["CREATE VIRTUAL TABLE old_search USING fts5(session_id UNINDEXED, seq UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')",
                    "INSERT INTO old_search (rowid, session_id, seq, text) SELECT rowid, session_id, seq, text FROM note_search",
                    "DROP TABLE note_search", "ALTER TABLE old_search RENAME TO note_search",
                    "DROP TABLE note_words", "DELETE FROM grdb_migrations WHERE identifier IN ('v13-search-prefix-index', 'v14-search-scope', 'v15-checks-without-lists', 'v16-signed-events-index')",
                    "PRAGMA user_version = 11"] {
            try journal.executeRawSQL(sql)
        }
        #expect(try !journal.fetchRawStrings("SELECT sql FROM sqlite_master WHERE name = 'note_search'")[0].contains("prefix"))
        try journal.close()

        let reopened = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        defer { try? reopened.close() }
        #expect(try reopened.fetchRawStrings("PRAGMA user_version") == [String(Schema.version)])
        #expect(try reopened.fetchRawStrings("SELECT sql FROM sqlite_master WHERE name = 'note_search'")[0].contains("prefix = '1 2 3'"))
        #expect(try reopened.fetchRawStrings("SELECT rowid || ' ' || session_id || ' ' || seq || ' ' || text FROM note_search ORDER BY rowid") == before)
        // Found by one letter, by three, by the whole word, as before.
        for words in ["g", "gar", "gardening"] {
            #expect(Set(try reopened.search(NoteSearch(words)).map(\.session)).isSuperset(of: sessions.map(\.id)), "\(words)")
        }
        // New entries go into the new index.
        try QueryTests.session(reopened, client: ada, at: QueryTests.now, complaint: "Shoulder", notes: ["Quilting all weekend"], sign: false)
        #expect(try reopened.search(NoteSearch("qu")).count == 1)
    }
}
