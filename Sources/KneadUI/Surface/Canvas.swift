/// A grid of cells that widgets draw into. Nothing here knows about a terminal.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Draws text starting at a column, within `maxWidth` columns and the canvas edge.
    /// Control characters are replaced, so user text can never reach the terminal raw.
    /// Returns the number of columns drawn.
    ///
    /// Text that does not fit ends in `…`: a word is never cut without it. The `…` takes the
    /// last column, wide characters are never split, combining marks stay with their letter,
    /// and spaces before the `…` are dropped. Only a tail without letters or digits (a rule of
    /// `─`, padding) is clipped silently.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        guard x + DisplayWidth.of(text) > limit else { return draw(Substring(text), x: x, y: y, role: role, limit: limit) }
        // It does not fit: find where it is cut, and whether a word goes with the cut.
        let cut = Self.fittingEnd(of: text, from: x, within: limit)
        guard text[cut...].contains(where: { $0.isLetter || $0.isNumber }) else {
            return draw(text[..<cut], x: x, y: y, role: role, limit: limit)
        }
        // Room for the "…": keep what fits in one column less, without trailing spaces.
        let kept = Self.fittingEnd(of: text[..<cut], from: x, within: limit - 1)
        var head = text[..<kept]
        while let last = head.last, last.isWhitespace { head = head.dropLast() }
        let drawn = draw(head, x: x, y: y, role: role, limit: limit - 1)
        guard x + drawn < limit, x + drawn >= 0 else { return drawn }
        clearOverlap(x: x + drawn, y: y, width: 1)
        cells[y * width + x + drawn] = Cell(text: "…", width: 1, role: role)
        return drawn + 1
    }

    /// Where the part of `text` that fits between column `x` and `limit` ends, on a grapheme
    /// boundary: one-column scalars are stepped over without breaking graphemes (as in `draw`),
    /// the rest grapheme by grapheme.
    private static func fittingEnd(of text: some StringProtocol, from x: Int, within limit: Int) -> String.Index {
        let scalars = text.unicodeScalars
        var column = x
        var i = text.startIndex
        while i < text.endIndex {
            if let next = DisplayWidth.simpleGraphemeEnd(scalars, at: i) {
                if column + 1 > limit { return i }
                column += 1
                i = next
                continue
            }
            let w = DisplayWidth.of(DisplayWidth.safe(text[i]))
            if column + w > limit { return i }
            column += w
            i = text.index(after: i)
        }
        return text.endIndex
    }

    /// Draws text that is known to fit, or that is clipped at `limit` without a mark.
    private mutating func draw(_ text: Substring, x: Int, y: Int, role: StyleRole, limit: Int) -> Int {
        var column = x
        // One-column graphemes of one scalar each, from the UTF-8, without breaking graphemes
        // (most of the cost of a frame); any other grapheme on its own, after which the walk
        // from the bytes takes up again at the next grapheme boundary.
        // A Substring's UTF-8 is made contiguous once (it already is, for a native string).
        var bytes = text
        let total = text.utf8.count
        var offset = 0
        while offset < total {
            offset += bytes.withUTF8 { utf8 in
                DisplayWidth.walkSimple(UnsafeBufferPointer(rebasing: utf8[offset...]), limit: max(0, limit - column)) { scalar in
                    if column >= 0 {
                        clearOverlap(x: column, y: y, width: 1)
                        // A simple scalar is never a control character: it is drawn as it is.
                        cells[y * width + column] = Cell(scalar: scalar, role: role)
                    }
                    column += 1
                }
            }
            guard offset < total else { break }
            let raw = text[text.utf8.index(text.startIndex, offsetBy: offset)]
            offset += raw.utf8.count
            let character = DisplayWidth.safe(raw)
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A lone combining mark or zero-width character: attach to the previous cell.
                if column > 0, column - 1 < width, column - 1 >= x {
                    var previous = column - 1
                    if cells[y * width + previous].isContinuation { previous -= 1 }
                    cells[y * width + previous].text.append(character)
                }
                continue
            }
            if column + w > limit { break }
            if column >= 0 {
                clearOverlap(x: column, y: y, width: w)
                cells[y * width + column] = Cell(text: String(character), width: w, role: role)
                if w == 2 { cells[y * width + column + 1] = Cell(text: "", width: 0, role: role) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// The cells of a rectangle, row after row, or nil when it is not wholly on the canvas.
    func cells(in rect: Rect) -> [Cell]? {
        guard rect.x >= 0, rect.y >= 0, rect.maxX <= width, rect.maxY <= height else { return nil }
        var taken: [Cell] = []
        taken.reserveCapacity(rect.width * rect.height)
        for y in rect.y..<rect.maxY { taken += cells[y * width + rect.x..<y * width + rect.maxX] }
        return taken
    }

    /// Puts back the cells of a rectangle taken with ``cells(in:)``; false (and nothing changed)
    /// when they do not fit it.
    mutating func setCells(in rect: Rect, to taken: [Cell]) -> Bool {
        guard rect.x >= 0, rect.y >= 0, rect.maxX <= width, rect.maxY <= height,
              taken.count == rect.width * rect.height else { return false }
        for (row, y) in (rect.y..<rect.maxY).enumerated() {
            cells.replaceSubrange(y * width + rect.x..<y * width + rect.maxX,
                                  with: taken[row * rect.width..<(row + 1) * rect.width])
        }
        return true
    }

    /// Fills `count` cells of row `y` from column `x` with one cell, clipped to the canvas: the
    /// rules and borders of boxes, without measuring text cell by cell. The cell must be one
    /// column wide and safe to draw (a literal such as "─"); a wide grapheme it cuts in half is
    /// blanked, as `put` does.
    mutating func fill(_ cell: Cell, x: Int, y: Int, count: Int) {
        precondition(cell.width == 1, "fill takes a one-column cell")
        guard y >= 0, y < height else { return }
        let start = max(0, x), end = min(width, x + count)
        guard start < end else { return }
        clearOverlap(x: start, y: y, width: end - start)
        for column in start..<end { cells[y * width + column] = cell }
    }

    /// Sets the style of a run of cells without changing their text.
    public mutating func style(x: Int, y: Int, width w: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) { cells[y * width + column].role = role }
    }

    /// Fills a rectangle with spaces of one style.
    public mutating func fill(_ rect: Rect, role: StyleRole = .normal) {
        let r = rect.clipped(to: Rect(x: 0, y: 0, width: width, height: height))
        guard r.width > 0, r.height > 0 else { return }
        let space = Cell(scalar: " ", role: role)
        for row in r.y..<(r.y + r.height) {
            for column in r.x..<(r.x + r.width) {
                cells[row * width + column] = space
            }
        }
        // A wide grapheme cut in half at the left edge would leave a dangling trailer.
        for row in r.y..<(r.y + r.height) where r.x > 0 && cells[row * width + r.x - 1].width == 2 {
            cells[row * width + r.x - 1] = Cell(scalar: " ", role: cells[row * width + r.x - 1].role)
        }
    }

    /// Copies rows of another canvas onto this one, with its top-left at `origin`; cells that
    /// fall outside are clipped. A wide grapheme cut at the right edge is dropped whole.
    public mutating func draw(_ other: Canvas, rows: Range<Int>, at origin: Point) {
        for (offset, sourceRow) in rows.enumerated() where sourceRow >= 0 && sourceRow < other.height {
            let y = origin.y + offset
            guard y >= 0, y < height else { continue }
            for sourceColumn in 0..<other.width {
                let x = origin.x + sourceColumn
                guard x >= 0, x < width else { continue }
                var cell = other[sourceColumn, sourceRow]
                if cell.width == 2, x + 1 >= width { cell = Cell(scalar: " ", role: cell.role) }
                cells[y * width + x] = cell
            }
        }
    }

    /// The canvas as plain text lines, for snapshots and tests.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let cell = cells[row * width + column]
                if !cell.isContinuation { line += cell.text }
            }
            return line
        }
    }

    /// The text of the canvas with trailing spaces trimmed from each line.
    public var text: String {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }

    private mutating func clearOverlap(x: Int, y: Int, width w: Int) {
        // Overwriting half of a wide grapheme blanks its other half.
        let first = cells[y * width + x]
        if first.isContinuation, x > 0 {
            cells[y * width + x - 1] = Cell(scalar: " ", role: cells[y * width + x - 1].role)
        }
        let lastColumn = x + w - 1
        if lastColumn < width, cells[y * width + lastColumn].width == 2, lastColumn + 1 < width {
            cells[y * width + lastColumn + 1] = Cell(scalar: " ", role: cells[y * width + lastColumn + 1].role)
        }
    }
}

/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The part of this rectangle inside another.
    public func clipped(to other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        return Rect(x: nx, y: ny, width: min(maxX, other.maxX) - nx, height: min(maxY, other.maxY) - ny)
    }

    /// The rectangle shrunk by a margin on every side.
    public func inset(by margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }
}
