import KneadCore

/// The choice a whole-body contraindication forces: override with a reason, or reschedule.
struct WholeBodyPrompt: Hashable, Sendable {
    enum Stage: Hashable, Sendable { case choosing, overriding, rescheduling }
    var causes: [String]
    var stage: Stage = .choosing
    var reason = TextField(limit: 300)
}

extension KneadApp {
    /// The screening findings on screen now: on the assessment form, what the form holds (saved or not).
    var liveFindings: [ScreeningFinding] {
        screen == .assessment ? assessmentFromForm().findings() : session?.findings ?? []
    }


    /// The banner for the red flags not yet acknowledged: those that need same-day emergency
    /// care apart from those that mean "refer to a physician".
    var waitingRedFlagBanner: RedFlagBanner? {
        guard let state = session, state.phase < .signed else { return nil }
        return liveFindings.redFlagBanner(acknowledged: state.acknowledgedRedFlags)
    }

    func acknowledgeRedFlags() {
        let emergency = waitingRedFlagBanner?.isEmergency ?? false
        if screen == .assessment { saveAssessment(quietly: true) }
        if execute(.acknowledgeRedFlags) == nil {
            status = StatusMessage(text: emergency
                ? "Red flags acknowledged; the note says which need same-day emergency care and which a physician."
                : "Red flags acknowledged; the note says the client was referred to a physician.", kind: .info)
        }
    }

    /// Where the red-flag banner goes, always inside a frame so that no border is hidden: the
    /// first row inside the screen's frame; on treatment, the cue row of the Now panel (the
    /// panels leave no row free, and a cue matters less than a red flag).
    var redFlagBannerRect: Rect {
        if screen == .treatment {
            let now = treatmentLayout.now
            return Rect(x: now.x + 1, y: now.y + 5, width: max(0, now.width - 2), height: 1)
        }
        let body = Rect(x: 0, y: 1, width: width, height: height - 3)
        return Rect(x: body.x + 1, y: body.y + 1, width: max(0, body.width - 2), height: 1)
    }

    /// A banner inside the screen's frame: the answers that raised a red flag, those
    /// that need same-day emergency care first, and the key that acknowledges them.
    func renderRedFlagBanner(into canvas: inout Canvas) {
        guard [.assessment, .treatment, .historyReview].contains(screen), let banner = waitingRedFlagBanner else { return }
        let rect = redFlagBannerRect
        let key = keyLabel(.acknowledgeRedFlags, in: screen == .treatment ? .treatment : .form)
        let acknowledge = " \(key) acknowledges "
        canvas.fill(rect, role: .danger)
        let keyWidth = DisplayWidth.of(acknowledge)
        let room = rect.width - keyWidth
        canvas.put(" ⚑ " + banner.text, x: rect.x, y: rect.y,
                   role: .danger, maxWidth: max(0, room))
        canvas.put(acknowledge, x: rect.x + max(0, room), y: rect.y, role: .danger, maxWidth: rect.width)
    }

