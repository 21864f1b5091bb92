/// A question that waits for yes or no. Yes does what the opener asked; no closes it and
/// changes nothing (saying so when `declined` is given).
final class ConfirmOverlay: Overlay {
    let question: String
    /// What yes does, after the question has closed.
    let confirmed: (ScreenEnvironment) -> Void
    /// What the status line says after no, if anything.
    let declined: String?

    init(_ question: String, declined: String? = nil, confirmed: @escaping (ScreenEnvironment) -> Void) {
        self.question = question
        self.declined = declined
        self.confirmed = confirmed
    }

    var keyContext: KeyContext { .confirm }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .confirmYes:
            env.pop(self)
            confirmed(env)
        case .confirmNo:
            env.pop(self)
            if let declined { env.say(declined) }
        default: break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let lines = wrap(question, width: min(60, rect.width - 8))
        let box = env.centered(width: min(64, rect.width - 4), height: lines.count + 4)
        canvas.fill(box)
        Box("Confirm", role: .warning).draw(box, into: &canvas)
        for (i, line) in lines.enumerated() {
            canvas.put(line, x: box.x + 2, y: box.y + 1 + i, role: .normal, maxWidth: box.width - 4)
        }
        canvas.put("y", x: box.x + 2, y: box.maxY - 2, role: .hintKey)
        canvas.put(" yes    ", x: box.x + 3, y: box.maxY - 2, role: .normal)
        canvas.put("n", x: box.x + 11, y: box.maxY - 2, role: .hintKey)
        canvas.put(" no", x: box.x + 12, y: box.maxY - 2, role: .normal)
        return nil
    }
}

extension KneadApp {
    /// Asks a question whose yes is one of the app's pending actions.
    func confirm(_ question: String, _ pending: Pending) {
        let declined: String? = if case .screeningConfirmation = pending { "Not confirmed; nothing changed." } else { nil }
        overlays.append(ConfirmOverlay(question, declined: declined) { env in env.app.confirmed(pending) })
    }
}
