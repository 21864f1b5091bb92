import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
enum ProcessEnd: Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    init(waitStatus status: Int32) {
        let signal = status & 0x7F
        self = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signalled(let signal): "killed by signal \(signal)"
        }
    }
}

/// Errors of the driver itself (not of the program under test).
struct DriverError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A program running on the slave side of a pseudo-terminal, with its output read back
/// continuously into a raw byte log and an emulated screen.
final class PseudoTerminal: @unchecked Sendable {
    /// The keys the tests press, as an xterm in keypad (application) mode sends them.
    enum Key: String {
        case enter = "\r"
        case escape = "\u{1B}"
        case tab = "\t"
        case backTab = "\u{1B}[Z"
        case backspace = "\u{7F}"
        case space = " "
        case up = "\u{1B}OA"
        case down = "\u{1B}OB"
        case left = "\u{1B}OD"
        case f2 = "\u{1B}OQ"
        case f3 = "\u{1B}OR"
        case ctrlC = "\u{03}"
    }

    let pid: pid_t
    let columns: Int
    let rows: Int
    private let master: Int32
    private let slave: Int32
    private let output: OutputLog
    private let reader: Thread
    private var status: ProcessEnd?

    /// Starts `executable` with `arguments` on a new pseudo-terminal of `columns` x `rows`,
    /// as session leader with the terminal as its controlling terminal.
    init(executable: String, arguments: [String], environment: [String: String],
         columns: Int = 100, rows: Int = 30) throws {
        self.columns = columns
        self.rows = rows
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        var masterFD: Int32 = -1, slaveFD: Int32 = -1
        guard openpty(&masterFD, &slaveFD, nil, nil, &size) == 0 else {
            throw DriverError("openpty failed: \(String(cString: strerror(errno)))")
        }
        _ = ioctl(masterFD, UInt(TIOCSWINSZ), &size)
        // Neither end leaks into the child except as the dup2 copies on 0, 1, 2.
        _ = fcntl(masterFD, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slaveFD, F_SETFD, FD_CLOEXEC)
        // ttyname_r, not ttyname: ttyname's static buffer is shared by every thread, and tests run
        // in parallel; a child given another test's terminal would read that test's keys.
        var name = [CChar](repeating: 0, count: 256)
        let slavePath: String? = ttyname_r(slaveFD, &name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let slavePath {
            // Opened after setsid and without O_NOCTTY: it becomes the controlling terminal.
            posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, slaveFD, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setsid: Int16 = 0x80 // POSIX_SPAWN_SETSID on glibc
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGPIPE, SIGWINCH, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, setsid | Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            close(masterFD)
            close(slaveFD)
            throw DriverError("posix_spawn \(executable) failed: \(String(cString: strerror(spawned)))")
        }
        pid = child
        master = masterFD
        // The parent keeps its slave descriptor open so the master never reports EIO and no
        // output written just before the child exits is lost.
        slave = slaveFD
        let log = OutputLog(columns: columns, rows: rows)
        output = log
        reader = Thread { [masterFD] in PseudoTerminal.readLoop(master: masterFD, into: log) }
        reader.name = "pty reader \(child)"
        reader.start()
    }

    deinit {
        terminate()
        output.stop()
        while !output.readerFinished { usleep(1_000) }
        close(master)
        close(slave)
    }

    private static func readLoop(master: Int32, into log: OutputLog) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !log.isStopping {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, 50)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            if ready == 0 { continue }
            // Busy from before the read until its bytes are in the log, so a drain never sees the
            // terminal empty while a chunk is in this thread's hands only.
            log.setReading(true)
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                log.append(buffer[0..<count])
                log.setReading(false)
            } else if count < 0, errno == EINTR || errno == EAGAIN {
                log.setReading(false)
                continue
            } else {
                log.setReading(false)
                break
            }
        }
        log.finishReading()
    }

    // MARK: Input

    func send(_ text: String) throws { try send(bytes: Array(text.utf8)) }

    /// Sends raw bytes, which need not be UTF-8.
    func send(bytes: [UInt8]) throws {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw DriverError("writing to the terminal failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    func send(key: Key) throws { try send(key.rawValue) }

    /// Gives the terminal a new size, as a window manager would, and tells the program (the kernel
    /// signals the foreground group too; the extra SIGWINCH makes a storm stormier).
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        kill(SIGWINCH)
    }

    // MARK: Output

    /// Every byte the program wrote so far, escape sequences included.
    var rawOutput: [UInt8] { output.raw }

    /// The emulated screen, one string per row.
    var screenLines: [String] { output.screenLines }

    var screenText: String { screenLines.joined(separator: "\n") }

    /// Waits until the screen satisfies `condition`; throws with the screen as it was on timeout.
    @discardableResult
    func waitForScreen(_ what: String, timeout: TimeInterval = 15,
                       _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        return try output.wait(until: deadline, condition) ?? {
            throw DriverError("""
                timed out after \(timeout) s waiting for \(what); \(currentStatusText()). Screen:
                \(screenText)
                """)
        }()
    }

    /// Waits until `text` shows anywhere on the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> [String] {
        try waitForScreen("\"\(text)\"", timeout: timeout) { lines in lines.contains { $0.contains(text) } }
    }

    /// Waits until `text` shows on the screen `count` times or more.
    func waitFor(_ text: String, count: Int, timeout: TimeInterval = 15) throws {
        try waitForScreen("\(count) × \"\(text)\"", timeout: timeout) { lines in
            lines.reduce(0) { $0 + $1.components(separatedBy: text).count - 1 } >= count
        }
    }

    /// The row holding `text`, if one does.
    func line(containing text: String) -> String? { screenLines.first { $0.contains(text) } }

    // MARK: Process

    private func currentStatusText() -> String {
        if let status { return "the program ended with \(status)" }
        var raw: Int32 = 0
        if waitpid(pid, &raw, WNOHANG) == pid {
            status = ProcessEnd(waitStatus: raw)
            return "the program ended with \(status!)"
        }
        return "the program is still running"
    }

    /// Waits for the program to end and returns how it ended; throws on timeout.
    func waitForExit(timeout: TimeInterval = 15) throws -> ProcessEnd {
        if let status { return status }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                let end = ProcessEnd(waitStatus: raw)
                status = end
                output.drain(from: master)
                return end
            }
            if result < 0, errno != EINTR { throw DriverError("waitpid failed: \(String(cString: strerror(errno)))") }
            if Date() >= deadline {
                throw DriverError("timed out after \(timeout) s waiting for the program to exit. Screen:\n\(screenText)")
            }
            usleep(5_000)
        }
    }

    /// The terminal's modes as the program left them (the pseudo-terminal's settings, read on its master side).
    func terminalModes() -> termios? {
        var modes = termios()
        return tcgetattr(master, &modes) == 0 ? modes : nil
    }

    func kill(_ signal: Int32) {
        guard status == nil else { return }
        _ = Glibc.kill(pid, signal)
    }

    /// Kills the program if it still runs and reaps it.
    func terminate() {
        guard status == nil else { return }
        kill(SIGKILL)
        _ = try? waitForExit(timeout: 10)
    }
}

