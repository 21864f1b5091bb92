import Foundation
import GRDB

/// What the search index keeps beside each entry's text, so that a search stays fast at a
/// clinic's scale:
///
/// - **scope tokens**, in a column of their own: the session's client, the year, the month and
///   the day (UTC) the session started. A search of one client or a span of dates adds them to its
///   full-text match, and FTS5 intersects them with the words as it walks, newest first, instead
///   of walking every match of the words to keep those of the client or the dates. Each token
///   starts with a private-use character (U+E000) that no typed word holds (a typed word is
///   letters and digits), so no search for words ever matches one.
/// - **the vocabulary** (`note_words`): every word the index has held, so that a word typed in
///   part stands for the few whole words it begins (`"trigger"*` for `"trigger" OR "triggers"`),
///   which FTS5 walks lazily, instead of merging the lists of every word that begins so before
///   its first row. Words are never taken out: a word no entry holds any more only costs its
///   empty list in the query.
enum NoteSearchIndex {
    /// The tokenizer of the index, and of the vocabulary.
    static let tokenizer = FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"])
    /// The character every scope token starts with (U+E000, private use: a token character for
    /// FTS5's unicode61, never a letter or digit of a typed search).
    static let scopeMark = "\u{E000}"
    /// Column numbers of the index: session_id 0, seq 1, text 2, scope 3.
    static let textColumn: Int32 = 2

    /// The scope tokens of a session, as SQL over the sessions row `s`: its client (the id's
    /// UTF-8 in hexadecimal, one token), its year, its month and its day in UTC.
    static let scopeSQL = """
        char(57344) || 'c' || hex(s.client_id)
        || ' ' || char(57344) || 'y' || strftime('%Y', s.started_at + 978307200, 'unixepoch')
        || ' ' || char(57344) || 'm' || strftime('%Y%m', s.started_at + 978307200, 'unixepoch')
        || ' ' || char(57344) || 'd' || strftime('%Y%m%d', s.started_at + 978307200, 'unixepoch')
        """

    /// The token of a client in the scope column: SQLite's `hex()` of the id.
    static func clientToken(_ client: String) -> String {
        let digits = Array("0123456789ABCDEF")
        var token = scopeMark + "c"
        for byte in client.utf8 {
            token.append(digits[Int(byte >> 4)])
            token.append(digits[Int(byte & 0x0F)])
        }
        return token
    }

    /// The token of a year (`2019`), a month (`201903`) or a day (`20190315`) in the scope column,
    /// as SQLite's `strftime` writes them.
    static func yearToken(_ year: Int) -> String { scopeMark + "y" + padded(year, 4) }
    static func monthToken(_ year: Int, _ month: Int) -> String { scopeMark + "m" + padded(year, 4) + padded(month, 2) }
    static func dayToken(_ year: Int, _ month: Int, _ day: Int) -> String {
        scopeMark + "d" + padded(year, 4) + padded(month, 2) + padded(day, 2)
    }

    /// A number written with at least `width` digits.
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Adds one entry to the index, its scope read from its session, and its words to the
    /// vocabulary: the one way a row enters the index (append, sync, rebuild).
    /// Before `v14-search-scope` (a migration that rebuilds the index from the events, run on an
    /// older database) the index has no scope and there is no vocabulary: the text alone.
    static func insert(rowID: Int64, session: String, seq: Int, text: String, _ db: Database) throws {
        guard try db.columns(in: "note_search").contains(where: { $0.name == "scope" }) else {
            try db.execute(sql: "INSERT INTO note_search (rowid, session_id, seq, text) VALUES (?, ?, ?, ?)",
                           arguments: [rowID, session, seq, text])
            return
        }
        try db.execute(sql: """
            INSERT INTO note_search (rowid, session_id, seq, text, scope)
            SELECT ?, ?, ?, ?, (SELECT \(scopeSQL) FROM sessions s WHERE s.id = ?)
            """, arguments: [rowID, session, seq, text, session])
        try addWords(of: text, db)
    }

    /// Adds the words of a text, as the index's tokenizer cuts and folds them, to the vocabulary.
    static func addWords(of text: String, _ db: Database) throws {
        let words = Set(try db.makeTokenizer(tokenizer).tokenize(document: text).map(\.token))
        guard !words.isEmpty else { return }
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO note_words (word) VALUES (?)")
        for word in words { try statement.execute(arguments: [word]) }
    }

    /// A typed word as the index folds it (case, accents), when the tokenizer makes exactly one
    /// word of it; nil otherwise (then the word is searched as typed).
    static func folded(_ word: String, _ db: Database) throws -> String? {
        let tokens = try db.makeTokenizer(tokenizer).tokenize(query: word)
        return tokens.count == 1 ? tokens[0].token : nil
    }

    /// The words of the vocabulary that begin with `prefix` (folded), at most `limit` + 1 of them.
    static func words(beginning prefix: String, limit: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT word FROM note_words WHERE word >= ? AND word < ? ORDER BY word LIMIT ?
            """, arguments: [prefix, prefix + "\u{10FFFF}", limit + 1])
    }

    /// `v14-search-scope`: makes the index anew with the scope column (the rows copied by rowid,
    /// their scope read from their sessions) and fills the vocabulary from the index's words.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE note_words (word TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
            CREATE VIRTUAL TABLE temp.note_words_source USING fts5vocab(main, note_search, row);
            INSERT INTO note_words (word) SELECT term FROM temp.note_words_source;
            DROP TABLE temp.note_words_source;

            CREATE VIRTUAL TABLE note_search_scoped USING fts5(
                session_id UNINDEXED,
                seq UNINDEXED,
                text,
                scope,
                tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2 3'
            );
            INSERT INTO note_search_scoped (rowid, session_id, seq, text, scope)
                SELECT n.rowid, n.session_id, n.seq, n.text, \(scopeSQL)
                FROM note_search n LEFT JOIN sessions s ON s.id = n.session_id
                ORDER BY n.rowid;
            DROP TABLE note_search;
            ALTER TABLE note_search_scoped RENAME TO note_search;
            PRAGMA user_version = 14;
            """)
    }
}
