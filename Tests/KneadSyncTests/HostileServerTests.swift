import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

/// Whether a private cluster can be started here (PostgreSQL's binaries, and root for runuser).
let canStartCluster = FileManager.default.isExecutableFile(atPath: "\(TestPostgres.binaries)/initdb") && getuid() == 0
    || ProcessInfo.processInfo.environment["CI"] != nil

@Suite("Clinic sync when the server misbehaves", .enabled(if: canStartCluster, Comment(rawValue: TestPostgres.skipMessage)))
struct HostileServerTests {
    let client = Client(id: ClientID("client-hostile-1"), name: "Mara Quist", preferredName: nil)

    @Test("The server stopped: the sync says so, knead keeps recording, and after a restart the sync completes")
    func serverStoppedAndRestarted() throws {
        let cluster = try TestCluster.start()
        defer { cluster.remove() }
        let server = try cluster.freshDatabase()
        let a = try Therapist("Dana")
        try a.treat(client)
        _ = try a.sync(server)

        cluster.stopServer()
        try a.treat(client)
        #expect {
            _ = try a.sync(server)
        } throws: { error in
            guard let sync = error as? SyncError else { return false }
            return sync.isOffline && sync.description.contains("Knead keeps working on this machine")
        }
        let offline = try a.journal.localSyncStatus()
        #expect(offline.offlineSince == a.clock.now())
        #expect(offline.waiting > 0)
        a.clock.advance(by: 300)
        #expect(throws: SyncError.self) { _ = try a.sync(server) }
        #expect(try a.journal.localSyncStatus().offlineSince == offline.offlineSince)   // since the first failure

        try cluster.startServer()
        _ = try a.sync(server)
        #expect(try a.journal.localSyncStatus().waiting == 0)
        #expect(try a.journal.localSyncStatus().offlineSince == nil)
        #expect(try serverCount(server, "SELECT count(*) FROM events") == (try a.count("SELECT count(*) FROM events")))
    }

    @Test("A wrong password is refused with a sentence that names neither password; the right one from a pgpass file works")
    func wrongPassword() throws {
        let cluster = try TestCluster.start(tcp: true, password: "right-horse-battery")
        defer { cluster.remove() }
        let a = try Therapist("Dana")
        let passfile = a.folder.appendingPathComponent("pgpass")
        try "127.0.0.1:\(cluster.port):*:knead:wrong-staple\n".write(to: passfile, atomically: true, encoding: .utf8)
        chmod(passfile.path, 0o600)
        let url = "postgresql://knead@127.0.0.1:\(cluster.port)/postgres?passfile=\(passfile.path)&sslmode=disable"
        var message = ""
        #expect {
            _ = try a.sync(url)
        } throws: { error in
            message = "\(error)"
            return (error as? SyncError)?.isOffline == false
        }
        #expect(message.contains("refused the login"))
        #expect(message.contains("~/.pgpass"))
        #expect(!message.contains("wrong-staple") && !message.contains("right-horse"))

        try "127.0.0.1:\(cluster.port):*:knead:right-horse-battery\n".write(to: passfile, atomically: true, encoding: .utf8)
        chmod(passfile.path, 0o600)
        try a.treat(client)
        _ = try a.sync(url)
        #expect(try a.journal.localSyncStatus().waiting == 0)
    }

    @Test("kill -9 of knead sync at any moment, then a sync that completes: nothing lost, nothing twice")
    func killNineDuringSync() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        for _ in 0..<40 { try a.treat(client) }
        let binary = try kneadBinary()
        for delay in [0.02, 0.05, 0.08, 0.12, 0.2, 0.3] {
            let process = try startSync(binary, a, server)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let last = try startSync(binary, a, server)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(try a.journal.localSyncStatus().waiting == 0)
        #expect(try a.journal.localSyncStatus().refused.isEmpty)
        let local = try a.count("SELECT count(*) FROM events")
        #expect(try serverCount(server, "SELECT count(*) FROM events") == local)
        #expect(try serverCount(server, "SELECT count(*) FROM sessions") == 40)

        // The other machine pulls, killed as well, then once more to the end.
        for delay in [0.03, 0.1, 0.2] {
            let process = try startSync(binary, b, server)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let pull = try startSync(binary, b, server)
        pull.waitUntilExit()
        #expect(pull.terminationStatus == 0)
        #expect(try b.count("SELECT count(*) FROM events") == local)
        #expect(try b.count("SELECT count(*) FROM note_search") == (try a.count("SELECT count(*) FROM note_search")))
    }

    private func startSync(_ binary: String, _ therapist: Therapist, _ server: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["sync", "--server", server, "--data-dir", therapist.folder.path, "--therapist", therapist.name]
        process.environment = ["HOME": therapist.folder.path, "PATH": "/usr/bin:/bin",
                               "XDG_CONFIG_HOME": therapist.folder.appendingPathComponent("config").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// `knead` beside the test bundle in the build folder.
    private func kneadBinary() throws -> String {
        if let override = ProcessInfo.processInfo.environment["KNEAD_BINARY"] { return override }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: me).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("knead").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw SyncTestFailure("The knead binary was not found beside the test bundle; run swift build first or set KNEAD_BINARY.")
    }
}
