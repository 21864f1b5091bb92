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
/// match (``NoteSearchIndex``), which FTS5 intersects with the words as it walks.
///
/// The tokens are whole UTC days, months and years; the span is the calendar's, so it may begin
/// or end inside a UTC day. The search is then made of parts: the whole UTC days inside the span
/// (as few tokens as cover them: years, months, days), whose entries all lie in it, and each
/// UTC day the span cuts, whose entries are checked one by one against their session's start.
/// Reading the session of an entry reads the entry's stored row; only the cut days pay for it.
struct SearchScope {
    /// One part: scope tokens the match must also hold (empty for none), and conditions on the
    /// rows with their arguments.
    struct Part {
        var match = ""
        var filter = ""
        var arguments: StatementArguments = []
    }

    /// The parts, whose matches together are the search's.
    var parts: [Part]

    /// Above this many tokens, a span of dates is checked on each entry alone.
    static let maximumTokens = 200

    /// Nil when no session lies in the span: nothing can match.
    init?(_ search: NoteSearch, _ db: Database) throws {
        let client = search.client.map { SearchQuery.quoted(NoteSearchIndex.clientToken($0.rawValue)) }
        func part(_ tokens: [String], from: Date? = nil, to: Date? = nil) -> Part {
            var part = Part()
            let all: [String] = (client.map { [$0] } ?? []) + (tokens.isEmpty ? [] : ["(" + tokens.joined(separator: " OR ") + ")"])
            if !all.isEmpty { part.match = "scope : (" + all.joined(separator: " AND ") + ")" }
            if let from {
                part.filter += " AND (SELECT started_at FROM sessions WHERE id = note_search.session_id) >= ?"
                part.arguments += [from.timeIntervalSinceReferenceDate]
            }
            if let to {
                part.filter += " AND (SELECT started_at FROM sessions WHERE id = note_search.session_id) < ?"
                part.arguments += [to.timeIntervalSinceReferenceDate]
            }
            return part
        }
        guard search.from != nil || search.to != nil else {
            parts = [part([])]
            return
        }
        // Two subqueries: each an index lookup; min and max in one SELECT read every session.
        let bounds = try Row.fetchOne(db, sql: """
            SELECT (SELECT min(started_at) FROM sessions), (SELECT max(started_at) FROM sessions)
            """)
        guard let bounds, let first: Double = bounds[0], let last: Double = bounds[1] else { return nil }
        let low = max(search.from?.timeIntervalSinceReferenceDate ?? first, first)
        let high = min(search.to?.timeIntervalSinceReferenceDate ?? .infinity, last.nextUp)
        guard low < high else { return nil }
        let days = Self.utcDays(from: low, to: high)
        let inside = Self.tokens(covering: days.inside)
        guard inside.count + days.cut.count <= Self.maximumTokens else {
            parts = [part([], from: search.from, to: search.to)]
            return
        }
        parts = (inside.isEmpty ? [] : [part(inside)])
            + days.cut.map { part([SearchQuery.quoted(NoteSearchIndex.dayToken($0.year, $0.month, $0.day))], from: search.from, to: search.to) }
    }

    /// A UTC day.
    struct Day: Hashable {
        var year: Int, month: Int, day: Int
    }

    /// Seconds from 1970 to 2001, the reference date of stored times.
    static let referenceOffset = 978_307_200.0

    /// The UTC day a time (seconds since 2001) falls in, as days since 1970-01-01.
    static func dayNumber(_ time: Double) -> Int { Int(((time + referenceOffset) / 86_400).rounded(.down)) }

    /// The start of a day number, in seconds since 2001.
    static func start(ofDay number: Int) -> Double { Double(number) * 86_400 - referenceOffset }

    /// The date of a day number in the proleptic Gregorian calendar, as SQLite's `strftime` gives
    /// it (H. Hinnant's `civil_from_days`).
    static func civil(_ number: Int) -> Day {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: doy - (153 * mp + 2) / 5 + 1)
    }

    /// The day number of a date (H. Hinnant's `days_from_civil`).
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The whole UTC days inside `[low, high)` (seconds since 2001), as day numbers from the first
    /// to the one after the last, and the days it cuts.
    static func utcDays(from low: Double, to high: Double) -> (inside: Range<Int>, cut: [Day]) {
        let lowDay = dayNumber(low), highDay = dayNumber(high)
        var cut: [Int] = []
        var insideFrom = lowDay
        if start(ofDay: lowDay) < low {
            cut.append(lowDay)
            insideFrom = lowDay + 1
        }
        if start(ofDay: highDay) < high, !cut.contains(highDay) { cut.append(highDay) }
        return (insideFrom..<max(insideFrom, highDay), cut.map(civil))
    }

    /// As few year, month and day tokens as cover the whole UTC days `days`; stops past
    /// ``maximumTokens``.
    static func tokens(covering days: Range<Int>) -> [String] {
        var tokens: [String] = []
        var cursor = days.lowerBound
        while cursor < days.upperBound, tokens.count <= maximumTokens {
            let date = civil(cursor)
            let nextYear = dayNumber(date.year + 1, 1, 1)
            let nextMonth = date.month == 12 ? nextYear : dayNumber(date.year, date.month + 1, 1)
            if date.month == 1, date.day == 1, nextYear <= days.upperBound {
                tokens.append(NoteSearchIndex.yearToken(date.year))
                cursor = nextYear
            } else if date.day == 1, nextMonth <= days.upperBound {
                tokens.append(NoteSearchIndex.monthToken(date.year, date.month))
                cursor = nextMonth
            } else {
                tokens.append(NoteSearchIndex.dayToken(date.year, date.month, date.day))
                cursor += 1
            }
        }
        return tokens.map(SearchQuery.quoted)
    }
}
