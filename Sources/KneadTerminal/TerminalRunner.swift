import CNcurses
import Glibc
import KneadUI

/// Runs a `TerminalProgram`: keys, resizes, ticks and signals in; frames out.
///
/// The loop sleeps in `poll` on standard input and the signal pipe, waking for input, a
/// signal, a resize (SIGWINCH interrupts `poll`) or the next wall-clock second, so an idle
/// program costs one wake-up a second. A frame is painted after each batch of inputs.
public struct TerminalRunner {
    private let terminal: Terminal

    /// Consecutive wake-ups with readable input that yielded nothing before the input is
    /// taken as gone (a closed input can stay readable forever without POLLHUP).
    static let emptyWakeLimit = 50

    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    /// Starts the terminal, runs `program` until it finishes or must stop, and restores
    /// the terminal.
    /// - Parameter mouse: report clicks and the wheel to the program (off by default).
    /// - Throws: `TerminalError` when there is no usable terminal; print its description
    ///   and exit with status 2.
    public static func run(_ program: TerminalProgram, mouse: Bool = false) throws(TerminalError) -> ExitReason {
        let terminal = try Terminal()
        if mouse { terminal.enableMouse() }
        return TerminalRunner(terminal: terminal).run(program)
    }

    /// Runs `program` on the started terminal and stops the terminal before returning.
    public func run(_ program: TerminalProgram) -> ExitReason {
        defer { terminal.stop() }
        let window = terminal.window
        let painter = Painter(window: window, depth: terminal.colorDepth, pairCapacity: terminal.colorPairCapacity)
        var ticks = TickSchedule(now: Self.now())
        var emptyWakes = 0
        var bytes = UTF8Assembler()

        program.handle(.resized(width: terminal.size.width, height: terminal.size.height))
        var needsPaint = true
        while true {
            if program.isFinished { return .finished }
            if needsPaint {
                // The frame is drawn while the inputs' saves finish syncing, and sent only once
                // they have: nothing reaches the screen before it is on disk. A failed save
                // changes what the frame says, so it is drawn once more.
                for pass in 0..<2 {
                    let size = terminal.size
                    // The second pass waits too, but is sent whatever the wait says.
                    let wait: () -> Bool = pass == 0 ? program.awaitSaved : { _ = program.awaitSaved(); return false }
                    if painter.paint(program.frame(width: size.width, height: size.height), theme: program.theme,
                                     mustRedraw: wait) { break }
                }
                needsPaint = false
            }

            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: terminal.signals.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), TickSchedule.timeout(now: Self.now()))
            if ready < 0, errno != EINTR, errno != EAGAIN {
                program.handle(.terminate)
                return .hangup
            }
            if fds[1].revents & Int16(POLLIN) != 0, let signal = terminal.signals.takeSignal() {
                program.handle(.terminate)
                return .signal(signal)
            }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                program.handle(.terminate)
                return .hangup
            }

            // Also after a timeout or EINTR: a SIGWINCH leaves KEY_RESIZE waiting in ncurses.
            let inputs = drain(into: program, bytes: &bytes)
            if inputs > 0 { needsPaint = true }
            if program.isFinished { return .finished }
            if fds[0].revents & Int16(POLLIN) != 0, inputs == 0 {
                emptyWakes += 1
                if emptyWakes >= Self.emptyWakeLimit {
                    program.handle(.terminate)
                    return .hangup
                }
            } else {
                emptyWakes = 0
            }

            if ticks.isDue(now: Self.now()) {
                program.handle(.tick)
                needsPaint = true
            }
        }
    }

    /// Feeds every input ncurses has ready to the program; returns how many there were
    /// (including keys it could not decode). Stops early when the program finishes.
    ///
    /// Characters are read byte by byte (`wgetch`) and put together by `bytes`, not by
    /// `get_wch`: an invalid byte then drops only itself instead of the characters after it.
    private func drain(into program: TerminalProgram, bytes: inout UTF8Assembler) -> Int {
        var count = 0
        while true {
            let code = wgetch(terminal.window)
            if code == ERR { return count }
            count += 1
            if code == KEY_RESIZE {
                let size = terminal.size
                program.handle(.resized(width: size.width, height: size.height))
                // ncurses resized the screen's window, which marks it changed, and the next
                // wgetch would refresh it: the old frame, cleared and sent whole at the new
                // size, before the program's own frame is sent whole again. The frame painted
                // after this drain is the only one the terminal needs.
                untouchwin(terminal.window)
            } else if code == knead_key_mouse() {
                if let event = Self.readMouse() { program.handle(.mouse(event)) }
            } else if code > 0xFF {
                if let key = KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(code), keyName: Self.keyName) {
                    program.handle(.key(key))
                }
            } else if code >= 0, let scalar = bytes.feed(UInt8(code)),
                      let key = KeyDecoder.decode(status: OK, value: scalar.value) {
                program.handle(.key(key))
            }
            if program.isFinished { return count }
        }
    }

    /// The mouse event ncurses has waiting after `KEY_MOUSE`.
    private static func readMouse() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0
        var buttons: UInt = 0
        guard knead_read_mouse(&x, &y, &buttons) == 1 else { return nil }
        return MouseDecoder.decode(buttons: buttons, x: Int(x), y: Int(y))
    }

    private static func keyName(_ code: Int32) -> String? {
        keyname(code).map { String(cString: $0) }
    }

    /// Wall-clock time in seconds.
    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
