import Foundation
import GRDB
import GRDBSQLite

/// The relevance of a note to a search: FTS5's bm25, worked out from what the search already
/// knows instead of counting every match of every phrase in the practice.
///
/// SQLite's `bm25()` counts, before the first row, every entry each phrase of the query matches
/// (its IDF, the rarer the phrase the heavier): 8–15 ms for a common word at a clinic's scale and
/// 40 ms and more for one letter, however few entries are ranked. `knead_bm25` is the same sum,
/// computed the same way, with the IDF of each phrase given by the caller:
///
/// - a search of one phrase: the IDF is a constant factor of every score, so any positive value
///   gives bm25's order (the search gives 1);
/// - several phrases: the IDF is counted over the newest entries of the index (all of them when
///   the index holds fewer; then the score is bm25's, bit for bit).
///
/// Arguments after the table: the group of each phrase of the query (a blob, one byte a phrase,
/// 255 for a phrase that does not count, such as the client and date tokens), the IDF of each
/// group (a blob of native `Double`s) and the column of the text. A group is a phrase as typed,
/// turned into the several words it stands for (`"trigger"*` into `"trigger" OR "triggers"`): its
/// frequency in an entry is the sum of theirs, as FTS5 counts it for the prefix. Only the text
/// column counts, for the frequencies and the lengths, as in an index of the text alone.
enum NoteRank {
    /// The name of the ranking function in SQL.
    static let functionName = "knead_bm25"
    /// Phrases whose group is this byte are not ranked.
    static let ignored: UInt8 = 255

    /// Registers the ranking function on this connection. Throws when FTS5 is missing.
    static func register(_ db: Database) throws {
        guard let api = fts5API(db) else {
            throw StoreError.failed(reason: "this SQLite has no full-text search (FTS5)")
        }
        let code = functionName.withCString { name in
            api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, rank, nil)
        }
        guard code == SQLITE_OK else {
            throw StoreError.failed(reason: "the search's ranking could not be set up (SQLite code \(code))")
        }
    }

    /// Runs `body`; when this connection does not know the ranking function yet, registers it and
    /// runs `body` again. A connection keeps it for its life, so this costs nothing after the first.
    static func withFunction<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.message?.contains("no such function: \(functionName)") == true {
            try register(db)
            return try body()
        }
    }

    /// The connection's `fts5_api`, through `SELECT fts5(?)` as SQLite documents; nil without FTS5.
    private static func fts5API(_ db: Database) -> UnsafePointer<fts5_api>? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db.sqliteConnection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK,
              let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        var api: UnsafePointer<fts5_api>?
        let bound = withUnsafeMutablePointer(to: &api) { pointer in
            "fts5_api_ptr".withCString { type in
                sqlite3_bind_pointer(statement, 1, pointer, type, nil)
            }
        }
        guard bound == SQLITE_OK else { return nil }
        _ = sqlite3_step(statement)
        return api
    }

    /// bm25's constants, as in SQLite's `fts5_aux.c`.
    static let k1 = 1.2
    static let b = 0.75

    /// bm25's IDF of a phrase found in `hits` of `rows` entries, as SQLite works it out.
    static func idf(hits: Int64, rows: Int64) -> Double {
        let idf = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
        return idf <= 0 ? 1e-6 : idf
    }

    /// The score of the current row: minus the sum over the groups of IDF × the saturated
    /// frequency, with the same operations in the same order as SQLite's bm25.
    private static let rank: fts5_extension_function = { api, fts, context, count, values in
        guard let api, let fts, let values, count >= 3,
              let groupBytes = sqlite3_value_blob(values[0]), let idfBytes = sqlite3_value_blob(values[1]) else {
            sqlite3_result_error(context, "knead_bm25 needs its groups and IDFs", -1)
            return
        }
        let phrases = Int(sqlite3_value_bytes(values[0]))
        let groupCount = Int(sqlite3_value_bytes(values[1])) / MemoryLayout<Double>.size
        let column = sqlite3_value_int(values[2])
        let groups = UnsafeRawBufferPointer(start: groupBytes, count: phrases)
        let idfs = UnsafeRawBufferPointer(start: idfBytes, count: groupCount * MemoryLayout<Double>.size)

        var rows: Int64 = 0, tokens: Int64 = 0, length: Int32 = 0, instances: Int32 = 0
        guard api.pointee.xRowCount(fts, &rows) == SQLITE_OK, rows > 0,
              api.pointee.xColumnTotalSize(fts, column, &tokens) == SQLITE_OK,
              api.pointee.xColumnSize(fts, column, &length) == SQLITE_OK,
              api.pointee.xInstCount(fts, &instances) == SQLITE_OK else {
            sqlite3_result_error(context, "knead_bm25 could not read the index", -1)
            return
        }
        let averageLength = Double(tokens) / Double(rows)
        let D = Double(length)
        // Few groups: the frequencies on the stack.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(groupCount, 1)) { frequencies in
            frequencies.initialize(repeating: 0)
            for i in 0..<instances {
                var phrase: Int32 = 0, instanceColumn: Int32 = 0, offset: Int32 = 0
                guard api.pointee.xInst(fts, i, &phrase, &instanceColumn, &offset) == SQLITE_OK else { continue }
                guard instanceColumn == column, phrase >= 0, Int(phrase) < phrases else { continue }
                let group = Int(groups[Int(phrase)])
                if group < groupCount { frequencies[group] += 1.0 }
            }
            var score = 0.0
            for group in 0..<groupCount {
                let idf = idfs.loadUnaligned(fromByteOffset: group * MemoryLayout<Double>.size, as: Double.self)
                let f = frequencies[group]
                score += idf * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / averageLength)))
            }
            sqlite3_result_double(context, -1.0 * score)
        }
    }
}
