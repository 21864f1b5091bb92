import Glibc
import Testing
@testable import KneadUI
@testable import KneadTerminal

extension NcursesGlobalTests {
    /// The painter hands each cell to ncurses as `CellGlyph` says, whether it takes the path for
    /// one scalar or the one for a whole grapheme: ncurses' screen then holds what the frame holds.
    @Suite("The painter draws each cell as the frame holds it")
    struct PainterCellTests {
        static let lines = [
            "aé─●→ ñ Ω ∑ ░▓█ x",                       // one scalar, one column: 1, 2 and 3 bytes
            "마사 👍 e\u{301} 𝐀 ﬁ ¼",                   // wide, a mark, four bytes, compatibility forms
            "👩‍⚕️ 👍🏽 🇰🇷 a\u{301}\u{302}\u{303} \u{2028}x",  // several scalars; a separator made safe
            "x" + String(repeating: "\u{35C}", count: 9) + " ⌚ ☕ ❤",  // long grapheme; emoji wcwidth may disagree on
        ]

        @Test("Every cell of a mixed frame, first painted whole and then changed in place")
        func everyCellAsTheFrameHoldsIt() throws {
            let painter = try #require(OffscreenPainter(width: 40, height: 6))
            var canvas = Canvas(width: 40, height: 6)
            for (y, line) in Self.lines.enumerated() { canvas.put(line, x: 1, y: y) }
            painter.paint(Frame(canvas: canvas), theme: BuiltInTheme.default)
            try Self.expectSame(painter, canvas)
            // The same text one column to the right: every cell changes and is drawn again.
            var moved = Canvas(width: 40, height: 6)
            for (y, line) in Self.lines.reversed().enumerated() { moved.put(line, x: 2, y: y) }
            painter.paint(Frame(canvas: moved), theme: BuiltInTheme.default)
            try Self.expectSame(painter, moved)
        }

        static func expectSame(_ painter: OffscreenPainter, _ canvas: Canvas) throws {
            for y in 0..<canvas.height {
                var x = 0
                while x < canvas.width {
                    let cell = canvas[x, y]
                    defer { x += max(1, cell.width) }
                    guard !cell.isContinuation else { continue }
                    let expected: [wchar_t] = switch CellGlyph.of(text: cell.text, width: cell.width) {
                    case .grapheme(let characters): characters
                    case .substitute: [wchar_t(UInt8(ascii: "?"))]
                    }
                    #expect(painter.characters(x: x, y: y) == expected, "cell \(x),\(y): \(Array(cell.text.unicodeScalars))")
                }
            }
        }
    }
}
