import KneadCore

/// Treatment is to begin with no screening question answered: asks why, records "not screened
/// today" with the reason and begins (Enter), or goes back to screen (Esc). Keys of `reasonPrompt`.
final class NotScreenedOverlay: Overlay {
    var reason = TextField(limit: 300)
    /// The assessment that asked: treatment begins from it once the reason is recorded.
    let assessment: AssessmentScreen

    init(assessment: AssessmentScreen) { self.assessment = assessment }

    var keyContext: KeyContext { .reasonPrompt }

    /// What is typed goes into the reason; the prompt's own keys act first.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        guard action(for: key, env) == nil else { return false }
        reason.handle(key)
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .back:
            env.pop(self)
            env.say("Answer the screening questions (y/n) before treatment begins.")
        case .save:
            guard env.execute(.skipScreening(reason: reason.text)) == nil else { return }
            env.pop(self)
            assessment.beginTreatment(env)
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let drawn = MessageBox(title: "Not screened today?", role: .warning,
                               message: "No screening question is answered. Going on records \"not screened today\" with your reason; the note and the day review show it.",
                               rowsBelow: 4).draw(into: &canvas, rect, env)
        let (box, textWidth, y) = (drawn.box, drawn.textWidth, drawn.y)
        canvas.put("Why go on without screening?", x: box.x + 2, y: y, role: .accent, maxWidth: textWidth)
        canvas.put("\(env.keyLabel(.save, in: .reasonPrompt)) begins treatment · \(env.keyLabel(.back, in: .reasonPrompt)) goes back to screen",
                   x: box.x + 2, y: y + 2, role: .muted, maxWidth: textWidth)
        return reason.render(into: &canvas, rect: Rect(x: box.x + 2, y: y + 1, width: textWidth, height: 1), role: .inputFocused)
    }
}