    /// One line per kind of finding, each naming the answers that caused it.
    func findingLines(_ findings: [ScreeningFinding], state: SessionState?) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        let wholeBody = findings.wholeBodyCauses
        if !wholeBody.isEmpty {
            let unresolved = wholeBody.filter { cause in !(state?.overrides.contains { $0.value.causes.contains(cause) } ?? false) }
            lines.append(unresolved.isEmpty
                ? ("⛔ Overridden: \(wholeBody.joined(separator: "; "))", .warning)
                : ("⛔ No massage today — \(unresolved.joined(separator: "; "))", .danger))
        }
        for finding in findings {
            switch finding.effect {
            case .avoid(let regions) where !regions.isEmpty:
                let names = regions.sorted { $0.name < $1.name }.map(\.shortName).joined(separator: ", ")
                lines.append(("▲ Avoid \(names) — \(finding.cause)", .warning))
            case .avoid:
                lines.append(("▲ \(finding.cause) — add where (\(keyLabel(.addRegion, in: .form))) to mark the region", .warning))
            case .deepPressureCaution(let regions):
                let whereText = regions.map { " on " + $0.sorted { $0.name < $1.name }.map(\.shortName).joined(separator: ", ") } ?? ""
                lines.append(("▲ Deep pressure\(whereText) asks first — \(finding.cause)", .warning))
            case .referToPhysician, .noTreatmentToday:
                break
            }
        }
        let isAcknowledged = { (cause: String) in state?.acknowledgedRedFlags.contains(cause) ?? false }
        let emergency = findings.emergencyCauses.filter(isAcknowledged)
        if !emergency.isEmpty { lines.append(("⚑ Same-day emergency care — \(emergency.joined(separator: "; "))", .danger)) }
        let referred = findings.referralCauses.filter(isAcknowledged)
        if !referred.isEmpty { lines.append(("⚑ Referred to a physician — \(referred.joined(separator: "; "))", .warning)) }
        return lines
    }

    func renderAssessment(into canvas: inout Canvas, _ body: Rect) -> Point? {
        drawBox(body, title: "Assessment", into: &canvas)
        let inner = body.inset(by: 2).with(height: body.height - 3)
        // At most a third of the window lists findings; the form keeps the rest.
        let lines = findingLines(liveFindings, state: session) + assessmentCarePlanLines()
        let maxLines = max(1, inner.height / 3)
        var shown = Array(lines.prefix(maxLines))
        if lines.count > maxLines {
            shown[maxLines - 1] = ("… and \(lines.count - maxLines + 1) more findings (see the screening field)", .warning)
        }
        for (i, line) in shown.enumerated() {
            canvas.put(line.0, x: inner.x, y: inner.y + i, role: line.1, maxWidth: inner.width)
        }
        let top = shown.isEmpty ? 0 : shown.count + 1
        return assessmentForm.render(into: &canvas, rect: Rect(x: inner.x, y: inner.y + top, width: inner.width,
                                                               height: inner.height - top))
    }

    func startWholeBodyPrompt(_ causes: [String]) {
        push(.wholeBody(WholeBodyPrompt(causes: causes)))
    }

    func handleWholeBodyKey(_ key: Key, _ prompt: WholeBodyPrompt) {
        var prompt = prompt
        defer {
            if case .wholeBody = topLegacy { replaceTop(.wholeBody(prompt)) }
        }
        switch prompt.stage {
        case .choosing:
            switch keymap.action(for: key, in: .wholeBody, includingGlobal: false) {
            case .overrideContraindication: prompt.stage = .overriding
            case .reschedule: prompt.stage = .rescheduling
            case .back: overlays.removeLast()
            default: break
            }
        case .overriding, .rescheduling:
            switch key {
            case .escape:
                prompt.stage = .choosing
                prompt.reason = TextField(limit: 300)
            case .enter:
                let reason = prompt.reason.text
                if prompt.stage == .overriding {
                    guard execute(.overrideContraindication(reason: reason)) == nil else { return }
                    overlays.removeLast()
                    assessmentAction(.save)
                } else {
                    guard execute(.reschedule(reason: reason, by: settings.therapistName)) == nil,
                          let state = session else { return }
                    overlays.removeLast()
                    status = StatusMessage(text: "Session ended as rescheduled and signed; the note keeps the screening and the reason.",
                                           kind: .info)
                    enterScreen(for: state)
                }
            default:
                _ = prompt.reason.handle(key)
            }
        }
    }

    func renderWholeBodyPrompt(_ prompt: WholeBodyPrompt, into canvas: inout Canvas) -> Point? {
        let textWidth = min(66, width - 10)
        let causeLines = wrap("Screening found: " + prompt.causes.joined(separator: "; ") + ".", width: textWidth)
        let box = centered(width: textWidth + 4, height: causeLines.count + 8)
        canvas.fill(box)
        drawBox(box, title: "No massage today", into: &canvas, role: .danger)
        for (i, line) in causeLines.enumerated() {
            canvas.put(line, x: box.x + 2, y: box.y + 2 + i, role: .normal, maxWidth: textWidth)
        }
        let y = box.y + 3 + causeLines.count
        switch prompt.stage {
        case .choosing:
            canvas.put("o", x: box.x + 2, y: y, role: .hintKey)
            canvas.put(" treat anyway — record an override with a reason", x: box.x + 3, y: y, role: .normal, maxWidth: textWidth - 1)
            canvas.put("r", x: box.x + 2, y: y + 1, role: .hintKey)
            canvas.put(" end the session as rescheduled", x: box.x + 3, y: y + 1, role: .normal, maxWidth: textWidth - 1)
            canvas.put("Esc back to the assessment", x: box.x + 2, y: y + 3, role: .muted)
            return nil
        case .overriding, .rescheduling:
            let label = prompt.stage == .overriding ? "Why treat despite it? (e.g. physician's clearance)" : "Why reschedule?"
            canvas.put(label, x: box.x + 2, y: y, role: .accent, maxWidth: textWidth)
            canvas.put("Enter saves · Esc goes back", x: box.x + 2, y: y + 3, role: .muted)
            return prompt.reason.render(into: &canvas, rect: Rect(x: box.x + 2, y: y + 1, width: textWidth, height: 1),
                                        role: .inputFocused)
        }
    }

    /// Asks why treatment goes on without screening; Enter records it and begins, Esc goes back.
    func handleNotScreenedKey(_ key: Key, _ field: TextField) {
        var field = field
        switch key {
        case .escape:
            overlays.removeLast()
            status = StatusMessage(text: "Answer the screening questions (y/n) before treatment begins.", kind: .info)
        case .enter:
            guard execute(.skipScreening(reason: field.text)) == nil else { return }
            overlays.removeLast()
            assessmentAction(.save)
        default:
            _ = field.handle(key)
            if case .notScreened = topLegacy { replaceTop(.notScreened(field)) }
        }
    }

    func renderNotScreenedPrompt(_ field: TextField, into canvas: inout Canvas) -> Point? {
        let textWidth = min(66, width - 10)
        let lines = wrap("No screening question is answered. Going on records \"not screened today\" with your reason; the note and the day review show it.",
                         width: textWidth)
        let box = centered(width: textWidth + 4, height: lines.count + 7)
        canvas.fill(box)
        drawBox(box, title: "Not screened today?", into: &canvas, role: .warning)
        for (i, line) in lines.enumerated() {
            canvas.put(line, x: box.x + 2, y: box.y + 2 + i, role: .normal, maxWidth: textWidth)
        }
        let y = box.y + 3 + lines.count
        canvas.put("Why go on without screening?", x: box.x + 2, y: y, role: .accent, maxWidth: textWidth)
        canvas.put("Enter begins treatment · Esc goes back to screen", x: box.x + 2, y: y + 2, role: .muted, maxWidth: textWidth)
        return field.render(into: &canvas, rect: Rect(x: box.x + 2, y: y + 1, width: textWidth, height: 1), role: .inputFocused)
    }
}
