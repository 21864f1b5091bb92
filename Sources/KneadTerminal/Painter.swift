import CNcurses
import Glibc
import KneadUI

/// Paints frames onto the ncurses screen; ncurses works out the minimal terminal update.
///
/// Changed cells go to ncurses in runs, each cell placed after the width ncurses gives the one
/// before it; `CellGlyph` replaces any grapheme whose width ncurses sees differently from the
/// canvas, so a run never shifts the rest of its line, and every run starts at its own position.
/// Wide graphemes are drawn once, their trailing cell skipped. Nothing is erased between frames:
/// overwriting every changed cell is enough for ncurses to diff.
final class Painter {
    private let window: UnsafeMutablePointer<WINDOW>
    private let depth: ColorDepth
    private var pairs: ColorPairCache
    private var styles: StyleTable?
    private var cursorVisible: Bool?
    /// The frame last painted and the screen size it was painted on: cells that did not change
    /// since are not handed to ncurses again (its own window still holds them).
    private var previous: (canvas: Canvas, screenWidth: Int, screenHeight: Int)?
    /// The run of cells being put together for ncurses (kept between frames for its storage).
    private var run: [cchar_t] = []

    init(window: UnsafeMutablePointer<WINDOW>, depth: ColorDepth, pairCapacity: Int) {
        self.window = window
        self.depth = depth
        pairs = ColorPairCache(capacity: pairCapacity) { number, foreground, background in
            init_pair(number, foreground, background) == OK
        }
    }

    /// Draws a frame, clipped to the screen, and updates the terminal once.
    ///
    /// - Parameter mustRedraw: called once the frame is drawn into ncurses' screen and before any
    ///   byte of it is sent: it waits for what the frame shows to be on disk, and returns true when
    ///   that wait changed what the frame should show (a save failed). The frame is then not sent.
    /// - Returns: whether the frame was sent.
    @discardableResult
    func paint(_ frame: Frame, theme: Theme, mustRedraw: () -> Bool = { false }) -> Bool {
        if styles?.theme != theme {
            styles = StyleTable(theme: theme, depth: depth, pairs: &pairs)
            previous = nil
        }
        guard let styles else { return true }
        let screenWidth = Int(getmaxx(window))
        let screenHeight = Int(getmaxy(window))
        let canvas = frame.canvas
        let width = min(canvas.width, screenWidth)
        let height = min(canvas.height, screenHeight)
        // Everything after a resize or a theme change; otherwise only the cells that changed.
        let before = previous.flatMap { previous in
            previous.canvas.width == canvas.width && previous.canvas.height == canvas.height
                && previous.screenWidth == screenWidth && previous.screenHeight == screenHeight ? previous.canvas : nil
        }
        // A new size is sent whole from a cleared screen: the terminal has cropped or reflowed what
        // it showed, so ncurses' record of it no longer holds. (Not for speed: the whole-screen
        // paint of knead-bench's resize row took the same time with and without the clear.)
        let resized = previous.map { $0.screenWidth != screenWidth || $0.screenHeight != screenHeight } ?? false
        previous = (canvas, screenWidth, screenHeight)

        // Neighbouring cells mostly share a role: its entry is looked up once for the run.
        var lastRole: StyleRole?
        var entry = StyleTable.Entry(attributes: 0, pair: 0)
        // The cells themselves, indexed here, rather than a call into the canvas per cell.
        let cells = canvas.cells, old = before?.cells
        for y in 0..<height {
            // Most rows of a key's frame are as they were: compared as memory first (cells are
            // plain bits; a difference in their padding only sends the row to the cell by cell
            // comparison below).
            if let old, Self.sameCells(cells, old, from: y * canvas.width, count: width) { continue }
            var x = 0
            // Changed cells side by side go to ncurses as one run (`wadd_wchnstr`), not a call and
            // a cursor move each: a resize or a new screen hands it every cell. A run also clears
            // what is left of a wide character it overwrites half of, on either side, so every
            // changed cell goes into one (a wide character drawn on its own and a run starting at
            // its right would take the run for that character's remains and blank it).
            run.removeAll(keepingCapacity: true)
            var runStart = 0
            func flush() {
                guard !run.isEmpty else { return }
                _ = run.withUnsafeBufferPointer { buffer in
                    mvwadd_wchnstr(window, Int32(y), Int32(runStart), buffer.baseAddress, Int32(buffer.count))
                }
                run.removeAll(keepingCapacity: true)
            }
            while x < width {
                let cell = cells[y * canvas.width + x]
                // Unchanged cells are skipped, and end the run. A trailing half reached here had its
                // leading half skipped as unchanged (a drawn wide grapheme steps over its trailing half).
                if let old, old[y * canvas.width + x] == cell || cell.isContinuation {
                    flush()
                    x += 1
                    continue
                }
                if cell.role != lastRole {
                    entry = styles.entry(cell.role)
                    lastRole = cell.role
                }
                if run.isEmpty { runStart = x }
                if cell.isContinuation {
                    // A trailing half whose leading half was not drawn: keep the column filled.
                    run.append(Self.cchar(0x20, entry: entry))
                    x += 1
                    continue
                }
                let cellWidth = x + cell.width <= width ? cell.width : 1
                let glyph = cellWidth == cell.width ? CellGlyph.of(cell, width: cellWidth) : .substitute
                switch glyph {
                case .character(let character):
                    run.append(Self.cchar(character, entry: entry))
                case .grapheme(let characters):
                    run.append(Self.cchar(characters, entry: entry))
                case .substitute:
                    run.append(Self.cchar(wchar_t(UInt8(ascii: "?")), entry: entry))
                    for _ in 1..<max(1, cellWidth) { run.append(Self.cchar(0x20, entry: entry)) }
                }
                // ncurses puts the next cell of the run after this one's width, as the canvas does.
                x += max(1, cellWidth)
            }
            flush()
        }
        clearOutside(width: width, height: height, screenWidth: screenWidth, screenHeight: screenHeight)
        if resized { _ = clearok(window, true) }
        wnoutrefresh(window)
        // The window now holds this frame, and `previous` says so: a frame drawn again after a
        // failed save is compared with it, and doupdate sends the difference from the terminal.
        if mustRedraw() { return false }
        // After the wait: showing or hiding the cursor reaches the terminal at once.
        placeCursor(frame.cursor, width: width, height: height)
        wnoutrefresh(window)
        doupdate()
        return true
    }

