/// Just enough of an xterm to replay what ncurses writes for TERM=xterm-256color onto a grid of
/// characters: cursor addressing and movement, erasing, repeating, scrolling regions, line and
/// character insertion and deletion, the alternate screen and the DEC line-drawing set.
/// Colours and attributes are ignored; the tests read text.
struct ScreenEmulator {
    let columns: Int
    let rows: Int
    private var grid: [[Character]]
    private var row = 0
    private var column = 0
    private var wrapPending = false
    private var top = 0
    private var bottom: Int
    private var saved = (row: 0, column: 0)
    private var lineDrawing = false
    private var lastPrinted: Character = " "
    private var pending: [UInt8] = []

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        bottom = rows - 1
        grid = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    /// The screen, one string per row, trailing blanks kept.
    var lines: [String] { grid.map { String($0) } }

    mutating func feed<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var index = 0
        while index < pending.count {
            guard let used = step(at: index) else { break } // incomplete sequence: wait for more
            index += used
        }
        pending.removeFirst(index)
    }

    /// Interprets one control, escape sequence or character at `i`; returns the bytes used,
    /// or nil when the bytes end in the middle of it.
    private mutating func step(at i: Int) -> Int? {
        let byte = pending[i]
        switch byte {
        case 0x1B: return escape(at: i)
        case 0x0D: column = 0; wrapPending = false; return 1
        case 0x0A, 0x0B, 0x0C: lineFeed(); return 1
        case 0x08: if column > 0 { column -= 1 }; wrapPending = false; return 1
        case 0x09: column = min(columns - 1, (column / 8 + 1) * 8); return 1
        case 0x0E, 0x0F, 0x07, 0x00: return 1
        case 0x01..<0x20, 0x7F: return 1
        default: break
        }
        // A UTF-8 encoded character.
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        guard i + length <= pending.count else { return nil }
        let scalarBytes = Array(pending[i..<(i + length)])
        let text = String(decoding: scalarBytes, as: UTF8.self)
        if let scalar = text.unicodeScalars.first {
            if scalar.properties.generalCategory == .nonspacingMark { return length } // combining: ignore
            print(Character(scalar))
        }
        return length
    }

    private mutating func print(_ character: Character) {
        var character = character
        if lineDrawing, let mapped = Self.lineDrawingSet[character] { character = mapped }
        if wrapPending {
            column = 0
            lineFeed()
            wrapPending = false
        }
        grid[row][column] = character
        lastPrinted = character
        if column == columns - 1 { wrapPending = true } else { column += 1 }
    }

    private mutating func lineFeed() {
        wrapPending = false
        if row == bottom { scrollUp(1) } else if row < rows - 1 { row += 1 }
    }

    private mutating func scrollUp(_ count: Int) {
        for _ in 0..<count {
            grid.remove(at: top)
            grid.insert(blankRow, at: bottom)
        }
    }

    private mutating func scrollDown(_ count: Int) {
        for _ in 0..<count {
            grid.remove(at: bottom)
            grid.insert(blankRow, at: top)
        }
    }

    private var blankRow: [Character] { Array(repeating: " ", count: columns) }

    private mutating func escape(at i: Int) -> Int? {
        guard i + 1 < pending.count else { return nil }
        let next = pending[i + 1]
        switch next {
        case UInt8(ascii: "["): return controlSequence(at: i)
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"):
            // OSC / DCS / APC / PM: skip to BEL or ESC \.
            var j = i + 2
            while j < pending.count {
                if pending[j] == 0x07 { return j + 1 - i }
                if pending[j] == 0x1B {
                    guard j + 1 < pending.count else { return nil }
                    if pending[j + 1] == UInt8(ascii: "\\") { return j + 2 - i }
                }
                j += 1
            }
            return nil
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            guard i + 2 < pending.count else { return nil }
            if next == UInt8(ascii: "(") { lineDrawing = pending[i + 2] == UInt8(ascii: "0") }
            return 3
        case UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: " "):
            return i + 2 < pending.count ? 3 : nil
        case UInt8(ascii: "7"): saved = (row, column); return 2
        case UInt8(ascii: "8"): (row, column) = saved; wrapPending = false; return 2
        case UInt8(ascii: "D"): lineFeed(); return 2
        case UInt8(ascii: "E"): column = 0; lineFeed(); return 2
        case UInt8(ascii: "M"):
            wrapPending = false
            if row == top { scrollDown(1) } else if row > 0 { row -= 1 }
            return 2
        case UInt8(ascii: "c"):
            self = ScreenEmulator(columns: columns, rows: rows)
            return 2
        default: return 2 // ESC =, ESC >, and anything else of two bytes
        }
    }

    private mutating func controlSequence(at i: Int) -> Int? {
        var j = i + 2
        while j < pending.count, !(0x40...0x7E).contains(pending[j]) { j += 1 }
        guard j < pending.count else { return nil }
        let final = Character(UnicodeScalar(pending[j]))
        let body = String(decoding: pending[(i + 2)..<j], as: UTF8.self)
        let isPrivate = body.hasPrefix("?") || body.hasPrefix(">") || body.hasPrefix("=")
        let parameters = body.drop { "?>=".contains($0) }.split(separator: ";", omittingEmptySubsequences: false)
            .map { Int($0.prefix { $0.isNumber }) }
        func parameter(_ n: Int, _ fallback: Int = 1) -> Int {
            guard n < parameters.count, let value = parameters[n], value != 0 else { return fallback }
            return value
        }
        let used = j + 1 - i
        if isPrivate {
            if final == "h" || final == "l", parameters.contains(where: { $0 == 1049 || $0 == 47 || $0 == 1047 }) {
                clear(from: 0, to: rows * columns)
                if final == "h" { saved = (row, column) }
            }
            return used
        }
        switch final {
        case "H", "f":
            row = min(rows - 1, parameter(0) - 1)
            column = min(columns - 1, parameter(1) - 1)
            wrapPending = false
        case "A": row = max(row < top ? 0 : top, row - parameter(0)); wrapPending = false
        case "B", "e": row = min(row > bottom ? rows - 1 : bottom, row + parameter(0)); wrapPending = false
        case "C", "a": column = min(columns - 1, column + parameter(0)); wrapPending = false
        case "D": column = max(0, column - parameter(0)); wrapPending = false
        case "E": row = min(rows - 1, row + parameter(0)); column = 0; wrapPending = false
        case "F": row = max(0, row - parameter(0)); column = 0; wrapPending = false
        case "G", "`": column = min(columns - 1, parameter(0) - 1); wrapPending = false
        case "d": row = min(rows - 1, parameter(0) - 1); wrapPending = false
        case "J":
            let here = row * columns + column
            switch parameter(0, 0) {
            case 0: clear(from: here, to: rows * columns)
            case 1: clear(from: 0, to: here + 1)
            default: clear(from: 0, to: rows * columns)
            }
        case "K":
            let start = row * columns
            switch parameter(0, 0) {
            case 0: clear(from: start + column, to: start + columns)
            case 1: clear(from: start, to: start + column + 1)
            default: clear(from: start, to: start + columns)
            }
        case "X":
            let start = row * columns + column
            clear(from: start, to: min(start + parameter(0), row * columns + columns))
        case "b":
            for _ in 0..<parameter(0) { print(lastPrinted) }
        case "@":
            let n = min(parameter(0), columns - column)
            grid[row].insert(contentsOf: Array(repeating: " ", count: n), at: column)
            grid[row].removeLast(n)
        case "P":
            let n = min(parameter(0), columns - column)
            grid[row].removeSubrange(column..<(column + n))
            grid[row].append(contentsOf: Array(repeating: " ", count: n))
        case "L":
            guard (top...bottom).contains(row) else { break }
            for _ in 0..<min(parameter(0), bottom - row + 1) {
                grid.remove(at: bottom)
                grid.insert(blankRow, at: row)
            }
            column = 0
        case "M":
            guard (top...bottom).contains(row) else { break }
            for _ in 0..<min(parameter(0), bottom - row + 1) {
                grid.remove(at: row)
                grid.insert(blankRow, at: bottom)
            }
            column = 0
        case "S": scrollUp(parameter(0))
        case "T": scrollDown(parameter(0))
        case "r":
            top = max(0, parameter(0) - 1)
            bottom = min(rows - 1, parameter(1, rows) - 1)
            if top >= bottom { top = 0; bottom = rows - 1 }
            row = 0
            column = 0
            wrapPending = false
        case "s": saved = (row, column)
        case "u": (row, column) = saved; wrapPending = false
        default: break // m (colours), h/l modes, n, c, t, ...
        }
        return used
    }

    private mutating func clear(from start: Int, to end: Int) {
        var index = max(0, start)
        while index < min(end, rows * columns) {
            grid[index / columns][index % columns] = " "
            index += 1
        }
    }

    private static let lineDrawingSet: [Character: Character] = [
        "j": "┘", "k": "┐", "l": "┌", "m": "└", "n": "┼", "q": "─", "t": "├", "u": "┤",
        "v": "┴", "w": "┬", "x": "│", "a": "▒", "`": "◆", "~": "·", "0": "█",
    ]
}

