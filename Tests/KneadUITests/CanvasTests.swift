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
        #expect(canvas.lines[0] == "a마")
        var narrow = Canvas(width: 4, height: 1)
        narrow.put("ab마", x: 0, y: 0, maxWidth: 3)
        #expect(narrow.lines[0] == "ab  ")
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
        #expect(canvas.lines == [" ab", "   "])
    }

    @Test func truncationAddsAnEllipsis() {
        #expect(DisplayWidth.truncated("left shoulder", to: 6) == "left …")
        #expect(DisplayWidth.truncated("마사지", to: 4) == "마…")
        #expect(DisplayWidth.truncated("ok", to: 4) == "ok")
    }
}
