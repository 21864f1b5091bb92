import KneadCore

/// Pain across visits drawn in cells: per visit a bar from the score before treatment (●) to
/// the score after (○), on a 0–10 axis; the newest visits that fit, oldest at the left.
public struct PainChart {
    /// One visit's scores.
    public struct Visit: Hashable {
        public var before: Int?
        public var after: Int?
        public init(before: Int?, after: Int?) {
            self.before = before
            self.after = after
        }
    }

    public var visits: [Visit]
    public init(visits: [Visit]) { self.visits = visits }
    /// Columns per visit.
    static let step = 3
    /// Columns of the axis labels at the left.
    static let axisWidth = 4

    /// How many visits fit in a width.
    public static func capacity(width: Int) -> Int { max(0, (width - axisWidth - 1) / step) }

    /// Draws the chart in `rect`: the plot above, the axis line at the bottom row.
    public func render(into canvas: inout Canvas, rect: Rect) {
        let rows = rect.height - 1
        guard rows >= 3, rect.width > Self.axisWidth + Self.step else { return }
        func row(_ value: Int) -> Int {
            let fromBottom = Int((Double(value) * Double(rows - 1) / 10).rounded())
            return rect.y + rows - 1 - fromBottom
        }
        for value in [10, 5, 0] {
            let label = String(value)
            canvas.put(String(repeating: " ", count: 3 - label.count) + label + "┤", x: rect.x, y: row(value), role: .muted)
        }
        for y in rect.y..<(rect.y + rows) where canvas[rect.x + 3, y].text == " " {
            canvas.put("│", x: rect.x + 3, y: y, role: .muted)
        }
        let plotWidth = rect.width - Self.axisWidth
        canvas.put("└" + String(repeating: "─", count: max(0, plotWidth - 1)), x: rect.x + 3, y: rect.y + rows, role: .muted)
        let shown = visits.suffix(Self.capacity(width: rect.width))
        for (i, visit) in shown.enumerated() {
            let x = rect.x + Self.axisWidth + 1 + i * Self.step
            switch (visit.before, visit.after) {
            case let (before?, after?):
                let (top, bottom) = (row(max(before, after)), row(min(before, after)))
                let meaningful = abs(after - before) >= 2
                let barRole: StyleRole = !meaningful ? .muted : (after < before ? .success : .danger)
                if bottom - top > 1 {
                    for y in (top + 1)..<bottom { canvas.put("│", x: x, y: y, role: barRole) }
                }
                if before == after {
                    canvas.put("◉", x: x, y: row(before), role: Self.role(before))
                } else {
                    canvas.put("●", x: x, y: row(before), role: Self.role(before))
                    canvas.put("○", x: x, y: row(after), role: Self.role(after))
                }
            case let (before?, nil):
                canvas.put("●", x: x, y: row(before), role: Self.role(before))
            case let (nil, after?):
                canvas.put("○", x: x, y: row(after), role: Self.role(after))
            case (nil, nil):
                canvas.put("·", x: x, y: row(0), role: .muted)
            }
        }
    }

    static func role(_ value: Int) -> StyleRole {
        switch PainScore(value)?.band ?? .none {
        case .none: .painNone
        case .mild: .painMild
        case .moderate: .painModerate
        case .severe: .painSevere
        }
    }
}
