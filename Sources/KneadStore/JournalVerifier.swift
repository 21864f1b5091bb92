import Foundation
import GRDB
import KneadCore

/// Something `knead verify` found: an entry changed, removed or inserted outside knead.
///
/// Sentences name sessions, clients and positions by id, never by content or name.
public struct JournalFinding: Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

/// The outcome of checking the journal's hashes.
public struct JournalVerification: Hashable, Sendable {
    public var sessions = 0
    public var entries = 0
    public var clients = 0
    public var recordVersions = 0
    /// In the order found: sessions in id order, entries in sequence order; the first is first.
    public var findings: [JournalFinding] = []
    public var isIntact: Bool { findings.isEmpty }
}

/// Where a fingerprint was found in the journal.
public struct FingerprintMatch: Hashable, Sendable {
    public var session: String
    /// The entry whose chain hash it is.
    public var seq: Int
    /// Entries added to the session after it (amendments since the copy was made).
    public var laterEntries: Int
}

extension SQLiteJournal {
    /// Checks every hash of the journal: each event's content and its link to the one before it
    /// in its session, each session row against its entries, the ledger of sessions started here,
    /// and each client's record versions. Reads only.
    public func verify() throws -> JournalVerification {
        try translate {
            try dbPool.read { db in
                var verifier = JournalVerifier(db: db, since: nil)
                return try verifier.run()
            }
        }
    }

    /// Checks what was added since the last check (the sessions and clients with new entries,
    /// and the whole ledger), then remembers how far it has checked, so a problem is said once.
    /// Reads on a connection of its own (see ``NewEntriesCheck``, which runs it in the background).
    /// - Returns: what it found, oldest first.
    public func checkNewEntries() throws -> [JournalFinding] {
        try checkNewEntriesOnOwnConnection()
    }

    /// A session's fingerprint: the chain hash of its last entry, which covers every entry
    /// before it. Nil for a session with no entries.
    public func fingerprint(of session: SessionID) throws -> String? {
        try translate {
            try dbPool.read { db in
                try String.fetchOne(db, sql: "SELECT hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
                                    arguments: [session.rawValue])
            }
        }
    }

    /// Finds the entry whose chain hash a fingerprint is, if the journal still holds it.
    public func find(fingerprint: String) throws -> FingerprintMatch? {
        let wanted = fingerprint.lowercased().filter(\.isHexDigit)
        guard wanted.count == 64 else { return nil }
        return try translate {
            try dbPool.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT session_id, seq FROM events WHERE hash = ?", arguments: [wanted])
                else { return nil }
                let session: String = row[0]
                let seq: Int = row[1]
                let later = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE session_id = ? AND seq > ?",
                                             arguments: [session, seq]) ?? 0
                return FingerprintMatch(session: session, seq: seq, laterEntries: later)
            }
        }
    }
}

/// One pass over the journal's hashes, whole or since a checkpoint.
struct JournalVerifier {
    struct Checkpoint {
        var events: Int64
        var clientChanges: Int64
        var ledger: Int64
        var ledgerHash: String
    }

    let db: Database
    /// Nil: check everything. Else only sessions and clients with entries after the checkpoint.
    let since: Checkpoint?
    private var result = JournalVerification()

    init(db: Database, since: Checkpoint?) {
        self.db = db
        self.since = since
    }

    private mutating func found(_ sentence: String) {
        result.findings.append(JournalFinding(description: sentence))
    }

    mutating func run() throws -> JournalVerification {
        guard try db.tableExists("session_ledger") else {
            found("The journal has no hashes yet: open it once with this version of knead.")
            return result
        }
        try checkEvents()
        try checkLedger()
        try checkClients()
        return result
    }

    /// What a session's rows say, gathered while its entries are read.
    private struct SessionFacts {
        var phase = "assessment"
        var firstAt: Double?
        var clientID: String?
        var clientName: String?
        var plannedMinutes: Int?
        var firstContent: String?
    }

