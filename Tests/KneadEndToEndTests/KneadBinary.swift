import Foundation
import KneadCore
import KneadStore
import Testing

/// The built `knead` binary and a private home to run it in.
struct KneadBinary {
    static let therapist = "Sam Rivera"

    /// `knead` beside the test bundle, in `.build/<triple>/debug/`.
    static func path() throws -> String {
        if let override = ProcessInfo.processInfo.environment["KNEAD_BINARY"] { return override }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: me).deletingLastPathComponent()
        // On Linux the bundle is an executable `KneadPackageTests.xctest` in the build folder;
        // elsewhere it may be a directory a few levels down.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("knead").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw DriverError("""
            The knead binary was not found beside the test bundle (\(me)). \
            Run `swift build` first (swift test builds it too), or set KNEAD_BINARY.
            """)
    }

    /// A temporary home, removed when the test ends.
    let home: URL
    var dataDir: URL { home.appendingPathComponent("data") }

    init() throws {
        home = FileManager.default.temporaryDirectory
            .appendingPathComponent("knead-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func removeHome() { try? FileManager.default.removeItem(at: home) }

    /// A clean environment: nothing from the developer's own shell leaks in.
    func environment(term: String = "xterm-256color") -> [String: String] {
        [
            "TERM": term,
            "LANG": "C.UTF-8",
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("xdg-data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("xdg-config").path,
            "XDG_STATE_HOME": home.appendingPathComponent("xdg-state").path,
            "XDG_CACHE_HOME": home.appendingPathComponent("xdg-cache").path,
            "KNEAD_THERAPIST": Self.therapist,
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "TZ": ProcessInfo.processInfo.environment["TZ"] ?? "UTC",
        ]
    }

    /// Starts `knead --data-dir <dataDir>` on a 100x30 pseudo-terminal.
    func start(_ arguments: [String]? = nil, term: String = "xterm-256color",
               extraEnvironment: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal(executable: Self.path(), arguments: arguments ?? ["--data-dir", dataDir.path],
                           environment: environment(term: term).merging(extraEnvironment) { $1 })
    }

    /// Runs knead to completion without a terminal; stdin from /dev/null, stdout and stderr pipes.
    func runPiped(_ arguments: [String], term: String = "xterm-256color", extraEnvironment: [String: String] = [:],
                  timeout: TimeInterval = 20) throws -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.path())
        process.arguments = arguments
        process.environment = environment(term: term).merging(extraEnvironment) { $1 }
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end (the child's exit closes them), then reap.
        let readers = DispatchGroup()
        nonisolated(unsafe) var outBytes = Data(), errBytes = Data()
        DispatchQueue.global().async(group: readers) { outBytes = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { errBytes = err.fileHandleForReading.readDataToEndOfFile() }
        if readers.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw DriverError("knead \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return (process.terminationStatus, Array(outBytes), Array(errBytes))
    }

    /// Opens the database the runs wrote, for reading it back.
    func openJournal() throws -> SQLiteJournal {
        try SQLiteJournal.open(folder: dataDir)
    }
}
