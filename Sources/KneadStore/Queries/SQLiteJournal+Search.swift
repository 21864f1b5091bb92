import Foundation
import GRDB
import KneadCore

extension SQLiteJournal {
    public func search(_ search: NoteSearch) throws -> [NoteSearchHit] {
        guard let match = Self.ftsQuery(search.terms), search.limit > 0 else { return [] }
        // Filters as `IN` lists of session ids: a join would look up the session of every match.
        var filters: [String] = []
        var arguments: StatementArguments = [match]
        if let client = search.client {
            filters.append("client_id = ?")
            arguments += [client.rawValue]
        }
        if let from = search.from {
            filters.append("started_at >= ?")
            arguments += [from.timeIntervalSinceReferenceDate]
        }
        if let to = search.to {
            filters.append("started_at < ?")
            arguments += [to.timeIntervalSinceReferenceDate]
        }
        let filter = filters.isEmpty ? ""
            : " AND session_id IN (SELECT id FROM sessions WHERE \(filters.joined(separator: " AND ")))"
        do {
            return try dbPool.read { db in
                // The ranking alone, over every match; the rest only for the rows kept. Only the
                // rowid and the score: any other column is a read of the entry's stored row for
                // every match, thousands for a common word, where only the kept ones need it.
                let ranked = try Row.fetchAll(db, sql: """
                    SELECT rowid, bm25(note_search) AS score
                    FROM note_search
                    WHERE note_search MATCH ?\(filter)
                    ORDER BY score
                    LIMIT ?
                    """, arguments: arguments + [search.limit])
                // Every matching entry, best first: a session with several is listed for each.
                var kept: [(rowid: Int64, rank: Double)] = []
                for row in ranked {
                    kept.append((try row.decode(atIndex: 0), try row.decode(atIndex: 1)))
                    if kept.count == search.limit { break }
                }
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
        } catch {
            throw StoreError(error, path: databasePath)
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