    private mutating func checkEvents() throws {
        let filter = since == nil ? "" : "WHERE session_id IN (SELECT session_id FROM events WHERE rowid > \(since?.events ?? 0))"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT session_id, seq, at, type, CAST(payload AS BLOB), content_hash, hash FROM events \(filter)
            ORDER BY session_id, seq
            """)
        var facts: [String: SessionFacts] = [:]
        var current: String?
        var expected = 1
        var previous = JournalHash.genesis
        while let row = try rows.next() {
            let session: String = row[0] ?? ""
            let seq: Int = row[1] ?? 0
            if session != current {
                current = session
                expected = 1
                previous = JournalHash.genesis
            }
            result.entries += 1
            let at: Double = row[2] ?? 0
            let type: String = row[3] ?? ""
            let payload = String(decoding: (row[4] as Data?) ?? Data(), as: UTF8.self)
            var fact = facts[session] ?? SessionFacts()
            if seq > expected {
                found(seq - 1 == expected
                      ? "Entry \(expected) of session \(session) was removed outside knead."
                      : "Entries \(expected) to \(seq - 1) of session \(session) were removed outside knead.")
            }
            let content = JournalHash.event(session: session, seq: seq, at: at, type: type, payload: payload)
            let storedContent: String? = row[5]
            let storedChain: String? = row[6]
            if storedContent == nil || storedChain == nil {
                found("Entry \(seq) of session \(session) was inserted outside knead (it carries no hash).")
            } else if storedContent != content {
                found("Entry \(seq) of session \(session) was changed outside knead.")
            } else if storedChain != JournalHash.chain(previous: previous, content: content), seq == expected {
                found(seq == 1 ? "Entry 1 of session \(session) was replaced outside knead."
                      : "Entry \(seq - 1) of session \(session) was changed or replaced outside knead (entry \(seq) no longer links to it).")
            }
            previous = storedChain ?? JournalHash.chain(previous: previous, content: content)
            expected = seq + 1
            if seq == 1 {
                fact.firstAt = at
                fact.firstContent = storedContent
                if let change = EventPayload.decode(payload), case .started(let start) = change {
                    fact.clientID = start.client.id.rawValue
                    fact.clientName = start.client.name
                    fact.plannedMinutes = start.plannedMinutes
                }
            }
            switch type {
            case "treatmentBegan": fact.phase = "treatment"
            case "treatmentEnded": fact.phase = "aftercare"
            case "signed": fact.phase = "signed"
            default: break
            }
            facts[session] = fact
        }
        try checkSessionRows(facts)
    }

    /// Each session row must say what its entries say: client, start, planned length and phase.
    private mutating func checkSessionRows(_ facts: [String: SessionFacts]) throws {
        let filter = since == nil ? "" : "WHERE id IN (SELECT session_id FROM events WHERE rowid > \(since?.events ?? 0))"
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, client_id, CAST(client_name AS BLOB), started_at, planned_minutes, phase FROM sessions \(filter) ORDER BY id
            """)
        var seen: Set<String> = []
        for row in rows {
            let id: String = row[0] ?? ""
            seen.insert(id)
            result.sessions += 1
            guard let fact = facts[id] else {
                found("Session \(id) has no entries: its entries were removed, or it was inserted outside knead.")
                continue
            }
            let name = String(decoding: (row[2] as Data?) ?? Data(), as: UTF8.self)
            let matches = fact.clientID == row[1] && fact.clientName == name && fact.firstAt == row[3]
                && fact.plannedMinutes == row[4] && fact.phase == row[5]
            if !matches {
                found("The row of session \(id) was changed outside knead: it no longer says what its entries say.")
            }
        }
        for id in facts.keys.sorted() where !seen.contains(id) {
            found("Session \(id) was removed outside knead: its entries remain without it.")
        }
    }

    /// The ledger chains every session started on this machine: none may be missing, changed or unlisted.
    private mutating func checkLedger() throws {
        guard let since else { return try checkWholeLedger() }
        try checkLedger(since: since)
    }

    private mutating func checkWholeLedger() throws {
        let rows = try Row.fetchAll(db, sql: "SELECT position, session_id, start_hash, hash FROM session_ledger ORDER BY position")
        let starts = Dictionary(try Row.fetchAll(db, sql: "SELECT session_id, content_hash FROM events WHERE seq = 1").map {
            (($0[0] as String?) ?? "", ($0[1] as String?) ?? "")
        }, uniquingKeysWith: { first, _ in first })
        let sessions = Set(try String.fetchAll(db, sql: "SELECT id FROM sessions"))
        var previous = JournalHash.genesis
        var expected: Int64 = 1
        var listed: Set<String> = []
        for row in rows {
            let position: Int64 = row[0] ?? 0
            let session: String = row[1] ?? ""
            let startHash: String = row[2] ?? ""
            let hash: String = row[3] ?? ""
            listed.insert(session)
            defer {
                previous = hash
                expected = position + 1
            }
            checkLedgerEntry(position: position, session: session, startHash: startHash, hash: hash,
                             previous: previous, expected: expected,
                             exists: sessions.contains(session), start: starts[session])
        }
        for session in sessions.sorted() where !listed.contains(session) {
            found("Session \(session) was inserted outside knead: it is not in the ledger of sessions started here.")
        }
    }

    /// Since a checkpoint: the ledger's entries from the one checked last on (that one must be the
    /// same), and the sessions with new entries must be listed. Reads only what is new, so an
    /// everyday open of a large journal reads a few rows, not every session; a problem is said once.
    private mutating func checkLedger(since: Checkpoint) throws {
        let from = max(since.ledger - 1, 1)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT l.position, l.session_id, l.start_hash, l.hash, s.id IS NOT NULL,
                   (SELECT content_hash FROM events e WHERE e.session_id = l.session_id AND e.seq = 1)
            FROM session_ledger l LEFT JOIN sessions s ON s.id = l.session_id
            WHERE l.position >= ? ORDER BY l.position
            """, arguments: [from])
        var previous = JournalHash.genesis
        var expected = from
        var sawAny = false
        while let row = try rows.next() {
            sawAny = true
            let position: Int64 = row[0] ?? 0
            let session: String = row[1] ?? ""
            let startHash: String = row[2] ?? ""
            let hash: String = row[3] ?? ""
            defer {
                previous = hash
                expected = position + 1
            }
            guard position >= since.ledger else { continue }
            checkLedgerEntry(position: position, session: session, startHash: startHash, hash: hash,
                             previous: previous, expected: expected, exists: row[4] ?? false, start: row[5])
            if position == since.ledger, hash != since.ledgerHash {
                found("Ledger entry \(position) is not the one checked before: the ledger was rewritten outside knead.")
            }
        }
        if !sawAny {
            expected = (try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM session_ledger") ?? 0) + 1
        }
        if since.ledger >= expected {
            found("Ledger entries \(expected) to \(since.ledger) were removed outside knead, with the sessions they list.")
        }
        let unlisted = try String.fetchAll(db, sql: """
            SELECT s.id FROM sessions s
            WHERE s.id IN (SELECT session_id FROM events WHERE rowid > ?)
              AND NOT EXISTS (SELECT 1 FROM session_ledger l WHERE l.session_id = s.id)
            ORDER BY s.id
            """, arguments: [since.events])
        for session in unlisted {
            found("Session \(session) was inserted outside knead: it is not in the ledger of sessions started here.")
        }
    }

    /// One ledger entry: in its place, its hash chained to the one before, its session present and
    /// started with the entry the ledger names.
    private mutating func checkLedgerEntry(position: Int64, session: String, startHash: String, hash: String,
                                           previous: String, expected: Int64, exists: Bool, start: String?) {
        if position > expected {
            found("Ledger entry \(expected) was removed outside knead: a session started on this machine was deleted with it.")
        }
        if hash != JournalHash.ledger(position: position, session: session, startHash: startHash, previous: previous) {
            found("Ledger entry \(position) (session \(session)) was changed outside knead.")
        }
        if !exists {
            found("Session \(session), started on this machine, was removed outside knead.")
        } else if start != startHash {
            found("The first entry of session \(session) is not the one it started with: it was replaced outside knead.")
        }
    }

    /// Each client's versions are chained; the current record must be the latest version (by the
    /// time it was saved: clinic sync can bring an older version from another machine later).
    private mutating func checkClients() throws {
        let filter = since == nil ? "" : "WHERE client_id IN (SELECT client_id FROM client_changes WHERE rowid > \(since?.clientChanges ?? 0))"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT client_id, at, CAST(record AS BLOB), content_hash, hash FROM client_changes \(filter) ORDER BY client_id, rowid
            """)
        var latest: [String: String] = [:]
        var latestAt: [String: Double] = [:]
        var current: String?
        var previous = JournalHash.genesis
        var number = 0
        while let row = try rows.next() {
            let client: String = row[0] ?? ""
            if client != current {
                current = client
                previous = JournalHash.genesis
                number = 0
            }
            number += 1
            result.recordVersions += 1
            let record = String(decoding: (row[2] as Data?) ?? Data(), as: UTF8.self)
            let content = JournalHash.clientVersion(client: client, at: row[1] ?? 0, record: record)
            let storedContent: String? = row[3]
            let storedChain: String? = row[4]
            if storedContent == nil || storedChain == nil {
                found("Version \(number) of the record of client \(client) was inserted outside knead (it carries no hash).")
            } else if storedContent != content {
                found("Version \(number) of the record of client \(client) was changed outside knead.")
            } else if storedChain != JournalHash.chain(previous: previous, content: content) {
                found("The version before version \(number) of the record of client \(client) was changed, replaced or removed outside knead.")
            }
            previous = storedChain ?? content
            let at: Double = row[1] ?? 0
            if at >= latestAt[client] ?? -.infinity {
                latest[client] = record
                latestAt[client] = at
            }
        }
        let clientFilter = since == nil ? "" : "WHERE id IN (SELECT client_id FROM client_changes WHERE rowid > \(since?.clientChanges ?? 0))"
        let clients = try Row.fetchAll(db, sql: """
            SELECT id, CAST(name AS BLOB), CAST(preferred_name AS BLOB), CAST(record AS BLOB) FROM clients \(clientFilter) ORDER BY id
            """)
        for row in clients {
            let id: String = row[0] ?? ""
            result.clients += 1
            guard let version = latest[id] else {
                found("Client \(id) has no saved versions: it was inserted outside knead, or its history was removed.")
                continue
            }
            let record = (row[3] as Data?).map { String(decoding: $0, as: UTF8.self) }
            let name = String(decoding: (row[1] as Data?) ?? Data(), as: UTF8.self)
            let preferred = (row[2] as Data?).map { String(decoding: $0, as: UTF8.self) }
            var same = record == version
            if same, let decoded = try? JSONDecoder().decode(RecordNames.self, from: Data(version.utf8)) {
                same = decoded.client.name == name && decoded.client.preferredName == preferred
            }
            if !same { found("The record of client \(id) was changed outside knead: it is not its latest saved version.") }
        }
    }

    /// The names inside a stored client record, for comparing with the name columns.
    private struct RecordNames: Decodable {
        struct Names: Decodable {
            var name: String
            var preferredName: String?
        }
        var client: Names
    }
}