/// What the program wrote: the raw bytes and a screen they are played onto; waiters wake on new output.
private final class OutputLog: @unchecked Sendable {
    private let condition = NSCondition()
    private var bytes: [UInt8] = []
    private var screen: ScreenEmulator
    private var stopping = false
    private var finished = false
    private var reading = false

    init(columns: Int, rows: Int) { screen = ScreenEmulator(columns: columns, rows: rows) }

    func append(_ chunk: ArraySlice<UInt8>) {
        condition.lock()
        bytes.append(contentsOf: chunk)
        screen.feed(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the reader has taken in everything the program wrote before it exited.
    ///
    /// Two races are closed here. The reader may hold a chunk it has read but not yet appended (so
    /// the terminal looks empty while the log is still short): `reading` covers that window, and
    /// it is checked after the terminal was seen empty. And Linux hands bytes written to the slave
    /// to the master through a work queue, so they can become readable a moment after the child
    /// was reaped: the drain ends only once nothing has arrived for a quiet spell.
    func drain(from master: Int32) {
        let quiet: Double = 0.1
        let deadline = Date(timeIntervalSinceNow: 3)
        var lastCount = condition.withLock { bytes.count }
        var quietSince = Date()
        while Date() < deadline {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            let pending = poll(&fds, 1, 0) > 0 && fds[0].revents & Int16(POLLIN) != 0
            let (busy, count) = condition.withLock { (reading, bytes.count) }
            if pending || busy || count != lastCount {
                lastCount = count
                quietSince = Date()
            } else if Date().timeIntervalSince(quietSince) >= quiet {
                return
            }
            usleep(2_000)
        }
    }

    func setReading(_ value: Bool) { condition.withLock { reading = value } }

    var raw: [UInt8] { condition.withLock { bytes } }
    var screenLines: [String] { condition.withLock { screen.lines } }

    func wait(until deadline: Date, _ satisfied: ([String]) -> Bool) -> [String]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let lines = screen.lines
            if satisfied(lines) { return lines }
            if finished || !condition.wait(until: deadline) {
                let last = screen.lines
                return satisfied(last) ? last : nil
            }
        }
    }

    var isStopping: Bool { condition.withLock { stopping } }
    var readerFinished: Bool { condition.withLock { finished } }

    func stop() { condition.withLock { stopping = true } }

    func finishReading() {
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }
}
