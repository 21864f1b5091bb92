import Foundation
import GRDB
import KneadCore

extension SQLiteJournal {
    /// Marks the full-text index puts around matched words in a snippet. Control characters never
    /// survive into stored text that is shown (the canvas replaces them), so they cannot be confused.
    private static let matchStart = "\u{1}", matchEnd = "\u{2}"

    public func search(_ search: NoteSearch) throws -> [NoteSearchHit] {
        guard let match = Self.ftsQuery(search.words), search.limit > 0 else { return [] }
        var conditions = ["note_search MATCH ?"]
        var arguments: StatementArguments = [match]
        if let client = search.client {
            conditions.append("s.client_id = ?")
            arguments += [client.rawValue]
        }
        if let from = search.from {
            conditions.append("s.started_at >= ?")
            arguments += [from.timeIntervalSinceReferenceDate]
        }
        if let to = search.to {
            conditions.append("s.started_at < ?")
            arguments += [to.timeIntervalSinceReferenceDate]
        }
        do {
            return try dbPool.read { db in
                // First the ranking alone, which is cheap; snippets only for the rows kept.
                let ranked = try Row.fetchAll(db, sql: """
                    SELECT note_search.rowid, note_search.session_id, bm25(note_search) AS score
                    FROM note_search JOIN sessions s ON s.id = note_search.session_id
                    WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY score
                    LIMIT ?
                    """, arguments: arguments + [search.limit * 4])
                var seen: Set<String> = []
                var kept: [(rowid: Int64, rank: Double)] = []
                for row in ranked {
                    let session: String = try row.decode(atIndex: 1)
                    guard seen.insert(session).inserted else { continue }
                    kept.append((try row.decode(atIndex: 0), try row.decode(atIndex: 2)))
                    if kept.count == search.limit { break }
                }
                guard !kept.isEmpty else { return [] }
                let placeholders = Array(repeating: "?", count: kept.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT note_search.rowid, note_search.session_id,
                           snippet(note_search, 2, ?, ?, '…', 14),
                           s.started_at, s.client_id, COALESCE(c.name, s.client_name), c.preferred_name,
                           COALESCE(e.type, '')
                    FROM note_search
                    JOIN sessions s ON s.id = note_search.session_id
                    LEFT JOIN clients c ON c.id = s.client_id
                    LEFT JOIN events e ON e.session_id = note_search.session_id AND e.seq = note_search.seq
                    WHERE note_search MATCH ? AND note_search.rowid IN (\(placeholders))
                    """, arguments: [Self.matchStart, Self.matchEnd, match] + StatementArguments(kept.map(\.rowid)))
                var hits: [Int64: NoteSearchHit] = [:]
                for row in rows {
                    let rowid: Int64 = try row.decode(atIndex: 0)
                    let client = Client(id: ClientID(try row.decode(String.self, atIndex: 4)),
                                        name: try row.decode(String.self, atIndex: 5),
                                        preferredName: try row.decode(String?.self, atIndex: 6))
                    hits[rowid] = NoteSearchHit(
                        session: SessionID(try row.decode(String.self, atIndex: 1)), client: client,
                        startedAt: Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 3)),
                        source: NoteSource(eventKind: try row.decode(String.self, atIndex: 7)),
                        snippet: Self.parts(of: try row.decode(String.self, atIndex: 2)), rank: 0)
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

    /// The FTS5 query for words: each word quoted (so no word is read as an operator) and
    /// matched as a prefix, all of them required. Nil when there is no word to look for.
    static func ftsQuery(_ words: [String]) -> String? {
        let terms = words.filter { !$0.isEmpty }.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// Splits a snippet marked by the index into plain and matched parts.
    static func parts(of marked: String) -> [NoteSearchHit.Part] {
        var parts: [NoteSearchHit.Part] = []
        var rest = Substring(marked)
        while let start = rest.range(of: matchStart) {
            if start.lowerBound > rest.startIndex {
                parts.append(.init(String(rest[..<start.lowerBound]), isMatch: false))
            }
            let after = rest[start.upperBound...]
            guard let end = after.range(of: matchEnd) else {
                rest = after
                break
            }
            parts.append(.init(String(after[..<end.lowerBound]), isMatch: true))
            rest = after[end.upperBound...]
        }
        if !rest.isEmpty { parts.append(.init(String(rest), isMatch: false)) }
        return parts.map { NoteSearchHit.Part($0.text.replacingOccurrences(of: "\n", with: " "), isMatch: $0.isMatch) }
    }
}
