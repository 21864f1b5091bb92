/// An editable text value with a cursor, and the editing keys people expect.
///
/// Arrows, Home/End, Backspace/Delete, Ctrl-A/E (line start/end), Ctrl-K (kill to end of line),
/// Ctrl-U (kill to start of line), Ctrl-W (delete the word before the cursor). A multi-line field
/// takes Enter as a new line; up and down move between lines. The cursor moves by grapheme, so
/// an accented letter, a Korean syllable or an emoji is one step.
public struct TextField: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// The cursor, an index into `characters` (0...count).
    public private(set) var cursor: Int
    public let isMultiline: Bool
    /// The longest text the field accepts, in characters.
    public let limit: Int

    /// Text already longer than `limit` (stored before, or set by the app) is kept whole, never
    /// cut: the limit only stops typing, and typing past it says so (``Outcome/full``).
    public init(_ text: String = "", multiline: Bool = false, limit: Int = 4000) {
        characters = Array(text)
        cursor = characters.count
        isMultiline = multiline
        self.limit = limit
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = characters.count
        }
    }

    /// What a key did to the field.
    public enum Outcome: Equatable, Sendable {
        case edited, moved, ignored
        /// A character was typed but the field already holds `limit` characters: nothing was added.
        case full
    }

    /// The sentence a form shows at a field that refused a character because it is full.
    public var fullNotice: String {
        "This field holds at most \(limit) characters; what you typed after that was not added."
    }

    /// Applies one key. Keys the field does not use are `ignored`, so the screen can take them.
    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let c):
            return insert(c)
        case .enter where isMultiline:
            return insert("\n")
        case .backspace, .control("h"):
            guard cursor > 0 else { return .ignored }
            cursor -= 1
            characters.remove(at: cursor)
            return .edited
        case .delete, .control("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .edited
        case .left, .control("b"):
            guard cursor > 0 else { return .ignored }
            cursor -= 1
            return .moved
        case .right, .control("f"):
            guard cursor < characters.count else { return .ignored }
            cursor += 1
            return .moved
        case .home, .control("a"):
            cursor = lineStart(of: cursor)
            return .moved
        case .end, .control("e"):
            cursor = lineEnd(of: cursor)
            return .moved
        case .control("k"):
            let end = lineEnd(of: cursor)
            guard end > cursor else { return .ignored }
            characters.removeSubrange(cursor..<end)
            return .edited
        case .control("u"):
            let start = lineStart(of: cursor)
            guard start < cursor else { return .ignored }
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .edited
        case .control("w"):
            guard cursor > 0 else { return .ignored }
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace, characters[start - 1] != "\n" { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .edited
        case .up where isMultiline:
            let start = lineStart(of: cursor)
            guard start > 0 else { return .ignored }
            let column = DisplayWidth.of(String(characters[start..<cursor]))
            let previousStart = lineStart(of: start - 1)
            cursor = index(atColumn: column, lineStart: previousStart)
            return .moved
        case .down where isMultiline:
            let end = lineEnd(of: cursor)
            guard end < characters.count else { return .ignored }
            let column = DisplayWidth.of(String(characters[lineStart(of: cursor)..<cursor]))
            cursor = index(atColumn: column, lineStart: end + 1)
            return .moved
        default:
            return .ignored
        }
    }

    private mutating func insert(_ c: Character) -> Outcome {
        guard characters.count < limit else { return .full }
        // Control characters never enter a field: they could reach the terminal or a note raw.
        if c != "\n", c.unicodeScalars.contains(where: DisplayWidth.isControl) { return .ignored }
        characters.insert(c, at: cursor)
        cursor += 1
        return .edited
    }

    private func lineStart(of index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    private func lineEnd(of index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i] != "\n" { i += 1 }
        return i
    }

    private func index(atColumn column: Int, lineStart start: Int) -> Int {
        let end = lineEnd(of: start)
        var i = start
        var used = 0
        while i < end {
            let w = DisplayWidth.of(characters[i])
            if used + w > column { break }
            used += w
            i += 1
        }
        return i
    }

    /// Draws the field into a rectangle, scrolled so the cursor is visible.
    /// Returns where the terminal cursor belongs when the field has focus.
    @discardableResult
    public func render(into canvas: inout Canvas, rect: Rect, role: StyleRole) -> Point {
        guard rect.width > 0, rect.height > 0 else { return Point(x: rect.x, y: rect.y) }
        if isMultiline { return renderWrapped(wrappedRows(width: rect.width - 1), into: &canvas, rect: rect, role: role) }
        for row in 0..<rect.height {
            canvas.put(String(repeating: " ", count: rect.width), x: rect.x, y: rect.y + row, role: role)
        }
        // Split into logical lines, remembering where the cursor falls.
        var lines: [[Character]] = [[]]
        var cursorLine = 0
        var cursorColumnIndex = 0
        for (i, c) in characters.enumerated() {
            if i == cursor { cursorLine = lines.count - 1; cursorColumnIndex = lines[lines.count - 1].count }
            if c == "\n" { lines.append([]) } else { lines[lines.count - 1].append(c) }
        }
        if cursor == characters.count { cursorLine = lines.count - 1; cursorColumnIndex = lines[lines.count - 1].count }

        let firstLine = max(0, cursorLine - rect.height + 1)
        var cursorPoint = Point(x: rect.x, y: rect.y)
        for row in 0..<rect.height {
            let lineIndex = firstLine + row
            guard lineIndex < lines.count else { break }
            let line = lines[lineIndex]
            // Horizontal scroll only for the cursor's line, so the cursor is always visible.
            var start = 0
            if lineIndex == cursorLine {
                let before = DisplayWidth.of(String(line[0..<cursorColumnIndex]))
                var overflow = before - (rect.width - 1)
                while overflow > 0, start < cursorColumnIndex {
                    overflow -= DisplayWidth.of(line[start])
                    start += 1
                }
                let visibleBefore = DisplayWidth.of(String(line[start..<cursorColumnIndex]))
                cursorPoint = Point(x: rect.x + visibleBefore, y: rect.y + row)
            }
            canvas.put(String(line[start...]), x: rect.x, y: rect.y + row, role: role, maxWidth: rect.width)
        }
        return cursorPoint
    }

    /// The rows of a multi-line text wrapped to `width` columns, each a range of `characters`:
    /// a line breaks after its last space that fits (inside a word only when no space does); a
    /// new line ends a row and belongs to none.
    func wrappedRows(width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var start = 0
        var used = 0
        var afterSpace: Int?
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "\n" {
                rows.append(start..<i)
                i += 1
                start = i
                used = 0
                afterSpace = nil
                continue
            }
            let w = DisplayWidth.of(c)
            if used + w > width, i > start {
                let cut = afterSpace.flatMap { $0 > start ? $0 : nil } ?? i
                rows.append(start..<cut)
                start = cut
                used = characters[start..<i].reduce(0) { $0 + DisplayWidth.of($1) }
                afterSpace = nil
            }
            used += w
            i += 1
            if c == " " { afterSpace = i }
        }
        rows.append(start..<characters.count)
        return rows
    }

    /// The wrapped row the cursor is on (see ``wrappedRows(width:)``).
    func cursorRow(in rows: [Range<Int>]) -> Int {
        rows.lastIndex { $0.lowerBound <= cursor && cursor <= $0.upperBound } ?? max(0, rows.count - 1)
    }


    /// A multi-line field: every line wrapped to the width, scrolled so the cursor's row shows.
    /// `rows` are the text's rows wrapped to one column less than `rect`'s width (see ``wrappedRows(width:)``).
    func renderWrapped(_ rows: [Range<Int>], into canvas: inout Canvas, rect: Rect, role: StyleRole) -> Point {
        for row in 0..<rect.height {
            canvas.put(String(repeating: " ", count: rect.width), x: rect.x, y: rect.y + row, role: role)
        }
        let cursorRow = cursorRow(in: rows)
        let first = max(0, cursorRow - rect.height + 1)
        var cursorPoint = Point(x: rect.x, y: rect.y)
        for row in 0..<rect.height {
            let index = first + row
            guard index < rows.count else { break }
            let range = rows[index]
            canvas.put(String(characters[range]), x: rect.x, y: rect.y + row, role: role, maxWidth: rect.width)
            if index == cursorRow {
                let before = characters[range.lowerBound..<min(cursor, range.upperBound)].reduce(0) { $0 + DisplayWidth.of($1) }
                cursorPoint = Point(x: rect.x + before, y: rect.y + row)
            }
        }
        return cursorPoint
    }
}
