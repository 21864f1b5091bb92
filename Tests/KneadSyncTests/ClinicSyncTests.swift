import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

@Suite("Clinic sync against a real PostgreSQL", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct ClinicSyncTests {
    let dana = Client(id: ClientID("client-dana-1"), name: "Noor Haddad", preferredName: "Noor")
    let lee = Client(id: ClientID("client-lee-1"), name: "Ines Duarte\u{0}NUL", preferredName: nil)

    @Test("Two therapists work offline, then sync and see each other's clients, sessions and notes; a second sync moves nothing")
    func twoTherapistsShareTheRecord() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        let sessionA = try a.treat(dana, note: "Trigger point in left trapezius")
        let sessionB = try b.treat(lee, note: "Adhesions at the right IT band")

        let firstA = try a.sync(server)
        let firstB = try b.sync(server)
        let secondA = try a.sync(server)
        #expect(firstA.pushed > 0 && firstA.pulled == 0)
        #expect(firstB.pulled > 0)
        #expect(secondA.pulled > 0)

        // Each sees the other's session, event for event, in the right phase, found by search.
        #expect(try a.journal.events(of: sessionB) == b.journal.events(of: sessionB))
        #expect(try b.journal.events(of: sessionA) == a.journal.events(of: sessionA))
        #expect(try a.journal.unfinishedSessions().isEmpty)
        #expect(try a.journal.clientRecord(lee.id)?.client.name == lee.name)   // the NUL survives, through the record
        #expect(try b.journal.clientRecord(dana.id)?.client == dana)
        #expect(try a.journal.clients().map(\.id).sorted { $0.rawValue < $1.rawValue } == [dana.id, lee.id])
        #expect(try a.journal.sessionOwners()[sessionB] == "Lee")
        #expect(try b.journal.sessionOwners()[sessionA] == "Dana")
        #expect(try a.journal.sessionOwners()[sessionA] == nil)
        #expect(try b.count("SELECT count(*) FROM note_search WHERE text LIKE '%trapezius%'") == 1)

        // Both sides hold the same: nothing waits, nothing moves, no event twice on the server.
        let events = try a.count("SELECT count(*) FROM events")
        #expect(events == (try b.count("SELECT count(*) FROM events")))
        #expect(try serverCount(server, "SELECT count(*) FROM events") == events)
        let again = try b.sync(server)
        #expect(again.pushed == 0 && again.pulled == 0)
        #expect(try a.journal.localSyncStatus().waiting == 0)
        #expect(try b.journal.localSyncStatus().waiting == 0)
        #expect(try b.journal.localSyncStatus().lastSuccess != nil)
    }

    @Test("A batch sent again after a kill between the server's commit and the local cursor adds nothing")
    func pushIsIdempotent() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        for _ in 0..<3 { try a.treat(dana) }
        _ = try a.sync(server)
        let onServer = try serverCount(server, "SELECT count(*) FROM events")
        let positions = try serverValue(server, "SELECT max(position) FROM events")
        try a.journal.dbPool.write { db in try db.execute(sql: "UPDATE sync_cursors SET position = 0 WHERE name = 'push'") }

        let resent = try a.sync(server)
        #expect(resent.pushed > 0)
        #expect(resent.refused == 0)
        #expect(try a.journal.localSyncStatus().refused.isEmpty)
        #expect(try serverCount(server, "SELECT count(*) FROM events") == onServer)
        #expect(try serverValue(server, "SELECT max(position) FROM events") == positions)
        #expect(try a.journal.localSyncStatus().waiting == 0)
    }

    @Test("The connection dropping mid-push loses nothing and sends nothing twice; the next sync completes")
    func dropMidPush() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        for _ in 0..<4 { try a.treat(dana) }
        var batches = 0
        #expect {
            _ = try a.sync(server, batchSize: 7) {
                batches += 1
                if batches == 2 {
                    _ = try TestCluster.admin(server, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'knead' AND datname = current_database() AND pid <> pg_backend_pid()")
                }
            }
        } throws: { error in
            guard let sync = error as? SyncError else { return false }
            return sync.isOffline && sync.description.contains("Nothing is lost")
        }
        let status = try a.journal.localSyncStatus()
        #expect(status.waiting > 0)
        #expect(status.offlineSince != nil)
        #expect(try serverCount(server, "SELECT count(*) FROM events") > 0)

        _ = try a.sync(server, batchSize: 7)
        #expect(try a.journal.localSyncStatus().waiting == 0)
        #expect(try a.journal.localSyncStatus().offlineSince == nil)
        #expect(try serverCount(server, "SELECT count(*) FROM events") == (try a.count("SELECT count(*) FROM events")))
        _ = try b.sync(server, batchSize: 5)
        #expect(try b.count("SELECT count(*) FROM events") == (try a.count("SELECT count(*) FROM events")))
        #expect(try b.count("SELECT count(*) FROM sessions") == 4)
    }

    @Test("A server with a newer knead schema is refused with a message, and nothing is sent")
    func newerServerSchema() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        _ = try a.sync(server)
        _ = try TestCluster.admin(server, "INSERT INTO knead_schema (version, name) VALUES (99, 'v99-future')")
        try a.treat(dana)
        #expect(throws: SyncError.newerServerSchema(server: 99, known: ServerSchema.version)) { try a.sync(server) }
        #expect(SyncError.newerServerSchema(server: 99, known: 1).description.contains("Update knead on this machine"))
        #expect(try serverCount(server, "SELECT count(*) FROM events") == 0)
        #expect(try a.journal.localSyncStatus().waiting > 0)
    }

    @Test("The server locks what the local file locks: events and sessions cannot be changed, a signed session takes only amendments")
    func serverTriggers() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        let session = try a.treat(dana)
        _ = try a.sync(server)
        let member = try a.journal.kneadID()
        for sql in ["UPDATE events SET payload = '{}' WHERE session_id = '\(session)'",
                    "DELETE FROM events WHERE session_id = '\(session)'",
                    "UPDATE sessions SET client_name = 'x'",
                    "TRUNCATE events CASCADE"] {
            #expect(throws: SyncError.self) { _ = try TestCluster.admin(server, sql) }
        }
        // Even as the owner, nothing but an amendment follows a signature.
        let connection = try ClinicServerConnection(ServerAddress(server, source: .option))
        try connection.execute("BEGIN")
        try connection.query("SELECT set_config('knead.member', $1, true)", [member])
        #expect(throws: SyncError.server(state: "KN003", message: "signed session accepts only amendments")) {
            try connection.query("INSERT INTO events (session_id, seq, at, type, payload) VALUES ($1, 99, 0, 'noted', '{}')", [session.rawValue])
        }
        try connection.execute("ROLLBACK")
        #expect(try serverCount(server, "SELECT count(*) FROM events WHERE session_id = '\(session)'") == (try a.journal.events(of: session).count))
    }

    @Test("A session signed on one machine and changed by hand on another is refused by the server and kept apart there")
    func handChangeOnAnotherMachineRefused() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        let session = try a.treat(dana)
        _ = try a.sync(server)
        _ = try b.sync(server)
        let before = try serverCount(server, "SELECT count(*) FROM events")
        // Behind knead's back on B: an amendment appended by SQL to A's signed session.
        try b.journal.dbPool.write { db in
            try db.execute(sql: """
                INSERT INTO events (session_id, seq, at, type, payload)
                VALUES (?, 100, 0, 'amended', '{"amended":{"_0":{"by":"Lee","text":"changed"}}}')
                """, arguments: [session.rawValue])
        }
        let outcome = try b.sync(server)
        #expect(outcome.refused == 1)
        #expect(try serverCount(server, "SELECT count(*) FROM events") == before)
        let status = try b.journal.localSyncStatus()
        #expect(status.waiting == 0)
        #expect(status.refused.first?.contains("only by the knead that started it") == true)
        // A sync later does not send it again, and A's record is as A signed it.
        #expect(try b.sync(server).refused == 0)
        _ = try a.sync(server)
        #expect(try a.journal.events(of: session).count == before)
    }

    @Test("The same client edited on both machines offline: both versions survive, the newest shows, the client is flagged until a later save")
    func clientEditedApart() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        try a.journal.save(ClientRecord(client: dana, phone: "555 0100"))
        _ = try a.sync(server)
        _ = try b.sync(server)
        #expect(try b.journal.clientRecord(dana.id)?.phone == "555 0100")

        a.clock.advance(by: 600)
        b.clock.advance(by: 1_200)   // Lee's edit is the later one
        var onA = try #require(try a.journal.clientRecord(dana.id))
        onA.phone = "555 0111"
        try a.journal.save(onA)
        var onB = try #require(try b.journal.clientRecord(dana.id))
        onB.email = "noor@example.org"
        try b.journal.save(onB)
        _ = try a.sync(server)
        _ = try b.sync(server)
        _ = try a.sync(server)

        for machine in [a, b] {
            let shown = try #require(try machine.journal.clientRecord(dana.id))
            #expect(shown.email == "noor@example.org" && shown.phone == "555 0100")
            #expect(try machine.journal.recordVersions(of: dana.id).map(\.value.phone).contains("555 0111"))
            #expect(try machine.journal.clientsToReconcile() == [dana.id])
        }
        // Reconciled on A: a save merges both; once synced, neither machine flags the client.
        a.clock.advance(by: 3_600)
        var merged = try #require(try a.journal.clientRecord(dana.id))
        merged.phone = "555 0111"
        try a.journal.save(merged)
        _ = try a.sync(server)
        _ = try b.sync(server)
        #expect(try a.journal.clientsToReconcile().isEmpty)
        #expect(try b.journal.clientsToReconcile().isEmpty)
        #expect(try b.journal.clientRecord(dana.id)?.phone == "555 0111")
    }
}
