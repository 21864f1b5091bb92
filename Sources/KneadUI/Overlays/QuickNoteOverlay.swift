/// A one-line finding or note during treatment: Enter saves it to the session, Esc drops it.
final class QuickNoteOverlay: Overlay {
    var field = TextField(limit: 500)

    var keyContext: KeyContext { .quickNote }

    /// Typing goes to the note; the overlay's own keys (Enter, Esc) act first.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        guard action(for: key, env) == nil else { return false }
        field.handle(key)
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .back: env.pop(self)
        case .save:
            env.pop(self)
            if env.execute(.note(field.text)) == nil { env.say("Note saved.") }
        default: break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let box = env.centered(width: min(76, rect.width - 4), height: 5)
        canvas.fill(box)
        Box("Finding or note — \(env.keyLabel(.save, in: .quickNote)) saves, \(env.keyLabel(.back, in: .quickNote)) cancels",
            role: .accent).draw(box, into: &canvas)
        if field.characters.count >= field.limit {
            canvas.put(field.fullNotice, x: box.x + 2, y: box.y + 3, role: .warning, maxWidth: box.width - 4)
        }
        return field.render(into: &canvas, rect: Rect(x: box.x + 2, y: box.y + 2, width: box.width - 4, height: 1),
                            role: .inputFocused)
    }
}
