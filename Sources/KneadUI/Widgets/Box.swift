/// A framed box with an optional title on its top border: the panels of every screen and overlay.
struct Box: Hashable, Sendable {
    var title: String?
    var role: StyleRole = .border

    init(_ title: String? = nil, role: StyleRole = .border) {
        self.title = title
        self.role = role
    }

    /// Draws the frame and title; returns the area inside the border.
    @discardableResult
    func draw(_ rect: Rect, into canvas: inout Canvas) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let inner = rect.width - 2
        // Cell by cell, not as text: every panel of every frame draws its border.
        func cell(_ scalar: Unicode.Scalar) -> Cell { Cell(scalar: scalar, role: role) }
        let rule = cell("─"), side = cell("│")
        canvas.fill(cell("┌"), x: rect.x, y: rect.y, count: 1)
        canvas.fill(rule, x: rect.x + 1, y: rect.y, count: inner)
        canvas.fill(cell("┐"), x: rect.maxX - 1, y: rect.y, count: 1)
        canvas.fill(cell("└"), x: rect.x, y: rect.maxY - 1, count: 1)
        canvas.fill(rule, x: rect.x + 1, y: rect.maxY - 1, count: inner)
        canvas.fill(cell("┘"), x: rect.maxX - 1, y: rect.maxY - 1, count: 1)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            canvas.fill(side, x: rect.x, y: row, count: 1)
            canvas.fill(side, x: rect.maxX - 1, y: row, count: 1)
        }
        if let title {
            canvas.put(" \(title) ", x: rect.x + 2, y: rect.y, role: .title, maxWidth: inner - 2)
        }
        return Rect(x: rect.x + 1, y: rect.y + 1, width: inner, height: rect.height - 2)
    }
}
