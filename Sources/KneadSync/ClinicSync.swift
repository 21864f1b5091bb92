import Foundation
import KneadCore
import KneadStore

/// One sync with the clinic's server: push what waits here, then pull what others wrote.
///
/// Push sends the outbox in order, in batches, each batch one server transaction that takes the
/// clinic's advisory lock so that server positions are handed out in commit order (a pull can
/// then never skip a row that commits late). Rows go in with `ON CONFLICT DO NOTHING`: a batch
/// sent again after a kill between the server's commit and the local cursor adds nothing.
/// Pull reads each table after its cursor in one repeatable-read snapshot, applying each page
/// with its cursor in one local transaction.
public struct ClinicSync {
    public let journal: SQLiteJournal
    public let address: ServerAddress
    /// The therapist's name as the clinic shows it.
    public let therapist: String
    public var batchSize = 2_000
    /// For tests: runs after each batch the server committed, before the local cursor moves.
    var afterServerCommit: (() throws -> Void)?

    public init(journal: SQLiteJournal, address: ServerAddress, therapist: String) {
        self.journal = journal
        self.address = address
        self.therapist = therapist
    }

    /// What one sync did.
    public struct Outcome: Equatable, Sendable {
        public var pushed = 0
        public var refused = 0
        public var pulled = 0
        public var usedTLS = false
        /// This machine's clock minus the server's, in seconds.
        public var clockSkew: Double = 0

        /// A sentence when this machine's clock is more than two minutes from the server's: sync
        /// does not depend on clocks (positions come from the server), but the times written on
        /// notes and records here do.
        public var clockNotice: String? {
            guard abs(clockSkew) > 120 else { return nil }
            let minutes = Int((abs(clockSkew) / 60).rounded())
            let hours = Int((Double(minutes) / 60).rounded())
            let amount = minutes >= 120 ? "about \(hours) hours" : "about \(minutes) minutes"
            return "This machine's clock is \(amount) \(clockSkew < 0 ? "behind" : "ahead of") the clinic server's. "
                + "Sync still works, but times written here are off: set the clock (or turn on automatic time), then carry on."
        }
    }

    /// Pushes and pulls once; records the outcome (success, or offline since) in the journal.
    @discardableResult
    public func run() throws -> Outcome {
        do {
            let server = try ClinicServerConnection(address)
            try ServerSchema.prepare(server)
            let me = try journal.kneadID()
            var outcome = Outcome(usedTLS: server.usesTLS)
            let serverTime = try server.query("SELECT extract(epoch FROM clock_timestamp())::float8").first?.first ?? nil
            if let serverNow = serverTime.flatMap({ Double($0) }) {
                outcome.clockSkew = journal.currentTime.timeIntervalSince1970 - serverNow
            }
            try register(me, on: server)
            (outcome.pushed, outcome.refused) = try push(me, to: server)
            outcome.pushed += try pushAmendments(me, to: server)
            outcome.pulled = try pull(me, from: server)
            try journal.recordSyncOutcome(error: nil, offline: false)
            return outcome
        } catch let error as SyncError {
            try? journal.recordSyncOutcome(error: error.description, offline: error.isOffline)
            throw error
        } catch {
            let wrapped = SyncError.local(reason: "\(error)")
            try? journal.recordSyncOutcome(error: wrapped.description, offline: false)
            throw wrapped
        }
    }

    private func register(_ me: String, on server: ClinicServerConnection) throws {
        try server.query("""
            INSERT INTO knead_members (knead_id, therapist) VALUES ($1, $2)
            ON CONFLICT (knead_id) DO UPDATE SET therapist = excluded.therapist
            WHERE knead_members.therapist IS DISTINCT FROM excluded.therapist
            """, [me, Self.serverText(therapist)])
    }

    // MARK: Push

    private func push(_ me: String, to server: ClinicServerConnection) throws -> (pushed: Int, refused: Int) {
        var pushed = 0, refusedCount = 0
        while true {
            let items = try journal.syncOutbox(limit: batchSize)
            guard let last = items.last else { break }
            do {
                try transaction(server, member: me) { try send(items, me, server) }
                try afterServerCommit?()
                try journal.markPushed(upTo: last.position)
                pushed += items.count
            } catch SyncError.server(let state, _) where state.hasPrefix("KN") || state == "23503" {
                // A row the server's rules refuse: find it, keep it here, send the rest.
                let refused = try sendOneByOne(items, me, server)
                try journal.markPushed(upTo: last.position, refused: refused)
                pushed += items.count - refused.count
                refusedCount += refused.count
            }
        }
        return (pushed, refusedCount)
    }

    private func sendOneByOne(_ items: [OutboxItem], _ me: String,
                              _ server: ClinicServerConnection) throws -> [(position: Int64, reason: String)] {
        var refused: [(position: Int64, reason: String)] = []
        try transaction(server, member: me) {
            for item in items {
                try server.execute("SAVEPOINT item")
                do {
                    try send([item], me, server)
                    try server.execute("RELEASE SAVEPOINT item")
                } catch SyncError.server(let state, let message) where state.hasPrefix("KN") || state == "23503" {
                    try server.execute("ROLLBACK TO SAVEPOINT item")
                    refused.append((item.position, "\(message) (SQLSTATE \(state))"))
                }
            }
        }
        return refused
    }

