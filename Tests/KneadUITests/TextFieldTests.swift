import Testing
@testable import KneadUI

@Suite("Text field editing")
struct TextFieldTests {
    func typed(_ text: String, multiline: Bool = false) -> TextField {
        var field = TextField(multiline: multiline)
        for c in text { field.handle(.character(c)) }
        return field
    }

    @Test func typingAndArrowsMoveByGrapheme() {
        var field = typed("café 마사지")
        #expect(field.text == "café 마사지")
        #expect(field.cursor == 8)
        field.handle(.left)
        field.handle(.left)
        field.handle(.left)
        field.handle(.backspace)  // removes the space before 마
        #expect(field.text == "café마사지")
        field.handle(.home)
        #expect(field.cursor == 0)
        field.handle(.delete)
        #expect(field.text == "afé마사지")
        field.handle(.end)
        #expect(field.cursor == 6)
    }

    @Test func emacsKeys() {
        var field = typed("left shoulder tight")
        field.handle(.control("w"))
        #expect(field.text == "left shoulder ")
        field.handle(.control("a"))
        field.handle(.right)
        field.handle(.control("k"))
        #expect(field.text == "l")
        field.handle(.control("e"))
        field.handle(.control("u"))
        #expect(field.text == "")
    }

    @Test func controlCharactersNeverEnter() {
        var field = TextField()
        #expect(field.handle(.character("\u{1B}")) == .ignored)
        #expect(field.handle(.character("\u{07}")) == .ignored)
        #expect(field.handle(.character("\u{9B}")) == .ignored)
        #expect(field.text.isEmpty)
    }

    @Test func multilineEnterUpDown() {
        var field = typed("first line", multiline: true)
        field.handle(.enter)
        for c in "second" { field.handle(.character(c)) }
        #expect(field.text == "first line\nsecond")
        field.handle(.up)
        #expect(field.cursor == 6)
        field.handle(.down)
        #expect(field.cursor == 17)
        var single = TextField("x")
        #expect(single.handle(.enter) == .ignored)
    }

    @Test func limitIsHeld() {
        var field = TextField(limit: 3)
        for c in "abcdef" { field.handle(.character(c)) }
        #expect(field.text == "abc")
    }

    @Test func cursorSitsAfterWideCharacters() {
        let field = typed("마사지")
        var canvas = Canvas(width: 20, height: 1)
        let point = field.render(into: &canvas, rect: Rect(x: 2, y: 0, width: 10, height: 1), role: .input)
        #expect(point == Point(x: 8, y: 0))
        #expect(canvas.lines[0].hasPrefix("  마사지"))
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        let field = typed("abcdefghijklmnopqrstuvwxyz")
        var canvas = Canvas(width: 10, height: 1)
        let point = field.render(into: &canvas, rect: Rect(x: 0, y: 0, width: 10, height: 1), role: .input)
        #expect(point.x == 9)
        #expect(canvas.lines[0] == "rstuvwxyz ")
    }
}
