import Foundation
import GRDB
import KneadCore

/// The full-text match of a search's words, the group of each of its phrases for the ranking,
/// and each group's expression alone (to count it for the IDF).
///
/// The match is the one ``SQLiteJournal/ftsQuery(_:)`` writes (every word must begin a word of
/// the text; a muscle's words are also met by its regions' names), with each typed word of four
/// letters or more written as the whole words of the vocabulary it begins: `"trigger"*` becomes
/// `"trigger"`, `"stre"*` becomes `("strength" OR "stress" OR "stretch" OR "stretching")`. It
/// finds the same entries (the vocabulary holds every word the index has held), and FTS5 walks
/// an OR of words lazily, newest first, where it merges the lists of every word a prefix
/// begins before its first row. Words of one to three letters are served by the index's own
/// prefix index; a word that begins more than ``maximumWords`` words, or that the tokenizer
/// does not make one word of, is searched as a prefix, as before.
struct SearchQuery {
    /// The FTS5 match.
    var match: String
    /// The group of each phrase of the match, in the order FTS5 numbers them.
    var groups: [UInt8]
    /// Each group's expression alone, in the order of the groups.
    var groupExpressions: [String]

    /// Above this many words, a typed prefix is searched as a prefix.
    static let maximumWords = 64
    /// How many rowids back from the newest entry the IDF of several phrases is counted over.
    static let idfSample: Int64 = 100_000

    init(_ terms: [SearchTerm], _ db: Database) throws {
        var phrases: [UInt8] = []
        var expressions: [String] = []
        func group(_ expression: String, phrases count: Int) -> String {
            let number = UInt8(clamping: min(expressions.count, Int(NoteRank.ignored) - 1))
            phrases += Array(repeating: number, count: count)
            expressions.append(expression)
            return expression
        }
        let parts = try terms.compactMap { term -> String? in
            let words = try term.words.filter { !$0.isEmpty }.map { word -> String in
                let (expression, count) = try Self.expression(of: word, db)
                return group(expression, phrases: count)
            }
            guard !words.isEmpty else { return nil }
            let typed = words.count == 1 ? words[0] : "(" + words.joined(separator: " AND ") + ")"
            guard !term.regionNames.isEmpty else { return typed }
            let regions = term.regionNames.map { group(Self.quoted($0), phrases: 1) }
            return "(" + ([typed] + regions).joined(separator: " OR ") + ")"
        }
        match = parts.joined(separator: " AND ")
        groups = phrases
        groupExpressions = expressions
    }

    static func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// The expression of one typed word and how many phrases it holds.
    static func expression(of word: String, _ db: Database) throws -> (String, Int) {
        let prefix = quoted(word) + "*"
        guard let folded = try NoteSearchIndex.folded(word, db), folded.count > 3 else { return (prefix, 1) }
        let words = try NoteSearchIndex.words(beginning: folded, limit: maximumWords, db)
        guard !words.isEmpty, words.count <= maximumWords else { return (prefix, 1) }
        if words.count == 1 { return (quoted(words[0]), 1) }
        return ("(" + words.map(quoted).joined(separator: " OR ") + ")", words.count)
    }

    /// The IDF of each group. One group: 1, a constant factor that leaves bm25's order as it is.
    /// Several: counted over the entries among the newest ``idfSample`` rowids, or over every entry
    /// when there are no more (then exactly bm25's).
    func idfs(_ db: Database) throws -> [Double] {
        guard groupExpressions.count > 1 else { return Array(repeating: 1, count: groupExpressions.count) }
        let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM note_search_docsize") ?? 0
        let from = newest - Self.idfSample
        let rows = try Int64.fetchOne(db, sql: "SELECT count(*) FROM note_search_docsize WHERE id > ?", arguments: [from]) ?? 0
        guard rows > 0 else { return Array(repeating: 1, count: groupExpressions.count) }
        return try groupExpressions.map { expression in
            let hits = try Int64.fetchOne(db, sql: """
                SELECT count(*) FROM note_search WHERE note_search MATCH ? AND rowid > ?
                """, arguments: [expression, from]) ?? 0
            return NoteRank.idf(hits: hits, rows: rows)
        }
    }
}

/// What narrows a search to a client or a span of dates: scope tokens added to the full-text
/// match (``NoteSearchIndex``), which FTS5 intersects with the words as it walks, and for dates
/// the exact check of each entry's session start (the tokens are whole UTC months and years; the
/// span is the calendar's).
struct SearchScope {
    /// Scope tokens the match must also hold; empty for none.
    var match = ""
    /// Conditions on the rows, and their arguments.
    var filter = ""
    var arguments: StatementArguments = []

    /// Above this many year and month tokens, a span of dates is checked on each entry alone.
    static let maximumTokens = 60

    /// Nil when no session lies in the span: nothing can match.
    init?(_ search: NoteSearch, _ db: Database) throws {
        var tokens: [String] = []
        if let client = search.client {
            tokens.append(SearchQuery.quoted(NoteSearchIndex.clientToken(client.rawValue)))
        }
        if search.from != nil || search.to != nil {
            let bounds = try Row.fetchOne(db, sql: "SELECT min(started_at), max(started_at) FROM sessions")
            guard let bounds, let first: Double = bounds[0], let last: Double = bounds[1] else { return nil }
            let low = max(search.from?.timeIntervalSinceReferenceDate ?? first, first)
            let high = min(search.to?.timeIntervalSinceReferenceDate ?? .infinity, last.nextUp)
            guard low < high else { return nil }
            let span = Self.monthTokens(from: low, to: high)
            if span.count <= Self.maximumTokens {
                tokens.append("(" + span.map(SearchQuery.quoted).joined(separator: " OR ") + ")")
            }
            if let from = search.from {
                filter += " AND (SELECT started_at FROM sessions WHERE id = note_search.session_id) >= ?"
                arguments += [from.timeIntervalSinceReferenceDate]
            }
            if let to = search.to {
                filter += " AND (SELECT started_at FROM sessions WHERE id = note_search.session_id) < ?"
                arguments += [to.timeIntervalSinceReferenceDate]
            }
        }
        if !tokens.isEmpty { match = "scope : (" + tokens.joined(separator: " AND ") + ")" }
    }

    /// The tokens of the UTC years and months that `[low, high)` (seconds since 2001) touches: a
    /// year it covers whole as one token, the months of the others.
    static func monthTokens(from low: Double, to high: Double) -> [String] {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? utc.timeZone
        let first = utc.dateComponents([.year, .month], from: Date(timeIntervalSinceReferenceDate: low))
        let last = utc.dateComponents([.year, .month], from: Date(timeIntervalSinceReferenceDate: high).addingTimeInterval(-0.001))
        guard let y0 = first.year, let m0 = first.month, let y1 = last.year, let m1 = last.month, y0 <= y1 else { return [] }
        var tokens: [String] = []
        for year in y0...y1 {
            let from = year == y0 ? m0 : 1
            let to = year == y1 ? m1 : 12
            if from == 1 && to == 12 {
                tokens.append(NoteSearchIndex.yearToken(year))
            } else if from <= to {
                tokens += (from...to).map { NoteSearchIndex.monthToken(year, $0) }
            }
            if tokens.count > maximumTokens { break }
        }
        return tokens
    }
}
