import Synchronization

/// The semantic style of a cell. Themes map each role to colours and attributes.
public enum StyleRole: String, CaseIterable, Codable, Sendable {
    case normal, title, border, muted, selected, warning, danger, success, accent
    case hint, hintKey, statusBar, banner, input, inputFocused
    case painNone, painMild, painModerate, painSevere
    case pressure0, pressure1, pressure2, pressure3, pressure4, pressure5
    case timer, timerOver
}

/// One cell of the canvas: a grapheme, its width, and its style.
///
/// A wide grapheme occupies two cells; the second holds an empty string with width 0
/// and marks the trailing half, as ratatui does.
///
/// A cell is plain bits: copied, compared and freed without reference counting, so a frame's
/// 2,000 to 12,000 cells are made, drawn over and diffed as memory. It holds its grapheme's UTF-8
/// in the cell itself when it is 15 bytes or fewer (every letter, mark, rule and emoji a screen
/// draws). A longer grapheme (a family emoji, a letter under many marks) is kept once in
/// ``LongGraphemes``, and the cell holds its number there: the same bytes always get the same
/// number, so two cells are equal exactly when their bytes are.
public struct Cell: Hashable, Sendable {
    /// UTF-8 bytes 0–7, and 8–14 with their count in the last byte of the 16, in memory order; or,
    /// when that last byte is ``longMark``, the grapheme's number in ``LongGraphemes`` in `low`.
    private var low: UInt64
    private var high: UInt64
    /// 0 for a trailing half, else the columns; a width outside 0–2 (no caller makes one) stays
    /// out of range, so the painter draws a substitute for it, not a trailing half.
    private var storedWidth: Int8
    public var role: StyleRole

    /// Most UTF-8 bytes kept in the cell itself.
    static let inlineCapacity = 15
    /// The last byte of a cell whose grapheme is in ``LongGraphemes``.
    private static let longMark: UInt8 = 0xFF

    public static let blank = Cell(scalar: " ", role: .normal)

    public init(text: String, width: Int, role: StyleRole) {
        self.init(text: text, width: width, role: role, longGraphemes: .shared)
    }

    /// A cell whose long grapheme, if it has one, is numbered in `longGraphemes` (tests: a table
    /// that is full). Its `text` reads the shared table.
    init(text: String, width: Int, role: StyleRole, longGraphemes: LongGraphemes) {
        (low, high) = Self.bits(of: text, longGraphemes)
        storedWidth = Int8(clamping: width)
        self.role = role
    }

    /// A one-column cell of one scalar: what most of a frame is made of, without a `String`.
    @inline(__always)
    init(scalar: Unicode.Scalar, role: StyleRole) {
        let v = scalar.value
        let bytes: UInt64, count: UInt64
        switch v {
        case ..<0x80:
            (bytes, count) = (UInt64(v), 1)
        case ..<0x800:
            (bytes, count) = (UInt64(0xC0 | v >> 6) | UInt64(0x80 | v & 0x3F) << 8, 2)
        case ..<0x10000:
            (bytes, count) = (UInt64(0xE0 | v >> 12) | UInt64(0x80 | v >> 6 & 0x3F) << 8 | UInt64(0x80 | v & 0x3F) << 16, 3)
        default:
            (bytes, count) = (UInt64(0xF0 | v >> 18) | UInt64(0x80 | v >> 12 & 0x3F) << 8
                | UInt64(0x80 | v >> 6 & 0x3F) << 16 | UInt64(0x80 | v & 0x3F) << 24, 4)
        }
        low = UInt64(littleEndian: bytes)
        high = UInt64(bigEndian: count)
        storedWidth = 1
        self.role = role
    }

    /// The last byte of the 16 in memory: the inline byte count, or ``longMark``.
    private var countByte: UInt8 { UInt8(truncatingIfNeeded: UInt64(bigEndian: high)) }

    /// The grapheme; empty for the trailing half of a wide one.
    public var text: String {
        get {
            let count = countByte
            if count == Self.longMark { return LongGraphemes.shared.text(number: Int(low)) }
            return withUnsafeBytes(of: (low, high)) { raw in
                String(decoding: UnsafeRawBufferPointer(rebasing: raw.prefix(Int(count))), as: UTF8.self)
            }
        }
        set { (low, high) = Self.bits(of: newValue, .shared) }
    }

