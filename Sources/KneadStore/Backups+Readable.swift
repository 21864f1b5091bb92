import Foundation
import GRDB
import KneadCore

extension Backups {
    /// Reads every row of every table knead reads, as knead reads it, and refuses a copy that
    /// knead could not use: a client record or saved version that does not decode, a session row
    /// that is not one, a search index that cannot be read.
    ///
    /// An event that cannot be read does not refuse the copy: knead shows it as unreadable and
    /// reads the rest, so a restore keeps it as it is, and says so.
    /// - Returns: how many events cannot be read.
    static func checkReadable(_ db: Database, path: String) throws -> Int {
        func refuse(_ reason: String) -> BackupError { .notAKneadBackup(path: path, reason: reason) }
        let decoder = JSONDecoder()

        let clients = try Row.fetchCursor(db, sql: "SELECT id, typeof(name), record FROM clients")
        while let row = try clients.next() {
            let id: String = (try? row.decode(String.self, atIndex: 0)) ?? "?"
            guard (try? row.decode(String.self, atIndex: 1)) == "text" else { throw refuse("the name of client \(id) cannot be read") }
            if let json = try? row.decode(String?.self, atIndex: 2) {
                guard (try? decoder.decode(ClientRecord.self, from: Data(json.utf8))) != nil else {
                    throw refuse("the record of client \(id) cannot be read")
                }
            } else if !row.hasNull(atIndex: 2) {
                throw refuse("the record of client \(id) cannot be read")
            }
        }

        let versions = try Row.fetchCursor(db, sql: "SELECT client_id, record FROM client_changes")
        while let row = try versions.next() {
            let id: String = (try? row.decode(String.self, atIndex: 0)) ?? "?"
            guard let json = try? row.decode(String.self, atIndex: 1),
                  (try? decoder.decode(ClientRecord.self, from: Data(json.utf8))) != nil
            else { throw refuse("a saved version of the record of client \(id) cannot be read") }
        }

        let phases = Set(Phase.allCases.map(\.rawValue))
        let sessions = try Row.fetchCursor(db, sql: "SELECT id, client_id, typeof(client_name), started_at, planned_minutes, phase FROM sessions")
        while let row = try sessions.next() {
            let id: String = (try? row.decode(String.self, atIndex: 0)) ?? "?"
            guard (try? row.decode(String.self, atIndex: 1)) != nil,
                  (try? row.decode(String.self, atIndex: 2)) == "text",
                  (try? row.decode(Double.self, atIndex: 3)) != nil,
                  (try? row.decode(Int.self, atIndex: 4)) != nil,
                  let phase = try? row.decode(String.self, atIndex: 5), phases.contains(phase)
            else { throw refuse("the row of session \(id) cannot be read") }
        }

        let search = try Row.fetchCursor(db, sql: "SELECT session_id, seq, text FROM note_search")
        while let row = try search.next() {
            guard (try? row.decode(String.self, atIndex: 0)) != nil, (try? row.decode(String.self, atIndex: 2)) != nil
            else { throw refuse("its search index cannot be read") }
        }

        var unreadable = 0
        let events = try Row.fetchCursor(db, sql: "SELECT seq, at, type, payload FROM events")
        while let row = try events.next() {
            guard (try? row.decode(Int.self, atIndex: 0)) != nil else { throw refuse("an entry has no position") }
            let type = try? row.decode(String.self, atIndex: 2)
            guard (try? row.decode(Double.self, atIndex: 1)) != nil,
                  let payload = try? row.decode(String.self, atIndex: 3),
                  let change = EventPayload.decode(payload), change.kind == type
            else {
                unreadable += 1
                continue
            }
        }
        return unreadable
    }
}

/// Failures a test makes happen halfway through a restore, to prove the data is left as it was.
enum RestoreFault: Sendable {
    /// The disk fills while the backup is being copied in.
    case diskFullWhileCopying
    /// An I/O error once the copy is made, before it replaces the data.
    case ioErrorAfterCopy
}