    private func transaction(_ server: ClinicServerConnection, member: String, _ body: () throws -> Void) throws {
        try server.execute("BEGIN")
        do {
            try server.query("SELECT pg_advisory_xact_lock($1::bigint), set_config('knead.member', $2, true)",
                             [ServerSchema.lockKey, member])
            try body()
            try server.execute("COMMIT")
        } catch {
            if server.isOpen { try? server.execute("ROLLBACK") }
            throw error
        }
    }

    private func send(_ items: [OutboxItem], _ me: String, _ server: ClinicServerConnection) throws {
        var versions: [VersionRow] = [], sessions: [SessionRow] = [], events: [EventRow] = []
        for (order, item) in items.enumerated() {
            switch item.row {
            case .clientVersion(let v):
                versions.append(VersionRow(ord: order, version_id: v.versionID, client_id: v.clientID, base_id: v.baseID,
                                           merges: v.merges, at: v.at.description, record: v.record))
            case .session(let s):
                sessions.append(SessionRow(ord: order, id: s.id, client_id: s.clientID, client_name: Self.serverText(s.clientName),
                                           started_at: s.startedAt.description, planned_minutes: s.plannedMinutes))
            case .event(let e):
                events.append(EventRow(ord: order, session_id: e.sessionID, seq: e.seq, at: e.at.description,
                                       type: e.type, payload: e.payload, extra: e.extra))
            }
        }
        if !versions.isEmpty {
            try server.query("""
                INSERT INTO client_versions (version_id, client_id, base_id, merges, at, record, author)
                SELECT x.version_id, x.client_id, x.base_id, x.merges, x.at::float8, x.record, $2
                FROM jsonb_to_recordset($1::jsonb) AS x(ord int, version_id text, client_id text, base_id text,
                                                        merges text, at text, record text)
                ORDER BY x.ord
                ON CONFLICT DO NOTHING
                """, [try Self.json(versions), me])
        }
        if !sessions.isEmpty {
            try server.query("""
                INSERT INTO sessions (id, client_id, client_name, started_at, planned_minutes, owner)
                SELECT x.id, x.client_id, x.client_name, x.started_at::float8, x.planned_minutes, $2
                FROM jsonb_to_recordset($1::jsonb) AS x(ord int, id text, client_id text, client_name text,
                                                        started_at text, planned_minutes int)
                ORDER BY x.ord
                ON CONFLICT DO NOTHING
                """, [try Self.json(sessions), me])
        }
        if !events.isEmpty {
            try server.query("""
                INSERT INTO events (session_id, seq, at, type, payload, extra)
                SELECT x.session_id, x.seq, x.at::float8, x.type, x.payload, coalesce(x.extra, '{}')
                FROM jsonb_to_recordset($1::jsonb) AS x(ord int, session_id text, seq int, at text, type text,
                                                        payload text, extra jsonb)
                ORDER BY x.ord
                ON CONFLICT DO NOTHING
                """, [try Self.json(events)])
        }
    }

    /// Sends the amendments written here to other kneads' sessions, into the server's own
    /// `amendments` table under their global ids (never as events in the owner's numbering).
    private func pushAmendments(_ me: String, to server: ClinicServerConnection) throws -> Int {
        let waiting = try journal.amendmentsToPush()
        guard let last = waiting.last else { return 0 }
        let rows = waiting.enumerated().map { order, item in
            AmendmentRow(ord: order, id: item.amendment.id, session_id: item.amendment.sessionID,
                         at: item.amendment.at.description, payload: item.amendment.payload)
        }
        try transaction(server, member: me) {
            try server.query("""
                INSERT INTO amendments (id, session_id, at, payload, author)
                SELECT x.id, x.session_id, x.at::float8, x.payload, $2
                FROM jsonb_to_recordset($1::jsonb) AS x(ord int, id text, session_id text, at text, payload text)
                ORDER BY x.ord
                ON CONFLICT DO NOTHING
                """, [try Self.json(rows), me])
        }
        try afterServerCommit?()
        try journal.markAmendmentsPushed(upTo: last.position)
        return waiting.count
    }

    // MARK: Pull