    /// Whether `count` cells from `start` have the same bytes in both arrays.
    private static func sameCells(_ a: [Cell], _ b: [Cell], from start: Int, count: Int) -> Bool {
        guard count > 0 else { return true }
        return a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                let stride = MemoryLayout<Cell>.stride
                return memcmp(a.baseAddress! + start * stride, b.baseAddress! + start * stride, count * stride) == 0
            }
        }
    }

    /// The attributes and pair of a role in the theme last painted (tests).
    func entry(for role: StyleRole) -> StyleTable.Entry? { styles?.entry(role) }

    /// One spacing character in a style, as ncurses holds a cell.
    private static func cchar(_ character: wchar_t, entry: StyleTable.Entry) -> cchar_t {
        var cell = cchar_t()
        var text: (wchar_t, wchar_t) = (character, 0)
        withUnsafePointer(to: &text) { pointer in
            pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { characters in
                _ = setcchar(&cell, characters, entry.attributes, entry.pair, nil)
            }
        }
        return cell
    }

    /// A spacing character and the zero-width ones after it, in a style.
    private static func cchar(_ characters: [wchar_t], entry: StyleTable.Entry) -> cchar_t {
        var cell = cchar_t()
        var text = characters
        text.append(0)
        _ = setcchar(&cell, text, entry.attributes, entry.pair, nil)
        return cell
    }

    /// Blanks what the canvas does not cover, when it is smaller than the screen.
    private func clearOutside(width: Int, height: Int, screenWidth: Int, screenHeight: Int) {
        _ = wattr_set(window, attr_t(A_NORMAL), 0, nil)
        if width < screenWidth {
            for y in 0..<height {
                _ = wmove(window, Int32(y), Int32(width))
                _ = wclrtoeol(window)
            }
        }
        if height < screenHeight {
            _ = wmove(window, Int32(height), 0)
            _ = wclrtobot(window)
        }
    }

    /// Shows the text cursor where the frame asks, or hides it.
    private func placeCursor(_ cursor: Point?, width: Int, height: Int) {
        let target = cursor.flatMap { point in
            (0..<width).contains(point.x) && (0..<height).contains(point.y) ? point : nil
        }
        let visible = target != nil
        if cursorVisible != visible {
            _ = curs_set(visible ? 1 : 0)
            cursorVisible = visible
        }
        if let target { _ = wmove(window, Int32(target.y), Int32(target.x)) }
    }
}
