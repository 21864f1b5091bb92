import Testing
@testable import KneadUI

@Suite("Canvas and display width")
struct CanvasTests {
    @Test func widths() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of("é" as Character) == 1)
        #expect(DisplayWidth.of("e\u{301}" as Character) == 1)
        #expect(DisplayWidth.of("마" as Character) == 2)
        #expect(DisplayWidth.of("👍" as Character) == 2)
        #expect(DisplayWidth.of("👩‍⚕️" as Character) == 2)
        #expect(DisplayWidth.of("🇰🇷" as Character) == 2)
        #expect(DisplayWidth.of("مرحبا") == 5)
        #expect(DisplayWidth.of("김민지 Kim") == 10)
    }

    @Test("A border filled across wide characters blanks the halves it cuts, clipped to the canvas")
    func fillBlanksCutWideCharacters() {
        var canvas = Canvas(width: 6, height: 1)
        _ = canvas.put("마사x", x: 0, y: 0)
        canvas.fill(Cell(text: "─", width: 1, role: .border), x: 1, y: 0, count: 2)
        #expect(canvas.lines == [" ── x "])
        #expect(!canvas.cells.contains { $0.isContinuation })
        canvas.fill(Cell(text: "│", width: 1, role: .border), x: 4, y: 0, count: 9)
        canvas.fill(Cell(text: "│", width: 1, role: .border), x: -3, y: 0, count: 4)
        canvas.fill(Cell(text: "│", width: 1, role: .border), x: 0, y: 1, count: 4)
        #expect(canvas.lines == ["│── ││"])
    }

    @Test func wideCharactersMarkTheirTrailingCell() {
        var canvas = Canvas(width: 6, height: 1)
        let used = canvas.put("마사x", x: 0, y: 0)
        #expect(used == 5)
        #expect(canvas[0, 0].text == "마")
        #expect(canvas[1, 0].isContinuation)
        #expect(canvas[4, 0].text == "x")
        #expect(canvas.lines[0] == "마사x ")
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var canvas = Canvas(width: 3, height: 1)
        canvas.put("a마사", x: 0, y: 0)
        #expect(canvas.lines[0] == "a… ")
        var narrow = Canvas(width: 4, height: 1)
        narrow.put("ab마", x: 0, y: 0, maxWidth: 3)
        #expect(narrow.lines[0] == "ab… ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("마사", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(canvas.lines[0] == " x사")
    }

    @Test func controlCharactersAreReplaced() {
        var canvas = Canvas(width: 12, height: 1)
        canvas.put("a\u{1B}[31mb\u{07}", x: 0, y: 0)
        #expect(!canvas.lines[0].unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(canvas.lines[0].hasPrefix("a\u{FFFD}[31mb\u{FFFD}"))
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("e\u{301}x", x: 0, y: 0)
        #expect(canvas[0, 0].text == "e\u{301}")
        #expect(canvas[1, 0].text == "x")
    }

    @Test func drawingOffTheCanvasIsClipped() {
        var canvas = Canvas(width: 3, height: 2)
        #expect(canvas.put("abcdef", x: 1, y: 0) == 2)
        #expect(canvas.put("abc", x: 0, y: 5) == 0)
        #expect(canvas.lines == [" a…", "   "])
    }

    @Test func truncationAddsAnEllipsis() {
        #expect(DisplayWidth.truncated("left shoulder", to: 6) == "left …")
        #expect(DisplayWidth.truncated("마사지", to: 4) == "마…")
        #expect(DisplayWidth.truncated("ok", to: 4) == "ok")
    }
}

/// The one rule for text that does not fit: it ends in `…`, never in a cut word.
@Suite("Text that does not fit ends in …")
struct CanvasEllipsisTests {
    /// The text `put` leaves in a canvas `columns` wide, drawn with `maxWidth`.
    static func drawn(_ text: String, columns: Int = 20, maxWidth: Int? = nil, x: Int = 0) -> (line: String, used: Int) {
        var canvas = Canvas(width: columns, height: 1)
        let used = canvas.put(text, x: x, y: 0, maxWidth: maxWidth)
        return (canvas.lines[0], used)
    }

    @Test("The issue's cut words end in … instead")
    func issueExamples() {
        #expect(Self.drawn("after: L back thigh", maxWidth: 17).line.hasPrefix("after: L back th…"))
        #expect(Self.drawn("refer to a physician", maxWidth: 18).line.hasPrefix("refer to a physic…"))
        #expect(Self.drawn("unfinished, earlier day", maxWidth: 14).line.hasPrefix("unfinished, e…"))
        #expect(Self.drawn("high-contrast", maxWidth: 10).line.hasPrefix("high-cont…"))
    }

    @Test("Text that fits is drawn whole; the canvas edge cuts like maxWidth")
    func fits() {
        #expect(Self.drawn("calf", columns: 4) == ("calf", 4))
        #expect(Self.drawn("calf", maxWidth: 4) == ("calf" + String(repeating: " ", count: 16), 4))
        #expect(Self.drawn("left calf", columns: 6) == ("left… ", 5))
        #expect(Self.drawn("left calf", columns: 8, x: 3) == ("   left…", 5))
        #expect(Self.drawn("abc", columns: 5, maxWidth: 1) == ("…    ", 1))
        #expect(Self.drawn("abc", columns: 5, maxWidth: 0).used == 0)
    }

    @Test("Spaces before the … are dropped")
    func trailingSpaces() {
        #expect(Self.drawn("unfinished, earlier day", columns: 13) == ("unfinished,… ", 12))
        #expect(Self.drawn("a b c d e f", columns: 5) == ("a b… ", 4))
    }

    @Test("Wide characters are never split; the … takes one column")
    func wide() {
        #expect(Self.drawn("김민지 Kim", columns: 5) == ("김민…", 5))
        #expect(Self.drawn("김민지 Kim", columns: 4) == ("김… ", 3))
        #expect(Self.drawn("a👩‍⚕️b", columns: 3) == ("a… ", 2))
    }

    @Test("Combining marks stay with their letter, before the …")
    func combining() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("Cafe\u{301} cre\u{300}me", x: 0, y: 0)
        #expect(canvas.lines[0] == "Cafe\u{301}… ")
        #expect(canvas[3, 0].text == "e\u{301}")
        #expect(canvas[4, 0].text == "…")
    }

    @Test("A tail without letters or digits (a rule, padding) is clipped without a mark")
    func rulesAndPadding() {
        #expect(Self.drawn(String(repeating: "─", count: 30), columns: 4).line == "────")
        #expect(Self.drawn("━━━━────────", columns: 6).line == "━━━━──")
        #expect(Self.drawn("ab      ", columns: 4).line == "ab  ")
        #expect(Self.drawn("ab  ·  12", columns: 4).line == "ab… ", "a number after the cut is a cut word")
    }

    @Test("Control characters are still replaced when text is cut")
    func controls() {
        let line = Self.drawn("a\u{1B}[31mlong text", columns: 6).line
        #expect(!line.unicodeScalars.contains { $0.value == 0x1B })
        #expect(line.hasSuffix("…"))
    }
}
