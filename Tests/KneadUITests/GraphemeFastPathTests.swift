import Testing
@testable import KneadUI

/// Widths and drawing take a shortcut past grapheme breaking for one-scalar, one-column text (box
/// drawing, accented Latin). Every string of up to three scalars from a pool that holds the cases
/// where the shortcut would be wrong (combining marks, joiners, selectors, Hangul, prepended and
/// regional-indicator scalars, controls, wide characters) must measure and draw exactly as it
/// does grapheme by grapheme.
@Suite("Display width and drawing: the one-scalar shortcut agrees with grapheme by grapheme")
struct GraphemeFastPathTests {
    static let pool: [Unicode.Scalar] = [
        "a", " ", "\u{E9}", "\u{B7}", "\u{AD}", "\u{2500}", "\u{2591}", "\u{2026}", "\u{301}", "\u{200D}",
        "\u{FE0F}", "\u{AC00}", "\u{1100}", "\u{1161}", "\u{1F44D}", "\u{1F1F0}", "\u{7}", "\u{202E}", "\t",
        "\u{600}", "\u{2FF}", "\u{300}", "\u{259F}", "\u{25A0}",
        // The edges of the punctuation, arrows and shapes the shortcut takes: a dash, an arrow, a
        // pictographic one (U+203C, which joins after a ZWJ), and the scalars just outside them.
        "\u{2014}", "\u{2192}", "\u{203C}", "\u{2028}", "\u{205F}", "\u{25FD}",
    ]

    static var strings: [String] {
        var result: [String] = []
        for a in pool {
            result.append(String(a))
            for b in pool {
                result.append(String(a) + String(b))
                for c in pool { result.append(String(a) + String(b) + String(c)) }
            }
        }
        return result
    }

    @Test("the width of a string is the sum of its graphemes' widths")
    func widthsAgree() {
        for text in Self.strings {
            let expected = text.reduce(0) { $0 + DisplayWidth.of($1) }
            #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // A substring that starts inside a longer string, on a scalar boundary.
            let longer = "x" + text
            let tail = longer[longer.unicodeScalars.index(after: longer.startIndex)...]
            #expect(DisplayWidth.of(tail) == tail.reduce(0) { $0 + DisplayWidth.of($1) })
        }
    }

    @Test("a string drawn on a canvas lands in the cells it would grapheme by grapheme")
    func drawingAgrees() {
        for text in Self.strings {
            for start in [0, 1] {
                var canvas = Canvas(width: 9, height: 1)
                _ = canvas.put("b", x: 0, y: 0)
                _ = canvas.put(text, x: start, y: 0)
                #expect(canvas.cells == Self.reference(text, start: start),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) }) at \(start)")
            }
        }
    }

