/// What the last frame drew where a click can land: list rows and the body map.
/// Filled while drawing, so a click finds exactly what is on screen.
struct MouseTargets: Hashable, Sendable {
    /// The lists a click can choose a row in.
    enum List: Hashable, Sendable { case today, clients, clientPicker, dayReview, themePicker }

    /// One drawn row of a list.
    struct Row: Hashable, Sendable {
        var list: List
        var index: Int
        var rect: Rect
    }

    var rows: [Row] = []
    /// Where the body map's figures were drawn, and at what scale.
    var bodyMap: BodyMapPlacement?

    /// Records a list row drawn at a rectangle.
    mutating func row(_ list: List, _ index: Int, _ rect: Rect) {
        rows.append(Row(list: list, index: index, rect: rect))
    }

    /// The row at a screen position, if one was drawn there.
    func row(at point: Point) -> Row? {
        rows.last { $0.rect.contains(point) }
    }
}

/// The top-left cell of the body map's figures and the size of one mask cell.
struct BodyMapPlacement: Hashable, Sendable {
    var origin: Point
    var scale: Int
}

extension Rect {
    /// True when the point is inside.
    func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }
}
