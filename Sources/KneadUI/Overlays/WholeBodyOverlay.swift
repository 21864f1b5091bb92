import KneadCore

/// The choice a whole-body contraindication forces before treatment: treat anyway with a
/// reason (an override the note records), or end the session as rescheduled.
///
/// First it asks which (`o`, `r`; keys of `wholeBody`), then for the reason (keys of
/// `reasonPrompt`: Enter records it, Esc goes back to the choice).
final class WholeBodyOverlay: Overlay {
    enum Stage: Hashable, Sendable { case choosing, overriding, rescheduling }
    let causes: [String]
    var stage = Stage.choosing
    var reason = TextField(limit: 300)
    /// The assessment that asked: treatment begins from it once the override is recorded.
    let assessment: AssessmentScreen

    init(causes: [String], assessment: AssessmentScreen) {
        self.causes = causes
        self.assessment = assessment
    }

    var keyContext: KeyContext { stage == .choosing ? .wholeBody : .reasonPrompt }

    /// While the reason is asked, what is typed goes into it; the prompt's own keys act first.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        guard stage != .choosing, action(for: key, env) == nil else { return false }
        reason.handle(key)
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch (stage, action) {
        case (.choosing, .overrideContraindication): stage = .overriding
        case (.choosing, .reschedule): stage = .rescheduling
        case (.choosing, .back): env.pop(self)
        case (_, .back):
            stage = .choosing
            reason = TextField(limit: 300)
        case (.overriding, .save):
            guard env.execute(.overrideContraindication(reason: reason.text)) == nil else { return }
            env.pop(self)
            assessment.beginTreatment(env)
        case (.rescheduling, .save):
            guard env.execute(.reschedule(reason: reason.text, by: env.settings.therapistName)) == nil else { return }
            env.pop(self)
            env.say("Session ended as rescheduled and signed; the note keeps the screening and the reason.")
            env.showSessionScreen()
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let drawn = MessageBox(title: "No massage today", role: .danger,
                               message: "Screening found: " + causes.joined(separator: "; ") + ".",
                               rowsBelow: 5).draw(into: &canvas, rect, env)
        let (box, textWidth, y) = (drawn.box, drawn.textWidth, drawn.y)
        switch stage {
        case .choosing:
            let override = env.keyLabel(.overrideContraindication, in: .wholeBody)
            let reschedule = env.keyLabel(.reschedule, in: .wholeBody)
            let n = canvas.put(override, x: box.x + 2, y: y, role: .hintKey)
            canvas.put(" treat anyway — record an override with a reason", x: box.x + 2 + n, y: y, role: .normal, maxWidth: textWidth - n)
            let m = canvas.put(reschedule, x: box.x + 2, y: y + 1, role: .hintKey)
            canvas.put(" end the session as rescheduled", x: box.x + 2 + m, y: y + 1, role: .normal, maxWidth: textWidth - m)
            canvas.put("\(env.keyLabel(.back, in: .wholeBody)) back to the assessment", x: box.x + 2, y: y + 3, role: .muted,
                       maxWidth: textWidth)
            return nil
        case .overriding, .rescheduling:
            let label = stage == .overriding ? "Why treat despite it? (e.g. physician's clearance)" : "Why reschedule?"
            canvas.put(label, x: box.x + 2, y: y, role: .accent, maxWidth: textWidth)
            canvas.put("\(env.keyLabel(.save, in: .reasonPrompt)) saves · \(env.keyLabel(.back, in: .reasonPrompt)) goes back",
                       x: box.x + 2, y: y + 3, role: .muted, maxWidth: textWidth)
            return reason.render(into: &canvas, rect: Rect(x: box.x + 2, y: y + 1, width: textWidth, height: 1),
                                 role: .inputFocused)
        }
    }
}
