/// The highlighted row of a list and the rows in view: the one place a selection is clamped to
/// the list and a scroll window follows it.
struct ListCursor: Hashable, Sendable {
    /// The highlighted row, an index into the list.
    var selection = 0

    init(_ selection: Int = 0) { self.selection = selection }

    /// Moves by `delta` rows, staying inside a list of `count` rows.
    mutating func move(_ delta: Int, count: Int) {
        selection = Self.clamped(selection + delta, count: count)
    }

    /// Brings the selection back inside a list that now has `count` rows.
    mutating func clamp(count: Int) {
        selection = Self.clamped(selection, count: count)
    }

    /// The rows to draw in a window of `rows` lines: from the top, scrolled just enough that the
    /// selection is on the last line when it is further down.
    func window(rows: Int, count: Int) -> Range<Int> {
        let first = max(0, selection - rows + 1)
        return first..<max(first, min(count, first + max(0, rows)))
    }

    /// Whether a row is the highlighted one.
    func isSelected(_ row: Int) -> Bool { row == selection }

    static func clamped(_ index: Int, count: Int) -> Int { min(max(0, count - 1), max(0, index)) }
}