    private func pull(_ me: String, from server: ClinicServerConnection) throws -> Int {
        var pulled = 0
        try server.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { if server.isOpen { try? server.execute("COMMIT") } }

        let memberRows = try server.query("SELECT knead_id, therapist FROM knead_members")
        let members = memberRows.compactMap { row -> SyncedMember? in
            guard row.count == 2, let id = row[0], let name = row[1] else { return nil }
            return SyncedMember(kneadID: id, therapist: name)
        }
        try journal.applyPulled(members: members, cursor: "pull.members", to: 0)

        pulled += try pullPages("client_versions", me, server, """
            SELECT position, version_id, client_id, base_id, merges, at, record, author FROM client_versions
            WHERE position > $1 AND author <> $2 ORDER BY position LIMIT $3
            """) { rows, cursor in
            let versions = rows.compactMap { r -> SyncedClientVersion? in
                guard let id = r[1], let client = r[2], let at = r[5].flatMap(Double.init), let record = r[6] else { return nil }
                return SyncedClientVersion(versionID: id, clientID: client, baseID: r[3], merges: r[4] ?? "", at: at,
                                           record: record, author: r[7])
            }
            try journal.applyPulled(versions: versions, cursor: "pull.client_versions", to: cursor)
        }
        pulled += try pullPages("sessions", me, server, """
            SELECT position, id, client_id, client_name, started_at, planned_minutes, owner FROM sessions
            WHERE position > $1 AND owner <> $2 ORDER BY position LIMIT $3
            """) { rows, cursor in
            let sessions = rows.compactMap { r -> SyncedSession? in
                guard let id = r[1], let client = r[2], let name = r[3], let start = r[4].flatMap(Double.init),
                      let minutes = r[5].flatMap(Int.init) else { return nil }
                return SyncedSession(id: id, clientID: client, clientName: name, startedAt: start, plannedMinutes: minutes, owner: r[6])
            }
            try journal.applyPulled(sessions: sessions, cursor: "pull.sessions", to: cursor)
        }
        pulled += try pullPages("events", me, server, """
            SELECT e.position, e.session_id, e.seq, e.at, e.type, e.payload, e.extra::text FROM events e
            JOIN sessions s ON s.id = e.session_id
            WHERE e.position > $1 AND s.owner <> $2 ORDER BY e.position LIMIT $3
            """) { rows, cursor in
            let events = try rows.compactMap { r -> SyncedEvent? in
                guard let session = r[1], let seq = r[2].flatMap(Int.init), let at = r[3].flatMap(Double.init),
                      let type = r[4], let payload = r[5] else { return nil }
                let extra = try r[6].map { try JSONDecoder().decode([String: SyncValue].self, from: Data($0.utf8)) } ?? [:]
                return SyncedEvent(sessionID: session, seq: seq, at: at, type: type, payload: payload, extra: extra)
            }
            try journal.applyPulled(events: events, cursor: "pull.events", to: cursor)
        }
        pulled += try pullPages("amendments", me, server, """
            SELECT position, id, session_id, at, payload, author FROM amendments
            WHERE position > $1 AND author <> $2 ORDER BY position LIMIT $3
            """) { rows, cursor in
            let amendments = rows.compactMap { r -> SyncedAmendment? in
                guard let id = r[1], let session = r[2], let at = r[3].flatMap(Double.init), let payload = r[4] else { return nil }
                return SyncedAmendment(id: id, sessionID: session, at: at, payload: payload, author: r[5])
            }
            try journal.applyPulled(amendments: amendments, to: cursor)
        }
        return pulled
    }

    /// Pages through one server table after its cursor; `apply` gets each page and its last position.
    private func pullPages(_ table: String, _ me: String, _ server: ClinicServerConnection, _ sql: String,
                           apply: ([[String?]], Int64) throws -> Void) throws -> Int {
        var cursor = try journal.syncCursor("pull.\(table)")
        var count = 0
        while true {
            let rows = try server.query(sql, [String(cursor), me, String(batchSize)])
            guard let last = rows.last?.first.flatMap({ $0 }).flatMap(Int64.init) else { break }
            try apply(rows, last)
            cursor = last
            count += rows.count
            if rows.count < batchSize { break }
        }
        // Rows this knead wrote are skipped by the query: move past them too, so that the next
        // pull does not read them again. In this snapshot nothing below the maximum is missing.
        let highest = try server.query("SELECT coalesce(max(position), 0) FROM \(table)").first?.first.flatMap { $0 }
            .flatMap(Int64.init) ?? 0
        if highest > cursor {
            if table == "amendments" {
                try journal.applyPulled(amendments: [], to: highest)
            } else {
                try journal.applyPulled(cursor: "pull.\(table)", to: highest)
            }
        }
        return count
    }

    // MARK: Encoding

    private struct VersionRow: Encodable {
        var ord: Int, version_id: String, client_id: String, base_id: String?, merges: String, at: String, record: String
    }
    private struct SessionRow: Encodable {
        var ord: Int, id: String, client_id: String, client_name: String, started_at: String, planned_minutes: Int
    }
    private struct AmendmentRow: Encodable {
        var ord: Int, id: String, session_id: String, at: String, payload: String
    }
    private struct EventRow: Encodable {
        var ord: Int, session_id: String, seq: Int, at: String, type: String, payload: String, extra: [String: SyncValue]
    }

    private static func json<T: Encodable>(_ rows: T) throws -> String {
        let data = try JSONEncoder().encode(rows)
        return String(decoding: data, as: UTF8.self)
    }

    /// Text for a display column on the server: PostgreSQL text cannot hold NUL, so it becomes
    /// U+FFFD there (the exact text travels inside the JSON of the record and the events).
    static func serverText(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }
}
