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

        /// The roles the lines are drawn in, a few columns each, so that neighbouring cells change
        /// role, and a role changes right after cells skipped as unchanged.
        static let roles: [StyleRole] = [.normal, .title, .hint, .hintKey, .danger, .selected, .muted, .pressure5]

        static func canvas(_ lines: [String], at x: Int, rolesFrom first: Int) -> Canvas {
            var canvas = Canvas(width: 40, height: 6)
            for (y, line) in lines.enumerated() {
                var column = x
                for (i, character) in line.enumerated() {
                    column += canvas.put(String(character), x: column, y: y, role: roles[(first + y + i / 3) % roles.count])
                }
            }
            return canvas
        }

        @Test("Every cell of a mixed frame in its role's style, painted whole, then changed in place and in part")
        func everyCellAsTheFrameHoldsIt() throws {
            let painter = try #require(OffscreenPainter(width: 40, height: 6))
            let first = Self.canvas(Self.lines, at: 1, rolesFrom: 0)
            painter.paint(Frame(canvas: first), theme: BuiltInTheme.default)
            try Self.expectSame(painter, first)
            // The same text one column to the right: every cell changes and is drawn again.
            let moved = Self.canvas(Array(Self.lines.reversed()), at: 2, rolesFrom: 1)
            painter.paint(Frame(canvas: moved), theme: BuiltInTheme.default)
            try Self.expectSame(painter, moved)
            // Only the roles change, on every other line: the unchanged lines are skipped, and the
            // first changed cell after them must not take the style of the last one drawn.
            var restyled = moved
            for y in stride(from: 1, to: restyled.height, by: 2) {
                restyled.style(x: 0, y: y, width: restyled.width, role: Self.roles[y % Self.roles.count])
            }
            painter.paint(Frame(canvas: restyled), theme: BuiltInTheme.default)
            try Self.expectSame(painter, restyled)
        }

        @Test("A frame is drawn into ncurses before the wait for the saves, and not sent when the wait says draw again")
        func drawnBeforeTheWaitSentAfter() throws {
            let painter = try #require(OffscreenPainter(width: 40, height: 6))
            let first = Self.canvas(Self.lines, at: 1, rolesFrom: 0)
            #expect(painter.paint(Frame(canvas: first), theme: BuiltInTheme.default) > 0)
            let moved = Self.canvas(Array(Self.lines.reversed()), at: 2, rolesFrom: 1)
            var waited = 0
            let sent = painter.paint(Frame(canvas: moved), theme: BuiltInTheme.default) {
                waited += 1
                // The whole frame is in ncurses' screen while the saves finish.
                #expect((try? Self.expectSame(painter, moved)) != nil)
                return true
            }
            #expect(waited == 1)
            #expect(sent == 0, "a frame the wait refused sent \(sent) bytes")
            // Drawn again (a failed save changed the status): sent, and the screen is that frame.
            var again = moved
            again.put("save failed", x: 0, y: 5, role: .danger)
            #expect(painter.paint(Frame(canvas: again), theme: BuiltInTheme.default) { false } > 0)
            try Self.expectSame(painter, again)
        }

        @Test("A new size is sent from a cleared screen; a frame at the same size is sent as its changes")
        func newSizeFromAClearedScreen() throws {
            let file = try #require(tmpfile())
            let painter = try #require(OffscreenPainter(width: 40, height: 6, output: file))
            func sent(_ canvas: Canvas) -> String {
                let count = painter.paint(Frame(canvas: canvas), theme: BuiltInTheme.default)
                var bytes = [UInt8](repeating: 0, count: count)
                let read = pread(fileno(file), &bytes, count, 0)
                return String(decoding: bytes.prefix(max(0, read)), as: UTF8.self)
            }
            let clear = "\u{1B}[2J"
            _ = sent(Self.canvas(Self.lines, at: 1, rolesFrom: 0))
            var changed = Self.canvas(Self.lines, at: 1, rolesFrom: 0)
            changed.put("zz", x: 30, y: 5, role: .danger)
            #expect(!sent(changed).contains(clear), "a key's frame clears nothing")
            painter.resize(width: 50, height: 8)
            var wider = Canvas(width: 50, height: 8)
            wider.put("wider", x: 0, y: 7, role: .title)
            let resized = sent(wider)
            #expect(resized.contains(clear), "\(Array(resized.utf8.prefix(40)))")
            #expect(resized.contains("wider"))
            try Self.expectSame(painter, wider)
            wider.put("again", x: 10, y: 7, role: .title)
            #expect(!sent(wider).contains(clear), "the next frame at that size is its changes")
        }

        static func expectSame(_ painter: OffscreenPainter, _ canvas: Canvas) throws {
            for y in 0..<canvas.height {
                var x = 0
                while x < canvas.width {
                    let cell = canvas[x, y]
                    defer { x += max(1, cell.width) }
                    guard !cell.isContinuation else { continue }
                    let glyph = CellGlyph.of(text: cell.text, width: cell.width)
                    let expected: [wchar_t] = switch glyph {
                    case .character(let character): [character]
                    case .grapheme(let characters): characters
                    case .substitute: [wchar_t(UInt8(ascii: "?"))]
                    }
                    let drawn = painter.cell(x: x, y: y)
                    let style = try #require(painter.style(of: cell.role))
                    #expect(drawn.characters == expected, "cell \(x),\(y): \(Array(cell.text.unicodeScalars))")
                    #expect(drawn.attributes == style.attributes && drawn.pair == style.pair,
                            "cell \(x),\(y) in \(cell.role): attributes \(drawn.attributes), pair \(drawn.pair)")
                    // A substitute's padding: spaces in the same style.
                    if glyph == .substitute {
                        for pad in 1..<max(1, cell.width) {
                            let padding = painter.cell(x: x + pad, y: y)
                            #expect(padding.characters == [0x20] && padding.pair == style.pair, "pad \(x + pad),\(y)")
                        }
                    }
                }
            }
        }
    }
}