    /// The scalar, when the grapheme is exactly one (most cells), without making a `String`.
    public var singleScalar: Unicode.Scalar? {
        let count = countByte
        guard count >= 1, count <= 4 else { return nil }
        let b0 = UInt32(truncatingIfNeeded: UInt64(littleEndian: low))
        let lead = b0 & 0xFF
        let value: UInt32
        switch count {
        case 1: value = lead
        case 2: value = (lead & 0x1F) << 6 | (b0 >> 8 & 0x3F)
        case 3: value = (lead & 0x0F) << 12 | (b0 >> 8 & 0x3F) << 6 | (b0 >> 16 & 0x3F)
        default: value = (lead & 0x07) << 18 | (b0 >> 8 & 0x3F) << 12 | (b0 >> 16 & 0x3F) << 6 | (b0 >> 24 & 0x3F)
        }
        // The byte count says how long the first scalar is only when its lead byte agrees.
        let expected: UInt8 = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard expected == count else { return nil }
        return Unicode.Scalar(value)
    }

    public var width: Int {
        get { Int(storedWidth) }
        set { storedWidth = Int8(clamping: newValue) }
    }

    /// True for the trailing half of a wide grapheme.
    public var isContinuation: Bool { storedWidth == 0 }

    /// The byte count sits in the last byte of the 16 in memory (`bigEndian` of the second word
    /// puts its low byte there), after the at most 15 bytes of text.
    private static func bits(of text: String, _ longGraphemes: LongGraphemes) -> (UInt64, UInt64) {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count <= inlineCapacity else {
                guard let number = longGraphemes.number(of: utf8) else {
                    // The table is full (an input made to fill it): U+FFFD stands in.
                    return bits(of: "\u{FFFD}", longGraphemes)
                }
                return (UInt64(number), UInt64(bigEndian: UInt64(longMark)))
            }
            var pair: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &pair) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(utf8))
                raw[15] = UInt8(utf8.count)
            }
            return pair
        }
    }
}

extension Cell: CustomStringConvertible {
    /// The grapheme, its width and role, as test failures show a cell.
    public var description: String {
        "Cell(\(text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")) \"\(DisplayWidth.sanitized(text))\", width \(width), \(role))"
    }
}

/// The graphemes of more than ``Cell/inlineCapacity`` UTF-8 bytes that cells have held, each kept
/// once for the life of the process and numbered in the order first seen. The same bytes always
/// get the same number, and only the same bytes: two canonically equivalent spellings stay two
/// graphemes, so the terminal gets the bytes the frame holds.
///
/// Such graphemes are rare (a family emoji, a letter under many marks), and a screen draws the
/// same ones at every frame. A text made to hold ever new or ever longer ones (a letter under
/// thousands of marks) stops growing the table at ``capacity`` graphemes or ``byteCapacity``
/// bytes (65,536 and 4 MiB for the shared one): cells of graphemes past either show U+FFFD.
final class LongGraphemes: Sendable {
    static let shared = LongGraphemes(capacity: 65_536, byteCapacity: 4 << 20)
    /// Most graphemes kept.
    let capacity: Int
    /// Most UTF-8 bytes kept, all graphemes together.
    let byteCapacity: Int

    init(capacity: Int, byteCapacity: Int) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
    }

    private struct Table {
        var texts: [String] = []
        var numbers: [[UInt8]: Int] = [:]
        var bytes = 0
    }

    private let table = Mutex(Table())

    /// The number of these bytes, given one if they are new; nil when the table is full.
    func number(of utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        let key = Array(utf8)
        return table.withLock { table in
            if let number = table.numbers[key] { return number }
            guard table.texts.count < capacity, table.bytes + key.count <= byteCapacity else { return nil }
            table.bytes += key.count
            table.texts.append(String(decoding: key, as: UTF8.self))
            table.numbers[key] = table.texts.count - 1
            return table.texts.count - 1
        }
    }

    /// The grapheme a number was given to.
    func text(number: Int) -> String {
        table.withLock { table in table.texts.indices.contains(number) ? table.texts[number] : "\u{FFFD}" }
    }

    /// How many graphemes are kept (tests).
    var count: Int { table.withLock { $0.texts.count } }
}

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

    /// The cells of row `y`, or none when it is outside the canvas.
    func row(_ y: Int) -> [Cell] {
        guard y >= 0, y < height else { return [] }
        return Array(cells[y * width..<(y + 1) * width])
    }

    /// Puts back a row taken with ``row(_:)``; false (and nothing changed) when it is not a row of
    /// this canvas's width.
    mutating func setRow(_ y: Int, to row: [Cell]) -> Bool {
        guard y >= 0, y < height, row.count == width else { return false }
        cells.replaceSubrange(y * width..<(y + 1) * width, with: row)
        return true
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