extension [UInt8] {
    /// The text with escape sequences and control characters removed.
    var withoutEscapes: String {
        var out: [UInt8] = []
        var i = 0
        while i < count {
            let byte = self[i]
            if byte == 0x1B, i + 1 < count {
                let next = self[i + 1]
                if next == UInt8(ascii: "[") {
                    var j = i + 2
                    while j < count, !(0x40...0x7E).contains(self[j]) { j += 1 }
                    i = j + 1
                } else if next == UInt8(ascii: "]") {
                    var j = i + 2
                    while j < count, self[j] != 0x07, !(self[j] == 0x1B && j + 1 < count && self[j + 1] == UInt8(ascii: "\\")) { j += 1 }
                    i = j < count && self[j] == 0x07 ? j + 1 : j + 2
                } else if [UInt8(ascii: "("), UInt8(ascii: ")")].contains(next) {
                    i += 3
                } else {
                    i += 2
                }
                continue
            }
            if byte >= 0x20 || byte == 0x0A { out.append(byte) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Where `needle` last occurs, if it does.
    func lastRange(of needle: String) -> Range<Int>? {
        let pattern = Array(needle.utf8)
        guard pattern.count <= count else { return nil }
        var start = count - pattern.count
        while start >= 0 {
            if self[start..<(start + pattern.count)].elementsEqual(pattern) { return start..<(start + pattern.count) }
            start -= 1
        }
        return nil
    }
}
