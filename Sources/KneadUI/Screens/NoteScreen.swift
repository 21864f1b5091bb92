import KneadCore

extension KneadApp {
    /// Signing as the therapist, with the names and codes of the session's techniques as this
    /// practice has them now: the signature keeps them, so the signed note never changes.
    var signCommand: SessionCommand {
        let techniques = session?.segments.map(\.work.technique) ?? []
        return .sign(by: settings.therapistName,
                     vocabulary: SignedVocabulary(catalog: catalog, codes: settings.billingCodes, techniques: techniques))
    }

    /// The note as it will be signed, composed from the session's events.
    func noteLines(width: Int) -> [String] {
        guard let state = session else { return [] }
        let note = NoteComposer(catalog: catalog, billingCodes: settings.billingCodes, timeZone: settings.timeZone).compose(state, now: clock.now())
        return note.lines.flatMap { line -> [String] in
            let indent = line.prefix { $0 == " " }
            return wrap(String(line.dropFirst(indent.count)), width: width - indent.count).map { String(indent) + $0 }
        }
    }

    func noteAction(_ action: Action) {
        guard let state = session else { return }
        let page = max(1, height - 6)
        switch action {
        case .moveUp: noteScroll = max(0, noteScroll - 1)
        // Saturating: after an amendment the scroll is Int.max until a frame clamps it, and no
        // frame is drawn while the terminal is too small.
        case .moveDown: noteScroll = noteScroll.addingReportingOverflow(1).overflow ? .max : noteScroll + 1
        case .pageUp: noteScroll = max(0, noteScroll - page)
        case .pageDown: noteScroll = noteScroll.addingReportingOverflow(page).overflow ? .max : noteScroll + page
        case .sign:
            guard state.phase != .signed else {
                status = StatusMessage(text: "This note is already signed. m adds an amendment.", kind: .info)
                return
            }
            if case .failure(let rejection) = decide(signCommand, state, at: clock.now()) {
                status = StatusMessage(text: rejection.reason, kind: .warning)
                return
            }
            push(.confirm("Sign this note as \(settings.therapistName)? It will be locked; later changes become amendments.", .sign))
        case .amend:
            guard state.phase == .signed else {
                status = StatusMessage(text: "Amendments are for signed notes. \(keyLabel(.back, in: .note)) goes back to edit this one.", kind: .info)
                return
            }
            amendmentForm = makeAmendmentForm()
            screen = .amendment
        case .showSessionID:
            // The id `knead export` and `knead handout` take; its first 8 characters are enough.
            let short = String(state.id.rawValue.prefix(8))
            status = StatusMessage(text: "Session \(short): knead export \(short), knead handout \(short)", kind: .info)
        case .back:
            if state.phase == .signed { closeSession() } else { enterScreen(for: state) }
        default:
            break
        }
    }

    func renderNote(into canvas: inout Canvas, _ body: Rect) {
        let signed = session?.phase == .signed
        drawBox(body, title: signed ? "Signed note (locked)" : "Note preview — exactly what will be signed", into: &canvas,
                role: signed ? .success : .border)
        let inner = body.inset(by: 1)
        let lines = noteLines(width: inner.width - 2)
        noteScroll = min(noteScroll, max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(noteScroll).prefix(inner.height).enumerated() {
            let isHeading = ["S — ", "O — ", "A — ", "P — ", "Billing — "].contains { line.hasPrefix($0) }
            let role: StyleRole = isHeading ? .title : (line.hasPrefix("Amendment") ? .warning : .normal)
            canvas.put(line, x: inner.x + 1, y: inner.y + i, role: role, maxWidth: inner.width - 2)
        }
        if lines.count > inner.height {
            let more = "\(noteScroll + 1)–\(min(lines.count, noteScroll + inner.height)) of \(lines.count)"
            canvas.put(" \(more) ", x: body.maxX - DisplayWidth.of(more) - 4, y: body.maxY - 1, role: .muted)
        }
    }
}
