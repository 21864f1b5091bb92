import Foundation
import GRDB
import KneadCore

extension SQLiteJournal {
    /// Searches the notes: the newest `search.window` matching entries (of the client and the
    /// dates, when given), ranked by relevance, the best `search.limit` of them.
    ///
    /// Ranking every match costs time in proportion to the practice (a common word matches a
    /// quarter of a million entries at a clinic's scale), so the search walks the matches from the
    /// entry written last and stops after the window: the ranking (bm25) is worked out for those
    /// only. The result says whether more entries matched than were ranked.
    public func searchNotes(_ search: NoteSearch) throws -> NoteSearchResults {
        guard let match = Self.ftsQuery(search.terms), search.limit > 0, search.window > 0 else { return .nothing }
        do {
            return try dbPool.read { db in
                var (filter, filterArguments) = Self.searchFilter(search)
                if let bounds = try Self.rowidBounds(of: search, db) {
                    filter += " AND rowid BETWEEN ? AND ?"
                    filterArguments += [bounds.lowerBound, bounds.upperBound]
                }
                // The full-text index walks its matches by rowid, the order the entries were written:
                // newest first it stops after the window. Only the rowid and the score: any other
                // column is a read of the entry's stored row for each match.
                let newest = try Row.fetchAll(db, sql: """
                    SELECT rowid, bm25(note_search)
                    FROM note_search
                    WHERE note_search MATCH ?\(filter)
                    ORDER BY rowid DESC
                    LIMIT ?
                    """, arguments: [match] + filterArguments + [search.window + 1])
                var ranked: [(rowid: Int64, rank: Double)] = []
                ranked.reserveCapacity(min(newest.count, search.window))
                for row in newest.prefix(search.window) {
                    ranked.append((try row.decode(atIndex: 0), try row.decode(atIndex: 1)))
                }
                // Best first; among equals, the newer entry first.
                ranked.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.rowid > $1.rowid }
                let kept = Array(ranked.prefix(search.limit))
                return NoteSearchResults(hits: try Self.hits(kept, search: search, db),
                                         ranked: ranked.count, isCapped: newest.count > search.window)
            }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }

    /// The conditions that narrow a search to a client's sessions or to a span of time, added
    /// to the full-text match, and their arguments.
    ///
    /// A client's entries are a set of rowids gathered once through the sessions by client and the
    /// events' key (a few thousand for most clients), checked for each match without reading it.
    /// Dates alone cover too many sessions for such a set: each match walked reads its session.
    static func searchFilter(_ search: NoteSearch) -> (sql: String, arguments: StatementArguments) {
        var dates: [String] = []
        var arguments: StatementArguments = []
        if let client = search.client { arguments += [client.rawValue] }
        if let from = search.from {
            dates.append("started_at >= ?")
            arguments += [from.timeIntervalSinceReferenceDate]
        }
        if let to = search.to {
            dates.append("started_at < ?")
            arguments += [to.timeIntervalSinceReferenceDate]
        }
        if search.client != nil {
            let span = dates.map { " AND s." + $0 }.joined()
            // `+rowid`: a condition the index checks on each row, not a list of rowids to look up
            // one query at a time.
            return ("""
                 AND +rowid IN (SELECT e.rowid FROM sessions s JOIN events e ON e.session_id = s.id
                               WHERE s.client_id = ?\(span))
                """, arguments)
        }
        guard !dates.isEmpty else { return ("", []) }
        return (" AND session_id IN (SELECT id FROM sessions WHERE \(dates.joined(separator: " AND ")))", arguments)
    }