    @Test("a string cut to fit a width lands in the cells it would grapheme by grapheme, with its …")
    func cuttingAgrees() {
        // Strings of up to two scalars of the pool; the text around them moves the cut over them.
        for core in Self.strings where core.unicodeScalars.count <= 2 {
            // Text on both sides so that cuts fall before, inside and after the hard cases.
            for text in ["ab" + core, core + "z", "— " + core + " ok"] {
                for room in 1...5 {
                    var canvas = Canvas(width: 9, height: 1)
                    _ = canvas.put("b", x: 0, y: 0)
                    let drawn = canvas.put(text, x: 1, y: 0, maxWidth: room)
                    var expected = Canvas(width: 9, height: 1)
                    _ = expected.put("b", x: 0, y: 0)
                    let expectedDrawn = Self.referencePut(text, into: &expected, x: 1, limit: 1 + room)
                    #expect(canvas.cells == expected.cells && drawn == expectedDrawn,
                            "\(text.unicodeScalars.map { String($0.value, radix: 16) }) in \(room)")
                }
            }
        }
    }

    /// `Canvas.put` of text that does not fit, as it was written grapheme by grapheme: the cut,
    /// whether a letter or digit goes with it, and the "…" in the last column.
    static func referencePut(_ text: String, into canvas: inout Canvas, x: Int, limit: Int) -> Int {
        guard x + text.reduce(0, { $0 + DisplayWidth.of($1) }) > limit else {
            return canvas.put(text, x: x, y: 0, maxWidth: limit - x)
        }
        var column = x
        var cut = text.endIndex
        var i = text.startIndex
        while i < text.endIndex {
            let w = DisplayWidth.of(DisplayWidth.safe(text[i]))
            if column + w > limit { cut = i; break }
            column += w
            i = text.index(after: i)
        }
        guard text[cut...].contains(where: { $0.isLetter || $0.isNumber }) else {
            return canvas.put(String(text[..<cut]), x: x, y: 0, maxWidth: limit - x)
        }
        var kept = text.startIndex
        column = x
        i = text.startIndex
        while i < cut {
            let w = DisplayWidth.of(DisplayWidth.safe(text[i]))
            if column + w > limit - 1 { break }
            column += w
            i = text.index(after: i)
            kept = i
        }
        var head = text[..<kept]
        while let last = head.last, last.isWhitespace { head = head.dropLast() }
        let drawn = canvas.put(String(head), x: x, y: 0, maxWidth: limit - 1 - x)
        guard x + drawn < limit else { return drawn }
        _ = canvas.put("…", x: x + drawn, y: 0, maxWidth: 1)
        return drawn + 1
    }

    /// Every scalar the shortcut takes, beside every scalar of the pool (before and after it) and
    /// itself, measures and draws as grapheme by grapheme; and none of them is a mark, a format
    /// or control character, a separator or an emoji shown as such by default.
    @Test("every shortcut scalar, beside each of the pool, agrees with grapheme by grapheme")
    func everyShortcutScalar() {
        let excluded: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark, .format, .control,
                                                       .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned]
        var checked = 0
        for value in UInt32(0)..<0x3_0000 where DisplayWidth.isSimple(value) {
            guard let scalar = Unicode.Scalar(value) else { Issue.record("U+\(String(value, radix: 16))"); continue }
            let name = "U+\(String(value, radix: 16, uppercase: true))"
            // The soft hyphen (U+00AD) is a format character, but a grapheme of its own on both
            // sides and one column to the terminal; it was in the shortcut's Latin-1 from the start.
            #expect(value == 0xAD || !excluded.contains(scalar.properties.generalCategory), "\(name)")
            #expect(!scalar.properties.isEmojiPresentation, "\(name)")
            #expect(!DisplayWidth.isControl(scalar), "\(name)")
            for other in Self.pool + [scalar] {
                for text in [String(scalar) + String(other), String(other) + String(scalar), String(scalar)] {
                    #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(name)")
                }
            }
            var canvas = Canvas(width: 9, height: 1)
            _ = canvas.put("b", x: 0, y: 0)
            let text = String(scalar) + "a" + String(scalar)
            _ = canvas.put(text, x: 1, y: 0)
            #expect(canvas.cells == Self.reference(text, start: 1), "\(name)")
            checked += 1
        }
        #expect(checked > 1_000)
    }

    /// The canvas as drawing one grapheme at a time makes it: each made safe, a zero-width one
    /// joined to the cell before it (only within the text drawn), a wide one marking its trailer.
    static func reference(_ text: String, start: Int) -> [Cell] {
        var cells = Array(repeating: Cell.blank, count: 9)
        cells[0] = Cell(text: "b", width: 1, role: .normal)
        var column = start
        for raw in text {
            let character = DisplayWidth.safe(raw)
            let w = DisplayWidth.of(character)
            if w == 0 {
                if column > start { cells[column - 1 - (cells[column - 1].isContinuation ? 1 : 0)].text.append(character) }
                continue
            }
            cells[column] = Cell(text: String(character), width: w, role: .normal)
            if w == 2 { cells[column + 1] = Cell(text: "", width: 0, role: .normal) }
            column += w
        }
        return cells
    }
}
