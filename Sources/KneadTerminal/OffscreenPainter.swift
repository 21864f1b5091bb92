import CNcurses
import Glibc
import KneadUI

/// The real painter on an ncurses screen whose output goes to a temporary file instead of a
/// terminal, so a benchmark can time the work after the canvas: ncurses' diff against the
/// previous frame and the escape sequences it writes, without a terminal to wait for.
///
/// Only one may exist at a time, and not while a `Terminal` runs: ncurses has one current screen.
public final class OffscreenPainter {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let painter: Painter

    /// Starts an ncurses screen for the terminal type `term` at `width` x `height`;
    /// nil when the terminal type is unknown or ncurses cannot start.
    public convenience init?(term: String = "xterm-256color", width: Int, height: Int) {
        guard let output = tmpfile() else { return nil }
        self.init(term: term, width: width, height: height, output: output)
    }

    /// The same on an output stream of the caller's (tests read what ncurses writes); the
    /// painter closes it.
    init?(term: String = "xterm-256color", width: Int, height: Int, output: UnsafeMutablePointer<FILE>) {
        UTF8Locale.activate()
        guard let input = fopen("/dev/null", "r") else {
            fclose(output)
            return nil
        }
        guard let screen = newterm(term, output, input) else {
            fclose(output)
            fclose(input)
            return nil
        }
        _ = set_term(screen)
        guard let window = knead_stdscr() else {
            endwin()
            delscreen(screen)
            fclose(output)
            fclose(input)
            return nil
        }
        self.screen = screen
        self.window = window
        self.output = output
        self.input = input
        OneWritePerFrame.prepare()
        let hasColors = has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        let depth = ColorDepth.detect(hasColors: hasColors, colors: Int(knead_colors()), noColor: nil)
        painter = Painter(window: window, depth: depth, pairCapacity: Int(knead_color_pairs()))
        _ = resize_term(Int32(height), Int32(width))
    }

    /// Changes the screen size, as a SIGWINCH would.
    public func resize(width: Int, height: Int) {
        _ = resize_term(Int32(height), Int32(width))
    }

    /// Paints a frame as the terminal runner does; returns the bytes ncurses wrote for it.
    @discardableResult
    public func paint(_ frame: Frame, theme: Theme, mustRedraw: () -> Bool = { false }) -> Int {
        let descriptor = fileno(output)
        _ = lseek(descriptor, 0, SEEK_SET)
        fflush(output)
        painter.paint(frame, theme: theme, mustRedraw: mustRedraw)
        fflush(output)
        return max(0, Int(lseek(descriptor, 0, SEEK_CUR)))
    }

    /// What ncurses holds at a cell of its screen: the spacing character and the zero-width ones
    /// after it, its attributes (bold, dim, underline, reverse, italic) and its colour pair (tests
    /// compare it with the frame).
    func cell(x: Int, y: Int) -> (characters: [wchar_t], attributes: attr_t, pair: Int16) {
        var cell = cchar_t()
        guard mvwin_wch(window, Int32(y), Int32(x), &cell) == OK else { return ([], 0, -1) }
        var text = [wchar_t](repeating: 0, count: 16)
        var attributes = attr_t(A_NORMAL)
        var pair: Int16 = 0
        guard getcchar(&cell, &text, &attributes, &pair, nil) == OK else { return ([], 0, -1) }
        return (Array(text.prefix { $0 != 0 }), attributes & Self.attributeBits, pair)
    }

    /// The attributes and pair the painter gives a role; nil before the first frame.
    func style(of role: StyleRole) -> (attributes: attr_t, pair: Int16)? {
        painter.entry(for: role).map { ($0.attributes & Self.attributeBits, $0.pair) }
    }

    private static let attributeBits = knead_a_bold() | knead_a_dim() | knead_a_underline() | knead_a_reverse() | knead_a_italic()

    deinit {
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
    }
}