    /// The rowids between which every entry of the sessions a span of dates keeps lies, when
    /// the span holds few enough sessions to find them quickly; nil for no span, a client (whose
    /// rowid set is checked directly) or a wide span. The full-text index then seeks to the span's
    /// last entry instead of reading the session of every newer match.
    ///
    /// A session's entries are written in the order of their numbers (appended one after the
    /// other, imported and pulled in order), so its first entry has its lowest rowid and its last
    /// its highest: two lookups by the events' key a session.
    static func rowidBounds(of search: NoteSearch, _ db: Database) throws -> ClosedRange<Int64>? {
        guard search.client == nil, search.from != nil || search.to != nil else { return nil }
        let span = "started_at >= ? AND started_at < ?"
        let arguments: StatementArguments = [(search.from ?? .distantPast).timeIntervalSinceReferenceDate,
                                             (search.to ?? .distantFuture).timeIntervalSinceReferenceDate]
        let sessions = try Int.fetchOne(db, sql: "SELECT count(*) FROM sessions WHERE \(span)", arguments: arguments) ?? 0
        guard sessions > 0 else { return 0...0 }
        guard sessions <= maximumBoundedSessions else { return nil }
        let row = try Row.fetchOne(db, sql: """
            SELECT min((SELECT rowid FROM events WHERE session_id = s.id ORDER BY seq LIMIT 1)),
                   max((SELECT rowid FROM events WHERE session_id = s.id ORDER BY seq DESC LIMIT 1))
            FROM sessions s WHERE \(span)
            """, arguments: arguments)
        guard let row, let low: Int64 = row[0], let high: Int64 = row[1] else { return 0...0 }
        return low...max(low, high)
    }

    /// Above this many sessions in a span of dates, finding their first and last entries costs
    /// more than the walk it saves.
    static let maximumBoundedSessions = 20_000

    /// The hits for the kept entries, in their order: session, client, time, source and snippet.
    private static func hits(_ kept: [(rowid: Int64, rank: Double)], search: NoteSearch, _ db: Database) throws -> [NoteSearchHit] {
        guard !kept.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: kept.count).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: """
            SELECT n.rowid, n.session_id, n.text,
                   s.started_at, s.client_id, CAST(COALESCE(c.name, s.client_name) AS BLOB), CAST(c.preferred_name AS BLOB),
                   COALESCE(e.type, '')
            FROM note_search n
            JOIN sessions s ON s.id = n.session_id
            LEFT JOIN clients c ON c.id = s.client_id
            LEFT JOIN events e ON e.session_id = n.session_id AND e.seq = n.seq
            WHERE n.rowid IN (\(placeholders))
            """, arguments: StatementArguments(kept.map(\.rowid)))
        let folded = search.markedWords.map(NoteSnippet.fold)
        var hits: [Int64: NoteSearchHit] = [:]
        for row in rows {
            let rowid: Int64 = try row.decode(atIndex: 0)
            let client = Client(id: ClientID(try row.decode(String.self, atIndex: 4)),
                                name: try row.exactText(atIndex: 5) ?? "",
                                preferredName: try row.exactText(atIndex: 6))
            hits[rowid] = NoteSearchHit(
                session: SessionID(try row.decode(String.self, atIndex: 1)), client: client,
                startedAt: Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 3)),
                source: NoteSource(eventKind: try row.decode(String.self, atIndex: 7)),
                snippet: NoteSnippet.parts(of: try row.decode(String.self, atIndex: 2), matching: folded), rank: 0)
        }
        return kept.compactMap { entry in
            guard var hit = hits[entry.rowid] else { return nil }
            hit.rank = entry.rank
            return hit
        }
    }

    /// The FTS5 query for the terms of a search, all of them required: each word quoted (so no
    /// word is read as an operator) and matched as a prefix; a term that names a muscle is
    /// also met by any of its regions' names, each a phrase. Nil when there is no word to look for.
    static func ftsQuery(_ terms: [SearchTerm]) -> String? {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let parts = terms.compactMap { term -> String? in
            let words = term.words.filter { !$0.isEmpty }.map { quoted($0) + "*" }
            guard !words.isEmpty else { return nil }
            let typed = words.count == 1 ? words[0] : "(" + words.joined(separator: " AND ") + ")"
            guard !term.regionNames.isEmpty else { return typed }
            return "(" + ([typed] + term.regionNames.map(quoted)).joined(separator: " OR ") + ")"
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }
}
