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
        let fixed: [String: String] = [
            "TERM": term,
            "LANG": "C.UTF-8",
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("xdg-data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("xdg-config").path,
            "XDG_STATE_HOME": home.appendingPathComponent("xdg-state").path,
            "XDG_CACHE_HOME": home.appendingPathComponent("xdg-cache").path,
            "KNEAD_THERAPIST": Self.therapist,
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            // The fixtures' times are in UTC; the machine's own zone (the suite also runs under other
            // zones and dates in CI) must not change what a run prints.
            "TZ": "UTC",
        ]
        // Under faketime (CI runs the suite at other dates) only the test process is moved: knead
        // itself runs on its own clock (KNEAD_DEV_CLOCK where a test needs a date), and libfaketime
        // in knead would change what is under test (it opens files of its own, even on a closed
        // standard output).
        return fixed
    }

    /// Starts `knead --data-dir <dataDir>` on a 100x30 pseudo-terminal.
    func start(_ arguments: [String]? = nil, term: String = "xterm-256color",
               extraEnvironment: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal(executable: Self.path(), arguments: arguments ?? ["--data-dir", dataDir.path],
                           environment: environment(term: term).merging(extraEnvironment) { $1 })
    }

    /// Runs knead to completion without a terminal; stdin from /dev/null, stdout and stderr pipes.
    func runPiped(_ arguments: [String], term: String = "xterm-256color", timeout: TimeInterval = 20,
                  extraEnvironment: [String: String] = [:]) throws -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.path())
        process.arguments = arguments
        process.environment = environment(term: term).merging(extraEnvironment) { $1 }
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while knead runs, and drain them once it has exited. Waiting for the
        // pipes' end-of-file instead is not enough: a pty child that another test spawns at the
        // same moment can inherit the write ends and hold them open long after this run ended.
        let outFD = out.fileHandleForReading.fileDescriptor, errFD = err.fileHandleForReading.fileDescriptor
        for fd in [outFD, errFD] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var outBytes = [UInt8](), errBytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        /// Reads what is there now; false once the pipe has nothing more for the moment.
        func drain(_ fd: Int32, into bytes: inout [UInt8]) {
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count > 0 { bytes += buffer[0..<count] } else if count < 0, errno == EINTR { continue } else { return }
            }
        }
        let deadline = DispatchTime.now() + timeout
        while process.isRunning {
            if DispatchTime.now() > deadline {
                process.terminate()
                throw DriverError("knead \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
            }
            var fds = [pollfd(fd: outFD, events: Int16(POLLIN), revents: 0), pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 2, 20)
            drain(outFD, into: &outBytes)
            drain(errFD, into: &errBytes)
        }
        process.waitUntilExit()
        drain(outFD, into: &outBytes)
        drain(errFD, into: &errBytes)
        return (process.terminationStatus, outBytes, errBytes)
    }

    /// Opens the database the runs wrote, for reading it back.
    func openJournal() throws -> SQLiteJournal {
        try SQLiteJournal.open(folder: dataDir, clock: testClock())
    }
}
