/// A box centred on the screen that says something before asking: its title, the message wrapped
/// to at most 66 columns, then `rowsBelow` rows for what the caller draws under it (the question,
/// the reason field, the keys). The prompts before treatment (no massage today, not screened) use it.
struct MessageBox {
    var title: String
    var role: StyleRole
    var message: String
    var rowsBelow: Int

    /// Where the caller draws: the box, the width of its text, and the row after the message and a blank one.
    struct Drawn {
        var box: Rect
        var textWidth: Int
        var y: Int
    }

    func draw(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Drawn {
        let textWidth = min(66, rect.width - 10)
        let lines = wrap(message, width: textWidth)
        let box = env.centered(width: textWidth + 4, height: lines.count + 3 + rowsBelow)
        canvas.fill(box)
        Box(title, role: role).draw(box, into: &canvas)
        for (i, line) in lines.enumerated() {
            canvas.put(line, x: box.x + 2, y: box.y + 2 + i, role: .normal, maxWidth: textWidth)
        }
        return Drawn(box: box, textWidth: textWidth, y: box.y + 3 + lines.count)
    }
}
