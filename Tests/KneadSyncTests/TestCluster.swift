import Foundation
import Testing
@testable import KneadSync

/// A real PostgreSQL for the tests: the cluster `.ci/run` starts (`KNEAD_TEST_POSTGRES`), else a
/// throwaway one started here when PostgreSQL's binaries are installed, else none: the tests
/// are then skipped with a message, except under CI, where they fail.
enum TestPostgres {
    static let binaries = "/usr/lib/postgresql/15/bin"
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether the PostgreSQL tests can run here (always true under CI: they must run there).
    static var available: Bool {
        environment["KNEAD_TEST_POSTGRES"] != nil || environment["CI"] != nil
            || (FileManager.default.isExecutableFile(atPath: "\(binaries)/initdb") && getuid() == 0)
    }

    static let skipMessage = """
        PostgreSQL tests skipped: set KNEAD_TEST_POSTGRES to a cluster (see README, Clinic sync), \
        or install PostgreSQL 15 (apt-get install postgresql) and run the tests as root.
        """

    /// The shared cluster for this test process, started on first use.
    static let shared: Result<TestCluster, TestClusterError> = {
        if let url = environment["KNEAD_TEST_POSTGRES"] { return .success(TestCluster(adminURL: url, folder: nil)) }
        return Result {
            let cluster = try TestCluster.start()
            // Stopped at exit: the folder goes through the environment, as a C exit handler captures nothing.
            setenv("KNEAD_TEST_PG_FOLDER", cluster.folder?.path ?? "", 1)
            atexit {
                guard let folder = getenv("KNEAD_TEST_PG_FOLDER").map({ String(cString: $0) }), !folder.isEmpty else { return }
                TestCluster(adminURL: "", folder: URL(fileURLWithPath: folder)).stopServer()
                try? FileManager.default.removeItem(atPath: folder)
            }
            return cluster
        }.mapError { TestClusterError("\($0)") }
    }()

    /// A fresh, empty database on the shared cluster, as a libpq URL.
    static func freshDatabase() throws -> String {
        try shared.get().freshDatabase()
    }
}

struct TestClusterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A PostgreSQL cluster: one the environment names, or a throwaway one in a temporary folder.
final class TestCluster: @unchecked Sendable {
    let adminURL: String
    /// The folder of a throwaway cluster (removed with it), nil for one the environment names.
    let folder: URL?
    let port: Int

    init(adminURL: String, folder: URL?, port: Int = 0) {
        self.adminURL = adminURL
        self.folder = folder
        self.port = port
    }

    /// Starts a throwaway cluster, as PLATFORM-NOTES.md and `.ci/run` do: initdb as `postgres`,
    /// trust authentication, a socket folder of its own, no TCP. It is stopped when the test
    /// process exits.
    static func start(tcp: Bool = false) throws -> TestCluster {
        try start(tcp: tcp, password: nil)
    }

    /// A throwaway cluster; with `password`, TCP logins on 127.0.0.1 need it (SCRAM).
    static func start(tcp: Bool, password: String?) throws -> TestCluster {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sock"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pg"), withIntermediateDirectories: true)
        chmod(folder.path, 0o755)
        try run("/bin/chown", ["postgres", folder.appendingPathComponent("pg").path, folder.appendingPathComponent("sock").path])
        try runAsPostgres("\(TestPostgres.binaries)/initdb", ["-D", folder.appendingPathComponent("pg").path, "-U", "knead", "--no-sync", "--auth-local=trust",
                                                               "--auth-host=\(password == nil ? "trust" : "scram-sha-256")"])
        let port = 20_000 + Int(getpid() % 20_000) + Int.random(in: 0..<500)
        let cluster = TestCluster(adminURL: "postgresql://knead@/postgres?host=\(folder.appendingPathComponent("sock").path)&port=\(port)",
                                  folder: folder, port: port)
        try cluster.startServer(tcp: tcp || password != nil)
        if let password {
            let connection = try ClinicServerConnection(ServerAddress(cluster.adminURL, source: .option))
            try connection.query("SET password_encryption = 'scram-sha-256'")
            try connection.execute("ALTER ROLE knead PASSWORD '\(password)'")
        }
        return cluster
    }

    func startServer(tcp: Bool = false) throws {
        guard let folder else { return }
        let listen = tcp ? "127.0.0.1" : "''"
        try Self.runAsPostgres("\(TestPostgres.binaries)/pg_ctl", [
            "-D", folder.appendingPathComponent("pg").path, "-l", folder.appendingPathComponent("pg/server.log").path,
            "-o", "-p \(port) -k \(folder.appendingPathComponent("sock").path) -c listen_addresses=\(listen) -c fsync=off",
            "start", "-w"])
    }

    /// Stops a throwaway cluster and removes its folder.
    func remove() {
        stopServer()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func stopServer() {
        guard let folder else { return }
        try? Self.runAsPostgres("\(TestPostgres.binaries)/pg_ctl", ["-D", folder.appendingPathComponent("pg").path, "stop", "-m", "immediate", "-w"])
    }

    /// A new empty database, as a URL.
    func freshDatabase() throws -> String {
        let name = "knead_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try ClinicServerConnection(ServerAddress(adminURL, source: .option))
        try admin.execute("CREATE DATABASE \(name)")
        guard var url = URLComponents(string: adminURL) else { throw TestClusterError("KNEAD_TEST_POSTGRES is not a URL") }
        url.path = "/\(name)"
        guard let text = url.string else { throw TestClusterError("KNEAD_TEST_POSTGRES is not a URL") }
        return text
    }

    /// Runs SQL on a database as the cluster's superuser.
    static func admin(_ url: String, _ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        try ClinicServerConnection(ServerAddress(url, source: .option)).query(sql, parameters)
    }

    /// Runs a program through `system()`, its output in a file. Not Foundation's `Process`: the
    /// server `pg_ctl` starts inherits the descriptors `Process` watches, and its wait never ends.
    static func run(_ executable: String, _ arguments: [String]) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("knead-pg-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: log) }
        let command = ([executable] + arguments).map(quoted).joined(separator: " ") + " >\(quoted(log.path)) 2>&1 </dev/null"
        let status = system(command)
        guard status == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw TestClusterError("\(executable) failed (\(status)): \(text)")
        }
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func runAsPostgres(_ executable: String, _ arguments: [String]) throws {
        try run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
    }
}
