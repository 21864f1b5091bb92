import Foundation
import Testing
import PropertyBased
import GRDB
import KneadCore
@testable import KneadStore

/// The search's own bm25 (`knead_bm25`), its words typed in part turned into the whole words they
/// begin, and its scope tokens: the same entries as the prefix query, in bm25's order.
@Suite("Note search: bm25's order without counting every match, the same entries found")
struct SearchRankTests {
    /// Words the random notes are made of: several begin alike (trig, ten, glute), and "gluteus
    /// medius" names a muscle, so a search of it is also met by its region's name.
    static let vocabulary = ["trigger", "triggers", "triggered", "tight", "tender", "tension", "gluteus",
                             "glute", "medius", "knot", "knots", "eased", "easing", "neck", "nerve", "café"]

    /// The best-first (session, source) of a search through SQLite's own bm25 on an index of the
    /// text alone, as the index was before the scope column, with the prefix query, and the scores.
    static func bm25(_ journal: SQLiteJournal, _ search: NoteSearch) throws -> [String] {
        guard let match = SQLiteJournal.ftsQuery(search.terms) else { return [] }
        try journal.executeRawSQL("DROP TABLE IF EXISTS text_only_reference")
        try journal.executeRawSQL("CREATE VIRTUAL TABLE text_only_reference USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')")
        try journal.executeRawSQL("INSERT INTO text_only_reference (rowid, text) SELECT rowid, text FROM note_search")
        return try journal.dbPool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT n.session_id, e.type, bm25(text_only_reference)
                FROM text_only_reference t JOIN note_search n ON n.rowid = t.rowid
                JOIN events e ON e.session_id = n.session_id AND e.seq = n.seq
                WHERE text_only_reference MATCH ? ORDER BY bm25(text_only_reference), t.rowid DESC
                """, arguments: [match]).map { row in
                "\(row[0] as String) \(row[1] as String) \((row[2] as Double).bitPattern)"
            }
        }
    }

    /// What the search found, as `bm25` writes it.
    static func found(_ journal: SQLiteJournal, _ search: NoteSearch) throws -> [String] {
        try journal.searchNotes(search).hits.map {
            "\($0.session.rawValue) \(Self.kind($0.source)) \($0.rank.bitPattern)"
        }
    }

    static func kind(_ source: NoteSource) -> String {
        switch source {
        case .note: "noted"
        case .complaint: "assessed"
        case .treatment: "workStarted"
        case .aftercare: "aftercareRecorded"
        default: source.rawValue
        }
    }

    /// The session and kind of each line, without the score.
    static func order(_ lines: [String]) -> [String] { lines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } }

    /// The typed words of a query: word `i % count` of the vocabulary, its first `1 + (i / count) % length` letters.
    static func typed(_ picks: [Int]) -> String {
        picks.map { pick in
            let word = vocabulary[pick % vocabulary.count]
            return String(word.prefix(1 + (pick / vocabulary.count) % word.count))
        }.joined(separator: " ")
    }

    @Test("Over random small practices and queries, the order is bm25's; with several phrases the scores are bm25's too")
    func sameOrderAsBM25() async {
        let notes = Gen.int(in: 0...(Self.vocabulary.count - 1)).array(of: 1...9).array(of: 2...9)
        let queries = Gen.int(in: 0...999).array(of: 1...3).array(of: 1...6)
        await propertyCheck(count: 25, input: zip(notes, queries)) { notes, queries in
            do {
                let folder = try TemporaryFolder()
                let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
                defer { try? journal.close() }
                for (index, words) in notes.enumerated() {
                    let note = words.map { Self.vocabulary[$0] }.joined(separator: " ")
                    try QueryTests.session(journal, client: ada, at: QueryTests.now.addingTimeInterval(Double(index) * 3_600),
                                           complaint: "Shoulder", notes: [note], sign: false)
                }
                for text in queries.map(Self.typed) + ["gluteus medius", "trig tens", "t", "kno eas", "glute med"] {
                    let search = NoteSearch(text, limit: 1_000)
                    let expected = try Self.bm25(journal, search)
                    let got = try Self.found(journal, search)
                    let phrases = try journal.dbPool.read { try SearchQuery(search.terms, $0).groupExpressions.count }
                    if phrases > 1 {
                        #expect(got == expected, "\(search.text)")
                    } else {
                        #expect(Self.order(got) == Self.order(expected), "\(search.text)")
                    }
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("A word typed in part stands for the whole words it begins, a word written later included")
    func expansion() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        defer { try? journal.close() }
        try QueryTests.session(journal, client: ada, at: QueryTests.now, complaint: "Shoulder",
                               notes: ["Trigger points eased", "Triggers: gardening", "Café visit"], sign: false)
        let matches = try journal.dbPool.read { db -> [String] in
            try ["trig", "triggers", "caf", "CAFÉ"].map { try SearchQuery([SearchTerm(words: [$0])], db).match }
        }
        // Folded as the index folds, the accent and the case; three letters are the prefix index's.
        #expect(matches == ["(\"trigger\" OR \"triggers\")", "\"triggers\"", "\"caf\"*", "\"cafe\""])
        #expect(try journal.search(NoteSearch("quil")).isEmpty)
        try QueryTests.session(journal, client: ada, at: QueryTests.now.addingTimeInterval(3_600), complaint: "Shoulder",
                               notes: ["Quilting all weekend"], sign: false)
        #expect(try journal.search(NoteSearch("quilt")).count == 1)
        #expect(try journal.search(NoteSearch("quil")).count == 1)
    }

    /// Sessions of three clients over three years, some an hour either side of a UTC month's start.
    static func spreadPractice() throws -> (folder: TemporaryFolder, journal: SQLiteJournal, sessions: [SessionState]) {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        let clients = [ada, Client(id: ClientID("client-bo"), name: "Bo Chen"), Client(id: ClientID("ü-client 7"), name: "Üma")]
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        var sessions: [SessionState] = []
        for index in 0..<24 {
            let month = try #require(utc.date(from: DateComponents(year: 2023 + index / 8, month: 1 + (index * 5) % 12, day: 1)))
            let start = month.addingTimeInterval(index % 3 == 0 ? -3_600 : index % 3 == 1 ? 3_600 : 9 * 86_400)
            sessions.append(try QueryTests.session(journal, client: clients[index % 3], at: start, complaint: "Shoulder",
                                                   notes: ["Gardening again, visit \(index)"], sign: false))
        }
        return (folder, journal, sessions)
    }

    @Test("A client, dates or both find every entry of theirs, old ones included, and only theirs")
    func scopeFindsTheirs() throws {
        let (folder, journal, sessions) = try Self.spreadPractice()
        defer { withExtendedLifetime(folder) {} }
        let auckland = ReviewCalendar(timeZone: try #require(TimeZone(identifier: "Pacific/Auckland")))
        let clients: [ClientID?] = [nil, ada.id, ClientID("client-bo"), ClientID("ü-client 7")]
        let spans: [(String, String)] = [("", ""), ("since:2023", "before:2024"), ("since:2024-02", "before:2024-03"),
                                          ("since:2023-06-01", ""), ("", "before:2025-01-01"), ("since:2025-08-31", "before:2025-09-02"),
                                          ("since:2019", "before:2020")]
        for client in clients {
            for (since, before) in spans {
                for window in [2, 100] {
                var search = try NoteSearch.typed("gardening \(since) \(before)", calendar: auckland, limit: 1_000, window: window)
                search.client = client
                let theirs = sessions.filter { session in
                    guard let start = session.startedAt else { return false }
                    return (client == nil || session.client?.id == client)
                        && (search.from.map { start >= $0 } ?? true) && (search.to.map { start < $0 } ?? true)
                }
                let found = try journal.searchNotes(search)
                let label = "\(client?.rawValue ?? "anyone") \(since) \(before) window \(window)"
                // The newest of theirs, by the order they were written; and whether there were more.
                #expect(Set(found.hits.map(\.session)) == Set(theirs.suffix(window).map(\.id)), "\(label)")
                #expect(found.isCapped == (theirs.count > window), "\(label)")
                }
            }
        }
        // Every one of a client's, with a window as large as the practice.
        let bos = try journal.searchNotes(NoteSearch("gardening", client: ClientID("client-bo"), limit: 100))
        #expect(Set(bos.hits.map(\.session)) == Set(sessions.enumerated().filter { $0.offset % 3 == 1 }.map(\.element.id)))
    }

    @Test("The day, month and year tokens a search asks for are those SQLite's strftime writes for the index, and cover the span exactly")
    func tokensAsSQLiteWrites() throws {
        let folder = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        defer { try? journal.close() }
        let numbers = Array(stride(from: -200_000, through: 200_000, by: 997)) + [0, 11_016, 11_017, 11_323, 20_454, -1, 59, 60]
        let sqlite = try journal.fetchRawStrings("""
            SELECT strftime('%Y%m%d', value * 86400, 'unixepoch') FROM json_each(?)
            """, arguments: ["[" + numbers.map(String.init).joined(separator: ",") + "]"])
        #expect(numbers.map { NoteSearchIndex.dayToken(SearchScope.civil($0).year, SearchScope.civil($0).month, SearchScope.civil($0).day) }
                == sqlite.map { NoteSearchIndex.scopeMark + "d" + $0 })
        #expect(numbers.allSatisfy { let day = SearchScope.civil($0); return SearchScope.dayNumber(day.year, day.month, day.day) == $0 })
        // 2020-11-29 … 2021-11-27: two days, a month, ten months, twenty-seven days; 2019 whole: a year.
        let span = SearchScope.dayNumber(2020, 11, 29)..<SearchScope.dayNumber(2021, 11, 28)
        #expect(SearchScope.tokens(covering: span).count == 2 + 1 + 10 + 27)
        #expect(SearchScope.tokens(covering: SearchScope.dayNumber(2019, 1, 1)..<SearchScope.dayNumber(2020, 1, 1))
                == [SearchQuery.quoted(NoteSearchIndex.yearToken(2019))])
    }

    @Test("v14-search-scope: a v13 database's index gets the scope and the vocabulary, every entry kept and found as before")
    func scopeMigration() throws {
        let (folder, journal, sessions) = try Self.spreadPractice()
        let rows = "SELECT rowid || ' ' || session_id || ' ' || seq || ' ' || text FROM note_search ORDER BY rowid"
        let before = try journal.fetchRawStrings(rows)
        let searches = ["gardening", "g", "gar", "visit 1", "shoulder", "drink water", "left glute", "zzzz"].map { NoteSearch($0, limit: 1_000) }
        let found = try searches.map { try Self.found(journal, $0) }
        // As v13 left it: the index of the text with its prefixes, no scope, no vocabulary.
        for sql in ["CREATE VIRTUAL TABLE v13_search USING fts5(session_id UNINDEXED, seq UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
                    "INSERT INTO v13_search (rowid, session_id, seq, text) SELECT rowid, session_id, seq, text FROM note_search",
                    "DROP TABLE note_search", "ALTER TABLE v13_search RENAME TO note_search", "DROP TABLE note_words",
                    "DELETE FROM grdb_migrations WHERE identifier IN ('v14-search-scope', 'v15-checks-without-lists', 'v16-signed-events-index')", "PRAGMA user_version = 13"] {
            try journal.executeRawSQL(sql)
        }
        try journal.close()

        let reopened = try SQLiteJournal.open(folder: folder.dataFolder, clock: testClock())
        defer { try? reopened.close() }
        #expect(try reopened.fetchRawStrings("PRAGMA user_version") == [String(Schema.version)])
        #expect(try reopened.fetchRawStrings(rows) == before)
        #expect(try searches.map { try Self.found(reopened, $0) } == found)
        // The vocabulary holds every word of the index; the scope, each entry's session's.
        #expect(try reopened.fetchRawStrings("SELECT word FROM note_words WHERE word IN ('gardening', 'visit', 'shoulder', 'gluteals')").count == 4)
        let scopes = try reopened.fetchRawStrings("""
            SELECT count(*) FROM note_search n JOIN sessions s ON s.id = n.session_id
            WHERE n.scope = \(NoteSearchIndex.scopeSQL)
            """)
        #expect(scopes == [before.count.description])
        let oldest = try #require(sessions.first)
        #expect(try reopened.searchNotes(NoteSearch("gardening", client: ada.id, window: 100)).hits.contains { $0.session == oldest.id })
    }
}
