import Foundation
import GRDB
import KneadCore

/// An amendment written on another machine than its session's owner, as the clinic record holds it.
public struct SyncedAmendment: Hashable, Sendable {
    /// Its global id (random, made where it was written).
    public var id: String
    public var sessionID: String
    public var at: Double
    /// The `amended` event's payload, as `events.payload` holds one.
    public var payload: String
    /// The knead that wrote it (nil: this one).
    public var author: String?

    public init(id: String, sessionID: String, at: Double, payload: String, author: String?) {
        self.id = id
        self.sessionID = sessionID
        self.at = at
        self.payload = payload
        self.author = author
    }
}

extension SQLiteJournal {
    /// The therapist of a knead of the clinic, by its id: the name it gave, or "another therapist".
    func therapist(ofKnead kneadID: String, _ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT therapist FROM sync_members WHERE knead_id = ?", arguments: [kneadID])
            ?? "another therapist"
    }

    /// Writes amendments to a session another knead started: into `clinic_amendments` under
    /// their own ids, never into the owner's `events` numbering. Anything but an amendment of a
    /// signed session is refused, as the clinic server would refuse it.
    func appendElsewhere(_ events: [SessionEvent], to session: SessionID, owner: String, _ db: Database) throws {
        let phase = try String.fetchOne(db, sql: "SELECT phase FROM sessions WHERE id = ?", arguments: [session.rawValue])
        for event in events {
            guard case .amended = event.change, phase == Phase.signed.rawValue else {
                throw StoreError.anotherTherapistsSession(session, therapist: owner)
            }
            try db.execute(sql: """
                INSERT INTO clinic_amendments (id, session_id, at, payload, author)
                VALUES (lower(hex(randomblob(16))), ?, ?, ?, NULL)
                """, arguments: [session.rawValue, event.at.timeIntervalSinceReferenceDate, try EventPayload.encode(event.change)])
        }
    }

    /// A session's events with the amendments other machines wrote merged in: each goes after the
    /// signature and after every event of the same time or earlier, so every machine reads the
    /// same list.
    static func merged(_ events: [SessionEvent], amendments rows: [Row]) -> [SessionEvent] {
        guard !rows.isEmpty else { return events }
        var merged = events
        let signature = merged.firstIndex { if case .signed = $0.change { true } else { false } } ?? (merged.count - 1)
        for row in rows {
            let at = Date(timeIntervalSinceReferenceDate: row[0])
            guard let change = EventPayload.decode(row[1]), case .amended = change else { continue }
            let after = merged.indices.dropFirst(signature + 1).first { merged[$0].at > at } ?? merged.count
            merged.insert(SessionEvent(at: at, change), at: after)
        }
        return merged
    }

    /// The amendments of a session written on other machines, oldest first.
    static func clinicAmendmentRows(of session: SessionID, _ db: Database) throws -> [Row] {
        try Row.fetchAll(db, sql: "SELECT at, payload FROM clinic_amendments WHERE session_id = ? ORDER BY at, id",
                         arguments: [session.rawValue])
    }

    // MARK: - Sync

    /// Amendments written here to other kneads' sessions that the server does not have yet.
    public func amendmentsToPush() throws -> [(position: Int64, amendment: SyncedAmendment)] {
        try translate {
            try dbPool.read { db in
                let after = try Int64.fetchOne(db, sql: "SELECT position FROM sync_cursors WHERE name = 'push.amendments'") ?? 0
                return try Row.fetchAll(db, sql: """
                    SELECT position, id, session_id, at, payload FROM clinic_amendments
                    WHERE author IS NULL AND position > ? ORDER BY position
                    """, arguments: [after]).map { row in
                    (row[0], SyncedAmendment(id: row[1], sessionID: row[2], at: row[3], payload: row[4], author: nil))
                }
            }
        }
    }

    /// Records that the server holds this machine's amendments up to `position`.
    public func markAmendmentsPushed(upTo position: Int64) throws {
        try translate {
            try dbPool.write { db in
                try db.execute(sql: """
                    INSERT INTO sync_cursors (name, position) VALUES ('push.amendments', ?)
                    ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)
                    """, arguments: [position])
            }
        }
    }

    /// Applies amendments pulled from the server (kept apart from the owner's events) and moves
    /// the `pull.amendments` cursor, in one transaction. An amendment of a session this file
    /// does not hold is skipped (it cannot be shown); one already here is not added twice.
    public func applyPulled(amendments: [SyncedAmendment], to position: Int64) throws {
        try translate {
            try dbPool.write { db in
                for amendment in amendments {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO clinic_amendments (id, session_id, at, payload, author)
                        SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ?)
                        """, arguments: [amendment.id, amendment.sessionID, amendment.at, amendment.payload,
                                         amendment.author ?? "", amendment.sessionID])
                }
                try db.execute(sql: """
                    INSERT INTO sync_cursors (name, position) VALUES ('pull.amendments', ?)
                    ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)
                    """, arguments: [position])
            }
        }
    }
}
