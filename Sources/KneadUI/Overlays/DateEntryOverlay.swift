/// Typing a day to review: YYYY-MM-DD, MM-DD or DD; Enter goes there, Esc cancels.
final class DateEntryOverlay: Overlay {
    var field: TextField
    /// What Enter does with the text typed.
    let entered: (String, ScreenEnvironment) -> Void

    init(_ typed: String = "", entered: @escaping (String, ScreenEnvironment) -> Void) {
        field = TextField(typed, limit: 10)
        self.entered = entered
    }

    var keyContext: KeyContext { .dateEntry }

    /// Digits and dashes go to the date; the overlay's own keys act first; other letters do nothing.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        guard action(for: key, env) == nil else { return false }
        if case .character(let c) = key, !(c.isASCII && (c.isNumber || c == "-")) { return true }
        field.handle(key)
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .back: env.pop(self)
        case .choose:
            env.pop(self)
            entered(field.text, env)
        default: break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let box = env.centered(width: 44, height: 6)
        canvas.fill(box)
        Box("Go to a day", role: .accent).draw(box, into: &canvas)
        canvas.put("Date:", x: box.x + 2, y: box.y + 2, role: .muted)
        let cursor = field.render(into: &canvas, rect: Rect(x: box.x + 8, y: box.y + 2, width: 12, height: 1), role: .inputFocused)
        canvas.put("YYYY-MM-DD, MM-DD or DD · \(env.keyLabel(.choose, in: .dateEntry)) · \(env.keyLabel(.back, in: .dateEntry))",
                   x: box.x + 2, y: box.y + 4, role: .muted, maxWidth: box.width - 4)
        return cursor
    }
}
