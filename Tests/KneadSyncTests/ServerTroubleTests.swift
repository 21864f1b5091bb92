import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

/// A small file system for one tablespace: a tmpfs mounted here (root can), so that the server's
/// disk fills for real. Where mounting is not allowed, nil.
final class SmallDisk {
    let path: String
    private(set) var mounted = false

    init?(in folder: URL, kilobytes: Int) {
        path = folder.appendingPathComponent("small-disk").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard (try? TestCluster.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path])) != nil,
              (try? TestCluster.run("/bin/chown", ["postgres", path])) != nil else { return nil }
        mounted = true
    }

    /// Gives the file system more room, as the clinic's IT would free space.
    func grow(toKilobytes kilobytes: Int) throws {
        try TestCluster.run("/bin/mount", ["-o", "remount,size=\(kilobytes)k", path])
    }

    func unmount() {
        if mounted { try? TestCluster.run("/bin/umount", [path]) }
        mounted = false
    }
}

@Suite("Clinic sync with a full server disk or a clock that is off", .enabled(if: canStartCluster, Comment(rawValue: TestPostgres.skipMessage)))
struct ServerTroubleTests {
    let client = Client(id: ClientID("client-trouble-1"), name: "Ida Varga", preferredName: nil)

    /// Every (session, seq) on the server once, and the same rows as the machine holds.
    func expectSameEvents(_ server: String, _ machine: Therapist) throws {
        #expect(try serverCount(server, "SELECT count(*) FROM events") == (try machine.count("SELECT count(*) FROM events")))
        #expect(try serverCount(server, "SELECT count(DISTINCT (session_id, seq)) FROM events") == (try serverCount(server, "SELECT count(*) FROM events")))
        let local = try machine.journal.dbPool.read { db in
            try String.fetchAll(db, sql: "SELECT session_id || ':' || seq || ':' || payload FROM events ORDER BY session_id, seq")
        }
        let remote = try TestCluster.admin(server, "SELECT session_id || ':' || seq || ':' || payload FROM events ORDER BY session_id, seq")
            .compactMap { $0.first ?? nil }
        #expect(local == remote)
    }

    /// The server's disk fills during a push: a real "No space left on device" from PostgreSQL
    /// (SQLSTATE 53100) on a tmpfs of 128 kB holding the events table. Where this machine does
    /// not allow mounting a tmpfs, the same SQLSTATE is raised by a trigger instead (the test says
    /// which in its output), so that the behaviour is still proved.
    @Test("A full server disk: the push fails with a sentence, loses nothing, sends nothing twice; once space is freed the next sync completes")
    func fullServerDisk() throws {
        let cluster = try TestCluster.start()
        let folder = try #require(cluster.folder)
        let disk = SmallDisk(in: folder, kilobytes: 128)
        defer {
            cluster.stopServer()
            disk?.unmount()
            cluster.remove()
        }
        let server = try cluster.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        try a.treat(client)
        _ = try a.sync(server)
        if let disk {
            _ = try TestCluster.admin(server, "CREATE TABLESPACE small_disk LOCATION '\(disk.path)'")
            _ = try TestCluster.admin(server, "ALTER TABLE events SET TABLESPACE small_disk")
        } else {
            print("fullServerDisk: no tmpfs here; SQLSTATE 53100 comes from a trigger")
            _ = try TestCluster.admin(server, """
                CREATE TABLE disk_is_full (only int);
                INSERT INTO disk_is_full VALUES (1);
                CREATE FUNCTION fill_disk() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT count(*) FROM events) > 200 AND EXISTS (SELECT 1 FROM disk_is_full) THEN
                        RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = 'could not extend file: No space left on device';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER fill_disk BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fill_disk();
                """)
        }
        for _ in 0..<80 { try a.treat(client) }
        let local = try a.count("SELECT count(*) FROM events")

        var message = ""
        #expect {
            _ = try a.sync(server, batchSize: 60)
        } throws: { error in
            message = "\(error)"
            if case .server(let state, _) = error as? SyncError { return state == "53100" }
            return false
        }
        #expect(message.contains("The clinic server's disk is full") && message.contains("Nothing is lost here"))
        #expect(!message.contains("Ida Varga"))
        let onServer = try serverCount(server, "SELECT count(*) FROM events")
        #expect(onServer > 0 && onServer < local, "some pages went in before the disk filled")
        #expect(try serverCount(server, "SELECT count(DISTINCT (session_id, seq)) FROM events") == onServer)
        #expect(try a.count("SELECT count(*) FROM events") == local, "nothing lost here")
        let status = ClinicSyncStatus(try a.journal.localSyncStatus())
        #expect(status.reason?.contains("disk is full") == true)
        #expect(status.waiting > 0)
        let printed = try syncStatusOutput(a)
        #expect(printed.contains("Last problem: The clinic server's disk is full"), "\(printed)")
        #expect(printed.contains("Offline since: "))

        // A second try on the full disk fails the same way and adds nothing.
        #expect(throws: SyncError.self) { _ = try a.sync(server, batchSize: 60) }
        #expect(try serverCount(server, "SELECT count(*) FROM events") == onServer)

        // The clinic's IT frees space; the next sync completes, with nothing twice.
        if let disk { try disk.grow(toKilobytes: 16_384) } else { _ = try TestCluster.admin(server, "DELETE FROM disk_is_full") }
        _ = try a.sync(server, batchSize: 60)
        #expect(try a.journal.localSyncStatus().waiting == 0)
        #expect(try a.journal.localSyncStatus().offlineSince == nil)
        try expectSameEvents(server, a)
        _ = try b.sync(server)
        #expect(try b.count("SELECT count(*) FROM events") == local)
    }

    @Test("A clock that is off: the sync works, says by how much and what to do; a clock jumping back and forth loses and doubles nothing")
    func clockThatIsOff() throws {
        let server = try TestPostgres.freshDatabase()
        let serverNow = Double(try serverValue(server, "SELECT extract(epoch FROM clock_timestamp())::float8") ?? "") ?? 0
        let a = try Therapist("Dana", at: Date(timeIntervalSince1970: serverNow - 3 * 3_600))   // three hours behind
        let b = try Therapist("Lee", at: Date(timeIntervalSince1970: serverNow))
        try a.treat(client)
        let behind = try a.sync(server)
        #expect(behind.clockNotice?.contains("3 hours behind the clinic server's") == true)
        #expect(behind.clockNotice?.contains("set the clock") == true)

        // The clock jumps a day ahead, then back before the first session, between syncs.
        a.clock.advance(by: 27 * 3_600)
        try a.treat(client)
        let ahead = try a.sync(server)
        #expect(ahead.clockNotice?.contains("ahead of the clinic server's") == true)
        a.clock.advance(by: -2 * 86_400)
        try a.treat(client)
        _ = try a.sync(server)
        try expectSameEvents(server, a)
        #expect(try serverCount(server, "SELECT count(*) FROM sessions") == 3)

        // The worker shows the notice; a machine on the right time gets none, and pulls everything.
        let worker = ClinicSyncWorker(journal: a.journal, address: try ServerAddress(server, source: .option),
                                      therapist: a.name, interval: 60, clock: a.clock)
        #expect(worker.syncOnce().clockNotice?.contains("behind") == true)
        #expect(try b.sync(server).clockNotice == nil)
        #expect(try b.count("SELECT count(*) FROM events") == (try a.count("SELECT count(*) FROM events")))
        #expect(try b.journal.localSyncStatus().waiting == 0)
    }
}
