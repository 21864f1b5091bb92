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
