import GRDB

/// Writes the hashes of new entries as they are appended: events chained per session, client
/// record versions chained per client, session starts chained in the local ledger.
///
/// Used by the append and import paths and by the migration that hashes older entries, so
/// that all three compute the same thing.
enum JournalSeal {
    /// The two hashes of an event about to be stored as `seq` of `session`.
    static func event(session: String, seq: Int, at: Double, type: String, payload: String,
                      _ db: Database) throws -> (content: String, chain: String) {
        let previous = try String.fetchOne(db.cachedStatement(sql: """
            SELECT hash FROM events WHERE session_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1
            """), arguments: [session, seq]) ?? JournalHash.genesis
        return event(session: session, seq: seq, at: at, type: type, payload: payload, previous: previous)
    }

    /// The two hashes of an event about to be stored, chained to `previous`: the chain hash of
    /// the session's event before it, read by the caller (``JournalHash/genesis`` for the first).
    static func event(session: String, seq: Int, at: Double, type: String, payload: String,
                      previous: String) -> (content: String, chain: String) {
        let content = JournalHash.event(session: session, seq: seq, at: at, type: type, payload: payload)
        return (content, JournalHash.chain(previous: previous, content: content))
    }

    /// The two hashes of a client record version about to be stored.
    static func clientVersion(client: String, at: Double, record: String,
                              _ db: Database) throws -> (content: String, chain: String) {
        let content = JournalHash.clientVersion(client: client, at: at, record: record)
        let previous = try String.fetchOne(db, sql: """
            SELECT hash FROM client_changes WHERE client_id = ? ORDER BY rowid DESC LIMIT 1
            """, arguments: [client]) ?? JournalHash.genesis
        return (content, JournalHash.chain(previous: previous, content: content))
    }

    /// Records a session's start in the ledger, chained to the previous start.
    static func ledger(session: String, startHash: String, _ db: Database) throws {
        let last = try Row.fetchOne(db, sql: "SELECT position, hash FROM session_ledger ORDER BY position DESC LIMIT 1")
        let position: Int64 = (last?[0] as Int64? ?? 0) + 1
        let previous: String = last?[1] ?? JournalHash.genesis
        try db.execute(sql: "INSERT INTO session_ledger (position, session_id, start_hash, hash) VALUES (?, ?, ?, ?)",
                       arguments: [position, session, startHash,
                                   JournalHash.ledger(position: position, session: session, startHash: startHash, previous: previous)])
    }
}
