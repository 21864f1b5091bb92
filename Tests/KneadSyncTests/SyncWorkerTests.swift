import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

/// Turns connections to one test database off and on, as a server going away and coming back
/// does to one knead, without stopping the shared cluster.
struct DatabaseSwitch {
    let url: String
    var name: String { URLComponents(string: url)?.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) ?? "" }

    func allowConnections(_ allowed: Bool) throws {
        let admin = try TestPostgres.shared.get().adminURL
        _ = try TestCluster.admin(admin, "ALTER DATABASE \(name) ALLOW_CONNECTIONS \(allowed)")
        if !allowed {
            _ = try TestCluster.admin(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name])
        }
    }
}

@Suite("The background sync worker against a real PostgreSQL", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct SyncWorkerTests {
    let client = Client(id: ClientID("client-worker-1"), name: "Oona Pike", preferredName: nil)

    /// Times as the test names them: the moment of each step, so that the short text is exact.
    final class Moments: @unchecked Sendable {
        var names: [Date: String] = [:]
        func name(_ date: Date) -> String { names[date] ?? "?" }
    }

    @Test("The status moves from not synced to synced, to offline since the first failure with the reason and what waits, and back; what was written offline is pushed")
    func statusFollowsTheServer() throws {
        let server = try TestPostgres.freshDatabase()
        let power = DatabaseSwitch(url: server)
        let a = try Therapist("Dana")
        let moments = Moments()
        let worker = ClinicSyncWorker(journal: a.journal, address: try ServerAddress(server, source: .option),
                                      therapist: a.name, interval: 60, clock: a.clock)
        #expect(worker.status.state == .notYet)
        #expect(worker.status.shortText(time: moments.name) == "not synced yet")

        try a.treat(client)
        let first = a.clock.now()
        moments.names[first] = "14:02"
        #expect(worker.status.waiting == 0, "the status is a snapshot, taken at each sync")
        let synced = worker.tick()
        #expect(synced.state == .synced(at: first))
        #expect(synced.shortText(time: moments.name) == "synced 14:02")
        #expect(try serverCount(server, "SELECT count(*) FROM events") == (try a.count("SELECT count(*) FROM events")))

        // The server goes away; the therapist carries on.
        try power.allowConnections(false)
        defer { try? power.allowConnections(true) }
        try a.treat(client)
        a.clock.advance(by: 60)
        let wentAway = a.clock.now()
        moments.names[wentAway] = "13:40"
        let offline = worker.tick()
        guard case .offline(let since, let reason) = offline.state else {
            Issue.record("expected offline, got \(offline.state)")
            return
        }
        #expect(since == wentAway)
        #expect(reason.contains("Could not reach the clinic server") && reason.contains("Knead keeps working on this machine"))
        let waiting = try a.journal.syncWaiting()
        #expect(waiting > 0 && offline.waiting == waiting)
        #expect(offline.shortText(time: moments.name) == "offline since 13:40 · \(waiting) waiting")

        // Not due again before the interval (a failing server is not hammered), still offline since then after it.
        let tried = worker.attempts
        a.clock.advance(by: 30)
        #expect(worker.tick() == offline)
        // Written while offline: counted at once, not sent before the interval.
        try a.journal.append([SessionEvent(at: a.clock.now(), .started(SessionStart(client: client, plannedMinutes: 30)))],
                             to: SessionID.make())
        let more = worker.tick()
        #expect(more.waiting == (try a.journal.syncWaiting()) && more.waiting > offline.waiting)
        #expect(worker.attempts == tried, "a failing server is not tried again before the interval, writes or not")
        a.clock.advance(by: 30)
        #expect(worker.tick().state == .offline(since: wentAway, reason: reason))
        #expect(worker.attempts == tried + 1)

        // It comes back: the next due sync pushes what was written offline.
        try power.allowConnections(true)
        a.clock.advance(by: 60)
        let back = a.clock.now()
        let returned = worker.tick()
        #expect(returned.state == .synced(at: back))
        #expect(returned.waiting == 0)
        #expect(try serverCount(server, "SELECT count(*) FROM events") == (try a.count("SELECT count(*) FROM events")))
        #expect(try serverCount(server, "SELECT count(*) FROM sessions") == 3)
    }

    @Test("The reason is the failure's sentence: a server of a newer schema says to update knead")
    func statusSaysWhy() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        let worker = ClinicSyncWorker(journal: a.journal, address: try ServerAddress(server, source: .option),
                                      therapist: a.name, interval: 60, clock: a.clock)
        worker.tick()
        _ = try TestCluster.admin(server, "INSERT INTO knead_schema (version, name) VALUES (99, 'v99-future')")
        try a.treat(client)
        a.clock.advance(by: 60)
        #expect(worker.tick().reason?.contains("Update knead on this machine") == true)
    }

    @Test("Soon after the app writes, the worker syncs without waiting for the interval; a clock moved back does not stop it")
    func syncsAfterWrites() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        let worker = ClinicSyncWorker(journal: a.journal, address: try ServerAddress(server, source: .option),
                                      therapist: a.name, interval: 3_600, clock: a.clock)
        worker.tick()
        let before = try serverCount(server, "SELECT count(*) FROM events")
        a.clock.advance(by: 1)
        let tried = worker.attempts
        #expect(worker.tick().state == .synced(at: a.clock.now().addingTimeInterval(-1)), "nothing written, not due")
        #expect(worker.attempts == tried)
        try a.treat(client)
        #expect(try a.journal.syncWaiting() > 0)
        let after = worker.tick()
        #expect(after.waiting == 0)
        #expect(try serverCount(server, "SELECT count(*) FROM events") > before)

        // A write within five seconds of the last sync waits for them; then it goes.
        let tried2 = worker.attempts
        a.clock.advance(by: 2)
        try a.journal.append([SessionEvent(at: a.clock.now(), .started(SessionStart(client: client, plannedMinutes: 30)))],
                             to: SessionID.make())
        let meanwhile = worker.tick()
        #expect(worker.attempts == tried2, "not yet: a sync ran two seconds ago")
        #expect(meanwhile.waiting == (try a.journal.syncWaiting()) && meanwhile.waiting > 0, "the count follows the writes")
        a.clock.advance(by: 3)
        #expect(worker.tick().waiting == 0 && worker.attempts == tried2 + 1)
        #expect(try a.journal.syncWaiting() == 0)

        a.clock.advance(by: -86_400)   // someone sets the clock a day back
        let earlier = a.clock.now()
        #expect(worker.tick().state == .synced(at: earlier))
    }

    @Test("On its own thread: started, it pushes what the app writes while the caller goes on; stopped, it stops")
    func backgroundThread() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        let worker = ClinicSyncWorker(journal: a.journal, address: try ServerAddress(server, source: .option),
                                      therapist: a.name, interval: 3_600, clock: a.clock, poll: 0.05)
        worker.start()
        // Stopped however the test ends: a worker left running reads a journal already closed.
        defer { worker.stop() }
        for _ in 0..<3 { try a.treat(client) }   // the "app" writes on this thread meanwhile
        let local = try a.count("SELECT count(*) FROM events")
        var waited = 0
        // Until the worker's first sync has made the server's tables, there is nothing to count.
        while ((try? serverCount(server, "SELECT count(*) FROM events")) ?? 0) < local || worker.status.waiting > 0, waited < 1_200 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 1
        }
        worker.stop()
        #expect(try serverCount(server, "SELECT count(*) FROM events") == local)
        #expect(worker.status.waiting == 0)
        // Stopped: what is written now stays here until the next sync.
        try a.treat(client)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try serverCount(server, "SELECT count(*) FROM events") == local)
    }
}
