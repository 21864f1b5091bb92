import KneadCore

/// The aftercare form of a session: the pain after (overall and per region worked), the
/// advice, home care and the plan. It starts filled from what is known (see
/// ``KneadApp/aftercareDraft(for:)``), saves as the therapist moves between fields, and `F2`
/// shows the note to sign.
///
/// The session is the app's (``ScreenEnvironment/session``), changed only through `execute`;
/// the screen owns the form.
final class AftercareScreen: Screen {
    let id = ScreenID.aftercare
    var form: Form

    init(draft: Aftercare?, state: SessionState, settings: AppSettings) {
        form = Self.form(for: draft, state: state, adviceTemplates: settings.adviceTemplates)
    }

    var title: String { "Aftercare" }
    var keyContext: KeyContext { .form }

    /// The form's keys, then the focused field's own.
    func bindings(_ env: ScreenEnvironment) -> [Binding] {
        env.keymap.bindings(in: .form) + form.fieldBindings(env.keymap)
    }

    static func form(for aftercare: Aftercare?, state: SessionState, adviceTemplates templates: [String]) -> Form {
        let care = aftercare ?? Aftercare()
        let items = templates + care.advice.filter { !templates.contains($0) }
        let ticked = Set(items.indices.filter { care.advice.contains(items[$0]) })
        func score(_ pain: PainScore?) -> String { pain.map { String($0.value) } ?? "" }
        var fields = [FormField("post", "Pain after, overall", .number(TextField(score(care.postPain), limit: 2), range: 0...10))]
        for (i, region) in regions(state, care).enumerated() {
            fields.append(FormField("post.\(i)", "  \(region.shortName)",
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

    /// The regions asked about after treatment: the worked ones, then any scored earlier and no longer worked.
    static func regions(_ state: SessionState, _ care: Aftercare?) -> [Region] {
        var regions = state.workedRegions
        for entry in care?.regionPain ?? [] where !regions.contains(entry.region) { regions.append(entry.region) }
        return regions
    }

    /// The aftercare the form holds, or a problem to show at the field it concerns.
    func aftercare(_ session: SessionState?) -> (Aftercare, problem: (field: String, text: String)?) {
        let f = form
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
            for (i, region) in Self.regions(state, state.aftercare).enumerated() {
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

    /// Records the form as an aftercare event when it differs from what is saved; a value that
    /// cannot be saved (a pain of 12) is shown at its field.
    func save(quietly: Bool, _ env: ScreenEnvironment) {
        guard let state = env.session, state.phase == .aftercare else { return }
        let (care, problem) = aftercare(state)
        form.clearProblems()
        if let problem { form.setProblem(problem.text, at: problem.field) }
        form.isDirty = false
        guard care != state.aftercare else { return }
        if env.execute(.recordAftercare(care)) == nil, !quietly {
            env.say("Aftercare saved.")
        }
    }

    func saveDraft(_ env: ScreenEnvironment) {
        if form.isDirty { save(quietly: true, env) }
    }

    /// Keys the form does not bind are typed into the focused field.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        form.type(key, keymap: env.keymap)
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .carePlan: env.app.openSessionCarePlan()
        case .nextField:
            save(quietly: true, env)
            form.focusNext()
        case .toPlan:
            save(quietly: true, env)
            if let plan = form.fields.firstIndex(where: { $0.id == "plan" }) { form.focus = plan }
        case .previousField:
            save(quietly: true, env)
            form.focusPrevious()
        case .back:
            save(quietly: true, env)
            env.closeSession()
        case .save:
            save(quietly: true, env)
            guard aftercare(env.session).problem == nil else { return }
            env.app.showNote()
            env.say("This is the note that will be signed. \(env.keyLabel(.sign, in: .note)) signs, \(env.keyLabel(.back, in: .note)) goes back to edit.")
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        Box("Aftercare").draw(body, into: &canvas)
        return form.render(into: &canvas, rect: body.inset(by: 2).with(height: body.height - 3))
    }
}

extension KneadApp {
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
}

