import CNcurses
import Glibc
import Testing

@testable import KneadTerminal
@testable import KneadUI

@Suite("Cell glyphs")
struct CellGlyphTests {
    /// A wcwidth that does not depend on the test process's locale: glibc's answers in C.UTF-8.
    private static func measure(_ c: wchar_t) -> Int32 {
        switch c {
        case 0x0301, 0x200D, 0xFE0F: 0
        case 0xB9C8, 0xC0AC, 0x1F44D, 0x1F468, 0x1F469, 0x1F3FD: 2
        case 0x20...0x7E, 0xE9, 0x1F1F0, 0x1F1F7, 0x2764: 1
        default: -1
        }
    }

    private func glyph(_ text: String, _ width: Int) -> CellGlyph {
        CellGlyph.of(text: text, width: width, measure: Self.measure)
    }

    @Test("a cell of one scalar is the glyph its text gives, at every width; other cells go by their text")
    func cellAgreesWithText() {
        let texts = ["a", "é", "마", "👍", "x", "\u{0301}", "\u{2764}", "e\u{301}", "👍🏽", "👩‍⚕️", "🇰🇷", ""]
        for text in texts {
            for width in 0...3 {
                let cell = Cell(text: text, width: max(1, width), role: .normal)
                let fromCell = CellGlyph.of(cell, width: width, measure: Self.measure)
                let fromText = glyph(text, width)
                // One character alone is the same glyph, without its array.
                let same = fromCell == fromText || (fromCell.character.map { [$0] } == fromText.characters && fromText.characters?.count == 1)
                #expect(same, "\(Array(text.unicodeScalars)) at \(width): \(fromCell) against \(fromText)")
            }
        }
        #expect(CellGlyph.of(Cell(text: "a", width: 1, role: .normal), width: 1, measure: Self.measure) == .character(0x61))
    }

    @Test("agreeing widths draw the grapheme")
    func agreeing() {
        #expect(glyph("a", 1) == .grapheme([0x61]))
        #expect(glyph("é", 1) == .grapheme([0xE9]))
        #expect(glyph("마", 2) == .grapheme([0xB9C8]))
        #expect(glyph("👍", 2) == .grapheme([0x1F44D]))
    }

    @Test("combining marks travel with their base")
    func combining() {
        #expect(glyph("e\u{301}", 1) == .grapheme([0x65, 0x301]))
    }

    @Test("disagreeing widths draw a substitute")
    func disagreeing() {
        #expect(glyph("🇰🇷", 2) == .substitute)   // wcwidth says 1 per regional indicator
        #expect(glyph("❤️", 2) == .substitute)   // U+2764 is narrow to wcwidth
        #expect(glyph("마", 1) == .substitute)
        #expect(glyph("\u{E000}", 1) == .substitute)  // wcwidth -1
        #expect(glyph("", 1) == .substitute)
        #expect(glyph("a", 0) == .substitute)
    }

    @Test("a sequence of several spacing characters keeps the first")
    func sequences() {
        #expect(glyph("👨‍👩‍👧", 2) == .grapheme([0x1F468]))
        #expect(glyph("👍🏽", 2) == .grapheme([0x1F44D]))
    }
}

@Suite("Cell glyphs: the canvas's one-column shortcut agrees with the terminal")
struct SimpleScalarWidthTests {
    /// Every scalar the canvas measures as one column without breaking graphemes
    /// (`DisplayWidth.isSimple`) is one column to glibc's `wcwidth` in a UTF-8 locale, which is what
    /// ncurses and the terminal use: none of them is drawn as the "?" of a disagreement.
    @Test("every shortcut scalar is one column to wcwidth")
    func shortcutScalarsAreNarrow() throws {
        let utf8 = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))
        let previous = uselocale(utf8)
        defer {
            uselocale(previous)
            freelocale(utf8)
        }
        var checked = 0
        for value in UInt32(0)..<0x3_0000 where DisplayWidth.isSimple(value) {
            #expect(wcwidth(wchar_t(bitPattern: value)) == 1, "U+\(String(value, radix: 16, uppercase: true))")
            checked += 1
        }
        #expect(checked > 1_000)
    }
}

private extension CellGlyph {
    var character: wchar_t? { if case .character(let c) = self { c } else { nil } }
    var characters: [wchar_t]? { if case .grapheme(let cs) = self { cs } else { nil } }
}
