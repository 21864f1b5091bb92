import Testing
@testable import KneadUI

/// The widgets that replace hand-written copies: a list cursor and a box.
@Suite("List cursor and box")
struct ListCursorAndBoxTests {
    @Test("The selection stays inside the list, however far it is moved, and on an empty list is 0")
    func clamped() {
        var cursor = ListCursor()
        cursor.move(-1, count: 5)
        #expect(cursor.selection == 0)
        cursor.move(10, count: 5)
        #expect(cursor.selection == 4)
        cursor.clamp(count: 2)
        #expect(cursor.selection == 1)
        cursor.move(1, count: 0)
        #expect(cursor.selection == 0)
    }

    @Test("The window starts at the top and scrolls just enough to keep the selection on its last row")
    func window() {
        var cursor = ListCursor()
        #expect(cursor.window(rows: 3, count: 10) == 0..<3)
        cursor.selection = 2
        #expect(cursor.window(rows: 3, count: 10) == 0..<3)
        cursor.selection = 6
        #expect(cursor.window(rows: 3, count: 10) == 4..<7)
        #expect(cursor.window(rows: 3, count: 2) == 4..<4, "a list shorter than the selection shows nothing past its end")
        cursor.selection = 0
        #expect(cursor.window(rows: 5, count: 2) == 0..<2)
        #expect(cursor.window(rows: 0, count: 2).isEmpty)
    }

    @Test("A box draws its border and title and gives the area inside; too small a box draws nothing")
    func box() {
        var canvas = Canvas(width: 12, height: 4)
        let inner = Box("Now").draw(Rect(x: 0, y: 0, width: 12, height: 4), into: &canvas)
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(canvas.text.split(separator: "\n").map(String.init) == [
            "┌─ Now ────┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        var tiny = Canvas(width: 3, height: 3)
        let none = Box("x").draw(Rect(x: 0, y: 0, width: 1, height: 3), into: &tiny)
        #expect(none.width == 0 && none.height == 0)
        #expect(tiny.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
