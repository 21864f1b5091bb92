import Foundation
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync
#if canImport(Glibc)
import Glibc
#endif

/// The built `knead` on a pseudo-terminal, its screen output read back as bytes.
final class KneadOnATerminal {
    let process = Process()
    private var master: Int32 = -1
    private(set) var output = ""

    init(_ arguments: [String], environment: [String: String]) throws {
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw SyncTestFailure("openpty failed") }
        process.executableURL = URL(fileURLWithPath: try builtKnead())
        process.arguments = arguments
        process.environment = environment
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        close(slave)
    }

    /// Reads the terminal until its output holds `text`, or `seconds` pass; whether it did.
    func wait(for text: String, seconds: Double) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.contains(text) { return true }
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 100) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            output += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return output.contains(text)
    }

    func quit() {
        for _ in 0..<20 where process.isRunning {
            var keys: [UInt8] = [27, 113]   // Esc, then q
            _ = write(master, &keys, keys.count)
            _ = wait(for: "\u{0}never", seconds: 0.2)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        close(master)
    }
}

@Suite("The app syncs in the background when a clinic server is configured", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct AppSyncEndToEndTests {
    let client = Client(id: ClientID("client-app-1"), name: "Mara Quist", preferredName: nil)

    func environment(_ machine: Therapist, server: String) -> [String: String] {
        ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": machine.folder.path, "PATH": "/usr/bin:/bin",
         "XDG_CONFIG_HOME": machine.folder.appendingPathComponent("config").path, "TZ": "UTC",
         "KNEAD_THERAPIST": machine.name, "KNEAD_CLINIC_SERVER": server]
    }

    @Test("knead run with KNEAD_CLINIC_SERVER pushes the practice from its worker and says \"synced\" in the title bar")
    func runSyncs() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        try a.treat(client)
        let local = try a.count("SELECT count(*) FROM events")
        try a.journal.close()
        let app = try KneadOnATerminal(["run", "--data-dir", a.folder.path], environment: environment(a, server: server))
        defer { app.quit() }
        #expect(app.wait(for: "synced ", seconds: 60), "the title bar says synced")
        #expect(try serverCount(server, "SELECT count(*) FROM events") == local)
        #expect(try serverValue(server, "SELECT therapist FROM knead_members") == "Dana")
    }

    @Test("knead demo never syncs its sample practice, even with a clinic server configured")
    func demoDoesNotSync() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana")
        let app = try KneadOnATerminal(["demo"], environment: environment(a, server: server))
        #expect(app.wait(for: "Today", seconds: 30))
        #expect(!app.wait(for: "synced", seconds: 3))
        app.quit()
        #expect(try serverValue(server, "SELECT to_regclass('knead_schema')::text") == nil)
    }
}
