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
        guard search.limit > 0, search.window > 0 else { return .nothing }
        let terms = search.terms
        guard Self.ftsQuery(terms) != nil else { return .nothing }
        do {
            return try dbPool.read { db in
                let query = try SearchQuery(terms, db)
                guard let scope = try SearchScope(search, db) else { return .nothing }
                let idfs = try query.idfs(db)
                let groups = Data(query.groups), weights = idfs.withUnsafeBytes { Data($0) }
                // The full-text index walks its matches by rowid, the order the entries were written:
                // newest first it stops after the window. Only the rowid and the score: any other
                // column is a read of the entry's stored row for each match. Several parts (a span
                // of dates cut inside UTC days): the newest of them all, each part walked only down
                // to the oldest kept so far once the window is full.
                var newest: [(rowid: Int64, rank: Double)] = []
                for part in scope.parts {
                    let match = part.match.isEmpty ? query.match : "(" + query.match + ") AND " + part.match
                    var filter = part.filter, arguments = part.arguments
                    if newest.count > search.window, let oldest = newest.last?.rowid {
                        filter += " AND rowid > ?"
                        arguments += [oldest]
                    }
                    let rows = try NoteRank.withFunction(db) {
                        try Row.fetchAll(db, sql: """
                            SELECT rowid, \(NoteRank.functionName)(note_search, ?, ?, ?)
                            FROM note_search
                            WHERE note_search MATCH ?\(filter)
                            ORDER BY rowid DESC
                            LIMIT ?
                            """, arguments: [groups, weights, NoteSearchIndex.textColumn, match] + arguments + [search.window + 1])
                    }
                    for row in rows { newest.append((try row.decode(atIndex: 0), try row.decode(atIndex: 1))) }
                    if scope.parts.count > 1 {
                        newest.sort { $0.rowid > $1.rowid }
                        newest = Array(newest.prefix(search.window + 1))
                    }
                }
                var ranked: [(rowid: Int64, rank: Double)] = []
                ranked.reserveCapacity(min(newest.count, search.window))
                ranked.append(contentsOf: newest.prefix(search.window))
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
