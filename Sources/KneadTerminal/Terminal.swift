import CNcurses
import Glibc
import KneadUI

/// The terminal, started with ncurses in the safe order and restored by `stop()`.
///
/// Start-up: a UTF-8 locale; standard input and output must be terminals; `TERM` must name
/// a terminfo entry with cursor addressing; signal handling is installed; only then
/// `newterm`. The terminal is then in raw mode (Ctrl-C arrives as a key, the app decides),
/// without echo, with keypad decoding, ESC delivered after 25 ms and colours when it has them.
public final class Terminal {
    /// What the terminal can show, after `NO_COLOR`.
    public let colorDepth: ColorDepth

    let signals: SignalPipe
    let window: UnsafeMutablePointer<WINDOW>
    private var isStopped = false

    /// Starts the terminal on standard input and output.
    /// - Parameter environment: looks up `TERM` and `NO_COLOR`; the process environment by default.
    /// - Throws: `TerminalError`, whose description is the sentence to show the user.
    public init(environment: (String) -> String? = Terminal.processEnvironment) throws(TerminalError) {
        UTF8Locale.activate()
        let term = environment("TERM")
        try TerminalPreflight.check(input: STDIN_FILENO, output: STDOUT_FILENO, term: term)
        signals = try SignalPipe()
        // The modes to put back if knead crashes: the terminal as it was before curses.
        knead_crash_save_modes(STDOUT_FILENO)
        guard let screen = newterm(term, knead_stdout(), knead_stdin()) else {
            signals.uninstall()
            throw .cannotStart(term ?? "")
        }
        guard let window = knead_stdscr() else {
            endwin()
            delscreen(screen)
            signals.uninstall()
            throw .cannotStart(term ?? "")
        }
        self.window = window
        raw()
        noecho()
        nonl()
        meta(window, true)  // all eight bits of each byte: UTF-8 is put together by knead
        nodelay(window, true)
        set_escdelay(25)
        // No typeahead check: by default doupdate polls the input before every line it sends and
        // flushes what it has so far, so a frame left in 8-9 small writes with a poll between
        // each. A key that arrives meanwhile is read right after the frame and redrawn at once.
        typeahead(-1)
        OneWritePerFrame.prepare()
        // After the suspend and resume: endwin takes the terminal out of keypad-transmit mode and
        // ncurses would put it back only at the first read of a key, so for up to a second after
        // the first frame an arrow key arrived in the terminal's other encoding, as Esc, '[', 'A'.
        keypad(window, true)
        let hasColors = has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        colorDepth = ColorDepth.detect(hasColors: hasColors, colors: Int(knead_colors()), noColor: environment("NO_COLOR"))
        Self.installCrashRestore()
    }

    /// Prepares what a crash signal's handler writes to leave curses (it cannot call ncurses): the
    /// terminal's own sequences to leave the alternate screen, show the cursor, reset attributes and
    /// the keypad, then mouse reports off. SIGUSR1 and SIGUSR2 are ignored while knead runs.
    private static func installCrashRestore() {
        var reset = ""
        for name in ["rmcup", "cnorm", "sgr0", "rmkx"] {
            if let value = knead_string_capability(name) { reset += String(cString: value) }
        }
        reset += "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l"
        let bytes = Array(reset.utf8).map { CChar(bitPattern: $0) }
        _ = knead_install_crash_handlers(bytes, Int32(bytes.count))
    }

    /// Reads the process environment.
    public static func processEnvironment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The screen size in columns and rows.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Asks the terminal to report mouse presses and the wheel; false when it cannot.
    /// Shift with a drag still selects text in xterm-like terminals.
    @discardableResult
    public func enableMouse() -> Bool {
        knead_enable_mouse() == 1
    }

    /// How many colour pairs the terminal has.
    var colorPairCapacity: Int { Int(knead_color_pairs()) }

    /// Restores the terminal: leaves curses mode, shows the cursor, puts back the default
    /// signal actions. Safe to call more than once, and when the terminal is gone (writes
    /// then fail with EIO, which is ignored; SIGPIPE is ignored).
    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        curs_set(1)
        endwin()
        knead_restore_crash_handlers()
        // The SCREEN is not deleted: the window pointer stays valid, and the process is ending.
        signals.uninstall()
    }

    deinit { stop() }
}
