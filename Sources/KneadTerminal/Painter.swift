import CNcurses
import Glibc
import KneadUI

/// Paints frames onto the ncurses screen; ncurses works out the minimal terminal update.
///
/// Every cell is written at its own position, so a grapheme whose width ncurses sees
/// differently can never shift the rest of the line; such graphemes are replaced (see
/// `CellGlyph`). Wide graphemes are drawn once, their trailing cell skipped. Nothing is
/// erased between frames: overwriting every cell is enough for ncurses to diff.
final class Painter {
    private let window: UnsafeMutablePointer<WINDOW>
    private let depth: ColorDepth
    private var pairs: ColorPairCache
    private var styles: StyleTable?
    private var cursorVisible: Bool?
    /// The frame last painted and the screen size it was painted on: cells that did not change
    /// since are not handed to ncurses again (its own window still holds them).
    private var previous: (canvas: Canvas, screenWidth: Int, screenHeight: Int)?

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
            while x < width {
                let cell = cells[y * canvas.width + x]
                // Unchanged cells are skipped. A trailing half reached here had its leading half
                // skipped as unchanged (a drawn wide grapheme steps over its trailing half).
                if let old, old[y * canvas.width + x] == cell || cell.isContinuation {
                    x += 1
                    continue
                }
                if cell.role != lastRole {
                    entry = styles.entry(cell.role)
                    lastRole = cell.role
                }
                if cell.isContinuation {
                    // A trailing half whose leading half was not drawn: keep the column filled.
                    put(0x20, x: x, y: y, entry: entry)
                    x += 1
                    continue
                }
                let cellWidth = x + cell.width <= width ? cell.width : 1
                let glyph = cellWidth == cell.width ? CellGlyph.of(cell, width: cellWidth) : .substitute
                switch glyph {
                case .character(let character):
                    put(character, x: x, y: y, entry: entry)
                case .grapheme(let characters):
                    put(characters, x: x, y: y, entry: entry)
                case .substitute:
                    put(wchar_t(UInt8(ascii: "?")), x: x, y: y, entry: entry)
                    for pad in 1..<max(1, cellWidth) { put(0x20, x: x + pad, y: y, entry: entry) }
                }
                x += max(1, cellWidth)
            }
        }
        clearOutside(width: width, height: height, screenWidth: screenWidth, screenHeight: screenHeight)
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

    /// Puts one spacing character, without an array.
    private func put(_ character: wchar_t, x: Int, y: Int, entry: StyleTable.Entry) {
        var cell = cchar_t()
        var text: (wchar_t, wchar_t) = (character, 0)
        withUnsafePointer(to: &text) { pointer in
            pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { characters in
                _ = setcchar(&cell, characters, entry.attributes, entry.pair, nil)
            }
        }
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }

    private func put(_ characters: [wchar_t], x: Int, y: Int, entry: StyleTable.Entry) {
        var cell = cchar_t()
        var text = characters
        text.append(0)
        _ = setcchar(&cell, text, entry.attributes, entry.pair, nil)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
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
