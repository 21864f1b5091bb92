import KneadCore

extension KneadApp {
    func makeAftercareForm(_ aftercare: Aftercare?, state: SessionState) -> Form {
        let care = aftercare ?? Aftercare()
        let items = Aftercare.standardAdvice + care.advice.filter { !Aftercare.standardAdvice.contains($0) }
        let ticked = Set(items.indices.filter { care.advice.contains(items[$0]) })
        let post = care.postPain.map { String($0.value) } ?? ""
        return Form([
            FormField("post", "Pain after (0–10)", .number(TextField(post, limit: 2), range: 0...10)),
            FormField("advice", "Aftercare advice", .checklist(items: items, ticked: ticked, cursor: 0)),
            FormField("home", "Home care", .text(TextField(care.homeCare, multiline: true))),
            FormField("plan", "Plan, next visit", .text(TextField(care.plan, multiline: true))),
        ])
    }

    /// The aftercare the form holds, or a problem to show at the field.
    func aftercareFromForm() -> (Aftercare, problem: String?) {
        let f = aftercareForm
        var care = Aftercare(homeCare: f.text("home").trimmed, plan: f.text("plan").trimmed)
        let (post, problem) = f.number("post")
        care.postPain = post.flatMap(PainScore.init)
        if case .checklist(let items, let ticked, _)? = f["advice"] {
            care.advice = items.indices.filter { ticked.contains($0) }.map { items[$0] }
        }
        return (care, problem)
    }

    func saveAftercare(quietly: Bool) {
        guard let state = session, state.phase == .aftercare else { return }
        let (care, problem) = aftercareFromForm()
        aftercareForm.setProblem(problem, at: "post")
        aftercareForm.isDirty = false
        guard care != state.aftercare else { return }
        if execute(.recordAftercare(care)) == nil, !quietly {
            status = StatusMessage(text: "Aftercare saved.", kind: .info)
        }
    }

    func aftercareAction(_ action: Action) {
        switch action {
        case .nextField:
            saveAftercare(quietly: true)
            aftercareForm.focusNext()
        case .previousField:
            saveAftercare(quietly: true)
            aftercareForm.focusPrevious()
        case .back:
            saveAftercare(quietly: true)
            closeSession()
        case .save:
            saveAftercare(quietly: true)
            guard aftercareFromForm().problem == nil else { return }
            noteScroll = 0
            screen = .note
            status = StatusMessage(text: "This is the note that will be signed. s signs, Esc goes back to edit.", kind: .info)
        default:
            break
        }
    }

    func makeAmendmentForm() -> Form {
        Form([
            FormField("reason", "Reason", .text(TextField(limit: 300))),
            FormField("text", "Amendment", .text(TextField(multiline: true))),
        ])
    }

    func amendmentAction(_ action: Action) {
        switch action {
        case .nextField: amendmentForm.focusNext()
        case .previousField: amendmentForm.focusPrevious()
        case .back:
            screen = .note
            status = StatusMessage(text: "Amendment discarded.", kind: .info)
        case .save:
            let amendment = Amendment(by: settings.therapistName, reason: amendmentForm.text("reason").trimmed,
                                      text: amendmentForm.text("text").trimmed)
            if let rejection = execute(.amend(amendment)) {
                amendmentForm.setProblem(rejection.reason, at: amendment.reason.isEmpty ? "reason" : "text")
                return
            }
            screen = .note
            status = StatusMessage(text: "Amendment added under the signed note.", kind: .info)
        default:
            break
        }
    }
}
