import KneadCore

extension KneadApp {
    func makeAftercareForm(_ aftercare: Aftercare?, state: SessionState) -> Form {
        let care = aftercare ?? Aftercare()
        let templates = settings.adviceTemplates
        let items = templates + care.advice.filter { !templates.contains($0) }
        let ticked = Set(items.indices.filter { care.advice.contains(items[$0]) })
        func score(_ pain: PainScore?) -> String { pain.map { String($0.value) } ?? "" }
        var fields = [FormField("post", "Pain after, overall", .number(TextField(score(care.postPain), limit: 2), range: 0...10))]
        for (i, region) in aftercareRegions(state, care).enumerated() {
            fields.append(FormField("post.\(i)", "  after: \(region.shortName)",
                                    .number(TextField(score(care.pain(for: region)), limit: 2), range: 0...10)))
        }
        let heatCold: Set<Int> = switch care.heatOrCold {
        case .none: []
        case .heat: [0]
        case .cold: [1]
        case .either: [0, 1]
        }
        fields += [
            FormField("advice", "Aftercare advice", .checklist(items: items, ticked: ticked, cursor: 0)),
            FormField("home", "Stretches, exercises", .text(TextField(care.homeCare, multiline: true))),
            FormField("heat", "Heat or cold at home", .checklist(items: ["heat on tight muscles", "cold where inflamed"],
                                                                 ticked: heatCold, cursor: 0)),
            FormField("self", "Self-care", .text(TextField(care.selfCare, limit: 500))),
            FormField("plan", "Plan: how often", .text(TextField(care.plan, limit: 300))),
            FormField("focus", "Next visit: focus", .text(TextField(care.nextFocus, limit: 300))),
            FormField("referral", "Referral", .text(TextField(care.referral, limit: 300))),
            FormField("free", "Other notes", .text(TextField(care.freeText, multiline: true))),
            FormField("add.s", "Add to note: S", .text(TextField(care.additions.subjective, multiline: true))),
            FormField("add.o", "Add to note: O", .text(TextField(care.additions.objective, multiline: true))),
            FormField("add.a", "Add to note: A", .text(TextField(care.additions.assessment, multiline: true))),
            FormField("add.p", "Add to note: P", .text(TextField(care.additions.plan, multiline: true))),
        ]
        return Form(fields)
    }

    /// The aftercare to start the form from: what the session recorded, else a draft from what
    /// is known (each worked region's latest check-in, last visit's advice, the plan of care's
    /// or last visit's plan). The overall pain after is left for the client to say.
    func aftercareDraft(for state: SessionState) -> Aftercare {
        if let recorded = state.aftercare { return recorded }
        var previous: Aftercare?
        var plan: PlanOfCare?
        if let client = state.client?.id {
            do {
                if let records { previous = try Aftercare.lastTime(for: client, before: state.id, records: records, journal: journal) }
                plan = try carePlanRecords?.plan(of: client)
            } catch {
                status = StatusMessage(text: "The last visit's aftercare could not be read, so the form starts empty. Fill it in as usual.",
                                       kind: .warning)
            }
        }
        return Aftercare.draft(for: state, lastTime: previous, planOfCare: plan)
    }

    /// The regions asked about after treatment: the worked ones, then any scored earlier and no longer worked.
    func aftercareRegions(_ state: SessionState, _ care: Aftercare?) -> [Region] {
        var regions = state.workedRegions
        for entry in care?.regionPain ?? [] where !regions.contains(entry.region) { regions.append(entry.region) }
        return regions
    }

    /// The aftercare the form holds, or a problem to show at the field it concerns.
    func aftercareFromForm() -> (Aftercare, problem: (field: String, text: String)?) {
        let f = aftercareForm
        var care = Aftercare(homeCare: f.text("home").trimmed, selfCare: f.text("self").trimmed,
                             plan: f.text("plan").trimmed, nextFocus: f.text("focus").trimmed,
                             referral: f.text("referral").trimmed, freeText: f.text("free").trimmed,
                             additions: NoteAdditions(subjective: f.text("add.s").trimmed, objective: f.text("add.o").trimmed,
                                                      assessment: f.text("add.a").trimmed, plan: f.text("add.p").trimmed))
        var problem: (field: String, text: String)?
        let (post, postProblem) = f.number("post")
        care.postPain = post.flatMap(PainScore.init)
        if let postProblem { problem = ("post", postProblem) }
        if let state = session {
            for (i, region) in aftercareRegions(state, state.aftercare).enumerated() {
                let (value, regionProblem) = f.number("post.\(i)")
                if let regionProblem, problem == nil { problem = ("post.\(i)", regionProblem) }
                if let score = value.flatMap(PainScore.init) { care.regionPain.append(RegionPain(region: region, score: score)) }
            }
        }
        if case .checklist(let items, let ticked, _)? = f["advice"] {
            care.advice = items.indices.filter { ticked.contains($0) }.map { items[$0] }
        }
        if case .checklist(_, let ticked, _)? = f["heat"] {
            care.heatOrCold = ticked.contains(0) ? (ticked.contains(1) ? .either : .heat) : (ticked.contains(1) ? .cold : .none)
        }
        return (care, problem)
    }

    func saveAftercare(quietly: Bool) {
        guard let state = session, state.phase == .aftercare else { return }
        let (care, problem) = aftercareFromForm()
        aftercareForm.clearProblems()
        if let problem { aftercareForm.setProblem(problem.text, at: problem.field) }
        aftercareForm.isDirty = false
        guard care != state.aftercare else { return }
        if execute(.recordAftercare(care)) == nil, !quietly {
            status = StatusMessage(text: "Aftercare saved.", kind: .info)
        }
    }

    func aftercareAction(_ action: Action) {
        switch action {
        case .carePlan: openSessionCarePlan()
        case .nextField:
            saveAftercare(quietly: true)
            aftercareForm.focusNext()
        case .toPlan:
            saveAftercare(quietly: true)
            if let plan = aftercareForm.fields.firstIndex(where: { $0.id == "plan" }) { aftercareForm.focus = plan }
        case .previousField:
            saveAftercare(quietly: true)
            aftercareForm.focusPrevious()
        case .back:
            saveAftercare(quietly: true)
            closeSession()
        case .save:
            saveAftercare(quietly: true)
            guard aftercareFromForm().problem == nil else { return }
            showNote()
            status = StatusMessage(text: "This is the note that will be signed. \(keyLabel(.sign, in: .note)) signs, \(keyLabel(.back, in: .note)) goes back to edit.", kind: .info)
        default:
            break
        }
    }
}
