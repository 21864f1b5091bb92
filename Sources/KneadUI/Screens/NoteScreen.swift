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

    /// Shows the open session's note: a preview to sign, or the signed note.
    /// `scroll` `.max` shows its end (the signature and the newest amendment).
    func showNote(scroll: Int = 0) {
        show(NoteScreen(scroll: scroll))
    }
}

/// The note exactly as it will be signed, or as it was signed with its amendments under it.
///
/// Its keys follow its state: a preview can be signed, a signed note amended. The key of the
/// other action still says why it does nothing, but the hint bar does not offer it.
final class NoteScreen: Screen {
    let id = ScreenID.note
    /// The first line in view; `.max` until a frame clamps it, to show the end.
    var scroll: Int
    /// The therapist whose session this is, when it was pulled from another knead: read here,
    /// never signed here (only amended once signed).
    let owner: String?

    init(scroll: Int = 0, owner: String? = nil) {
        self.scroll = scroll
        self.owner = owner
    }

    var title: String { "Note" }
    var keyContext: KeyContext { .note }

    func title(_ env: ScreenEnvironment) -> String { env.session?.phase == .signed ? "Signed note" : "Note preview" }

    func bindings(_ env: ScreenEnvironment) -> [Binding] {
        let signed = env.session?.phase == .signed
        return env.keymap.bindings(in: .note).map { binding in
            var binding = binding
            if binding.action == (signed ? .sign : .amend) || (owner != nil && binding.action == .sign) { binding.isHinted = false }
            return binding
        }
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        let app = env.app
        guard let state = env.session else { return }
        let page = max(1, env.size.height - 6)
        switch action {
        case .moveUp: scroll = max(0, scroll - 1)
        // Saturating: after an amendment the scroll is Int.max until a frame clamps it, and no
        // frame is drawn while the terminal is too small.
        case .moveDown: scroll = scroll.addingReportingOverflow(1).overflow ? .max : scroll + 1
        case .pageUp: scroll = max(0, scroll - page)
        case .pageDown: scroll = scroll.addingReportingOverflow(page).overflow ? .max : scroll + page
        case .sign:
            if let owner, state.phase != .signed {
                env.say("This is \(owner)'s session, open in their room: only their knead signs it.")
                return
            }
            guard state.phase != .signed else {
                env.say("This note is already signed. \(env.keyLabel(.amend, in: .note)) adds an amendment.")
                return
            }
            if case .failure(let rejection) = decide(app.signCommand, state, at: env.now) {
                env.say(rejection.reason, .warning)
                return
            }
            app.confirm("Sign this note as \(env.settings.therapistName)? It will be locked; later changes become amendments.", .sign)
        case .amend:
            guard state.phase == .signed else {
                env.say("Amendments are for signed notes. \(env.keyLabel(.back, in: .note)) goes back to edit this one.")
                return
            }
            env.show(AmendmentScreen(returningTo: self))
        case .showSessionID:
            // The id `knead export` and `knead handout` take; its first 8 characters are enough.
            let short = String(state.id.rawValue.prefix(8))
            env.say("Session \(short): knead export \(short), knead handout \(short)")
        case .back:
            if state.phase == .signed || owner != nil { app.closeSession() } else { app.enterScreen(for: state) }
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        let signed = env.session?.phase == .signed
        let heading = owner.map { "\($0)'s session — read-only" + (signed ? ", signed" : ", not signed yet") }
            ?? (signed ? "Signed note (locked)" : "Note preview — exactly what will be signed")
        let inner = Box(heading, role: signed ? .success : .border).draw(body, into: &canvas)
        let lines = env.app.noteLines(width: inner.width - 2)
        scroll = min(scroll, max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            let isHeading = ["S — ", "O — ", "A — ", "P — ", "Billing — "].contains { line.hasPrefix($0) }
            let role: StyleRole = isHeading ? .title : (line.hasPrefix("Amendment") ? .warning : .normal)
            canvas.put(line, x: inner.x + 1, y: inner.y + i, role: role, maxWidth: inner.width - 2)
        }
        if lines.count > inner.height {
            let more = "\(scroll + 1)–\(min(lines.count, scroll + inner.height)) of \(lines.count)"
            canvas.put(" \(more) ", x: body.maxX - DisplayWidth.of(more) - 4, y: body.maxY - 1, role: .muted)
        }
        return nil
    }
}

/// An amendment to a signed note: a reason and the text. Saving adds it under the note, whose
/// original stays as signed; leaving discards it.
final class AmendmentScreen: Screen {
    let id = ScreenID.amendment
    var form = Form([
        FormField("reason", "Reason", .text(TextField(limit: 300))),
        FormField("text", "Amendment", .text(TextField(multiline: true))),
    ])
    /// The note it came from, shown again when it is left.
    let note: NoteScreen

    init(returningTo note: NoteScreen) { self.note = note }

    var title: String { "Amendment" }
    var keyContext: KeyContext { .form }

    func bindings(_ env: ScreenEnvironment) -> [Binding] {
        env.keymap.bindings(in: .form).filter { $0.action != .toPlan } + form.fieldBindings(env.keymap)
    }

    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        form.type(key, keymap: env.keymap)
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .nextField: form.focusNext()
        case .previousField: form.focusPrevious()
        case .back:
            env.show(note)
            env.say("Amendment discarded.")
        case .save:
            let amendment = Amendment(by: env.settings.therapistName, reason: form.text("reason").trimmed,
                                      text: form.text("text").trimmed)
            if let rejection = env.execute(.amend(amendment)) {
                form.setProblem(rejection.reason, at: amendment.reason.isEmpty ? "reason" : "text")
                return
            }
            note.scroll = .max  // show the end: the signature and the new amendment under it
            env.show(note)
            env.say("Amendment added under the signed note; the original above is unchanged.")
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        env.app.renderForm(form, title: "Amendment", into: &canvas, rect)
    }
}
