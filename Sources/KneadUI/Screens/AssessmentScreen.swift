import KneadCore

/// The assessment form of a session: complaint, painful regions, history, the contraindication
/// screening, goals, pressure preference and consent. It saves as the therapist moves between
/// fields; `F2` begins treatment once consent is recorded (asking first when screening found a
/// reason not to massage today, or when nothing was screened).
///
/// The session is the app's (``ScreenEnvironment/session``), changed only through `execute`;
/// the screen owns the form.
final class AssessmentScreen: Screen {
    let id = ScreenID.assessment
    var form: Form

    init(_ assessment: Assessment?) { form = Self.form(for: assessment) }

    var title: String { "Assessment" }
    var keyContext: KeyContext { .form }

    /// The form's keys (the aftercare's jump to the plan aside), then the focused field's own.
    /// On the screening list, Shift-Tab comes last of the form's keys: it is the first hint to
    /// give way when not all fit (80 columns), so the keys that answer show beside those that
    /// move on; help lists it as ever.
    func bindings(_ env: ScreenEnvironment) -> [Binding] {
        var own = env.keymap.bindings(in: .form).filter { $0.action != .toPlan }
        if form.fieldContext == .screeningList, let i = own.firstIndex(where: { $0.action == .previousField }) {
            own.append(own.remove(at: i))
        }
        return own + form.fieldBindings(env.keymap)
    }

    static func form(for assessment: Assessment?) -> Form {
        let a = assessment ?? Assessment()
        return Form([
            FormField("complaint", "Complaint", .text(TextField(a.chiefComplaint, multiline: true))),
            FormField("onset", "Onset", .text(TextField(a.onset))),
            FormField("worse", "Worse with", .text(TextField(a.worseWith))),
            FormField("better", "Better with", .text(TextField(a.betterWith))),
            FormField("pain", "Painful regions", .regionScores(a.painfulRegions, cursor: 0)),
            FormField("conditions", "Conditions", .text(TextField(a.conditions))),
            FormField("medications", "Medications", .text(TextField(a.medications))),
            FormField("screening", "Screening (y/n)", .screening(a.screening, catalog: .standard, cursor: 0)),
            FormField("contra", "Screening notes", .text(TextField(a.contraindications))),
            FormField("avoid", "Do not touch", .regions(a.avoidRegions, cursor: 0)),
            // Objective findings go to O; the screening above (contraindications) goes to S.
            FormField("objective", "Objective findings", .text(TextField(a.objectiveFindings, multiline: true)),
                      hint: ["posture, ROM,", "tests, palpation"]),
            FormField("goals", "Goals", .text(TextField(a.goals))),
            FormField("pressure", "Pressure preference", .pressure(a.pressurePreference)),
            FormField("consent", "Consent to treatment", .toggle(a.consent)),
        ])
    }

    /// The assessment the form holds now; `session` gives what the form does not show (caution
    /// regions flagged by hand in sessions recorded before screening).
    func assessment(_ session: SessionState?) -> Assessment {
        let f = form
        var painful: [RegionPain] = []
        var avoid: [Region] = []
        var screening = Screening()
        var pressure = Pressure.swedish
        var consent = false
        if case .regionScores(let list, _)? = f["pain"] { painful = list }
        if case .regions(let list, _)? = f["avoid"] { avoid = list }
        if case .screening(let answers, _, _)? = f["screening"] { screening = answers }
        if case .pressure(let p)? = f["pressure"] { pressure = p }
        if case .toggle(let on)? = f["consent"] { consent = on }
        // What the record already answers is answered, shown as derived (as the decider records it).
        screening = DerivedAnswers.standard.applied(to: screening, medications: f.text("medications").trimmed,
                                                    conditions: f.text("conditions").trimmed)
        return Assessment(chiefComplaint: f.text("complaint").trimmed, onset: f.text("onset").trimmed,
                          worseWith: f.text("worse").trimmed, betterWith: f.text("better").trimmed,
                          painfulRegions: painful,
                          conditions: f.text("conditions").trimmed, medications: f.text("medications").trimmed,
                          screening: screening, contraindications: f.text("contra").trimmed,
                          cautionRegions: session?.assessment?.cautionRegions ?? [], avoidRegions: avoid,
                          goals: f.text("goals").trimmed, pressurePreference: pressure, consent: consent,
                          objectiveFindings: f.text("objective").trimmed)
    }

    /// Records the form as an assessment event when it differs from what is saved.
    func save(quietly: Bool, _ env: ScreenEnvironment) {
        guard let state = env.session, state.phase == .assessment else { return }
        let assessment = assessment(state)
        form.isDirty = false
        if let i = form.fields.firstIndex(where: { $0.id == "screening" }),
           case .screening(_, let catalog, let cursor) = form.fields[i].value {
            form.fields[i].value = .screening(assessment.screening, catalog: catalog, cursor: cursor)
        }
        guard assessment != state.assessment else { return }
        if env.execute(.recordAssessment(assessment)) == nil, !quietly {
            env.say("Assessment saved.")
        }
    }

    func saveDraft(_ env: ScreenEnvironment) {
        if form.isDirty { save(quietly: true, env) }
    }

    /// F3 opens the region finder: for the region field or the screening question about a region
    /// that has the focus, else for the painful regions (the focus moves there); other keys the form does not bind are typed into the focused field.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        let keymap = env.keymap
        let action = keymap.action(for: key, in: .form, includingGlobal: false)
        let fieldAction = form.fieldContext.flatMap { keymap.action(for: key, in: $0, includingGlobal: false) }
        if action == .addRegion || (fieldAction == .addRegion && isRegionField(form.focused)) {
            findRegion(env)
            return true
        }
        return form.type(key, keymap: keymap)
    }

    private func findRegion(_ env: ScreenEnvironment) {
        let purpose: RegionFinderOverlay.Purpose
        let excluded: Set<Region>
        switch form.focused.value {
        case .regionScores(let list, _): purpose = .painful; excluded = Set(list.map(\.region))
        case .regions(let list, _): purpose = .avoid; excluded = Set(list)
        case .screening(let screening, let catalog, let cursor):
            let question = catalog.questions[cursor]
            guard question.takesRegions else {
                env.say("“\(question.label)” concerns the whole body; it takes no region.")
                return
            }
            if screening.answer(to: question.id) != .yes { form.perform(.answerYes) }
            purpose = .screening(question.label)
            excluded = Set(screening.response(to: question.id)?.regions ?? [])
        default:
            // From a field that takes no region, F3 adds a painful region, as the field says.
            guard let painful = form.fields.firstIndex(where: { $0.id == "pain" }) else { return }
            form.focus = painful
            findRegion(env)
            return
        }
        env.push(RegionFinderOverlay(purpose: purpose, excluded: excluded) { [weak self] region, score, env in
            self?.add(region, score: score, env)
        })
    }

    private func isRegionField(_ field: FormField) -> Bool {
        switch field.value {
        case .regionScores, .regions: true
        case .screening(_, let catalog, let cursor): catalog.questions[cursor].takesRegions
        default: false
        }
    }

    /// Adds a region the finder found to the focused field, and saves.
    func add(_ region: Region, score: PainScore?, _ env: ScreenEnvironment) {
        let i = form.focus
        switch form.fields[i].value {
        case .regionScores(var list, _):
            if let score { list.append(RegionPain(region: region, score: score)) }
            form.fields[i].value = .regionScores(list, cursor: list.count - 1)
        case .regions(var list, _):
            list.append(region)
            form.fields[i].value = .regions(list, cursor: list.count - 1)
        case .screening(var screening, let catalog, let cursor):
            let id = catalog.questions[cursor].id
            screening.set(.yes, for: id, regions: (screening.response(to: id)?.regions ?? []) + [region])
            form.fields[i].value = .screening(screening, catalog: catalog, cursor: cursor)
        default:
            return
        }
        form.isDirty = true
        save(quietly: true, env)
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .carePlan: env.app.openSessionCarePlan()
        case .acknowledgeRedFlags:
            env.acknowledgeRedFlags()
        case .nextField:
            save(quietly: true, env)
            form.focusNext()
        case .previousField:
            save(quietly: true, env)
            form.focusPrevious()
        case .back:
            save(quietly: true, env)
            env.closeSession()
        case .save:
            beginTreatment(env)
        default:
            break
        }
    }

    /// Saves and begins treatment; a whole-body contraindication or an unanswered screening asks first.
    func beginTreatment(_ env: ScreenEnvironment) {
        save(quietly: true, env)
        guard let state = env.session, state.phase == .assessment else { return }
        if !state.unresolvedWholeBodyCauses.isEmpty, state.assessment?.consent == true {
            env.push(WholeBodyOverlay(causes: state.unresolvedWholeBodyCauses, assessment: self))
            return
        }
        if state.assessment?.consent == true, state.isScreeningUnanswered, state.screeningSkipped == nil {
            env.push(NotScreenedOverlay(assessment: self))
            return
        }
        if let rejection = env.execute(.beginTreatment) {
            if rejection.reason.contains("consent") {
                form.setProblem("Ask for and record consent before treatment.", at: "consent")
            }
            return
        }
        guard env.session != nil else { return }
        env.say("Treatment begun. ↑ ↓ choose a region, \(env.keyLabel(.startWork, in: .treatment, preferring: .enter)) works there, digits log pain.")
        env.showSessionScreen()
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        Box("Assessment").draw(body, into: &canvas)
        let inner = body.inset(by: 2).with(height: body.height - 3)
        // At most a third of the window lists findings; the form keeps the rest.
        let app = env.app
        let lines = app.findingLines(assessment(env.session).findings(), state: env.session) + app.assessmentCarePlanLines()
        let maxLines = max(1, inner.height / 3)
        var shown = Array(lines.prefix(maxLines))
        if lines.count > maxLines {
            shown[maxLines - 1] = ("… and \(lines.count - maxLines + 1) more findings (see the screening field)", .warning)
        }
        for (i, line) in shown.enumerated() {
            canvas.put(line.0, x: inner.x, y: inner.y + i, role: line.1, maxWidth: inner.width)
        }
        let top = shown.isEmpty ? 0 : shown.count + 1
        return form.render(into: &canvas, rect: Rect(x: inner.x, y: inner.y + top, width: inner.width,
                                                     height: inner.height - top))
    }
}

extension Form {
    /// Gives a key to the focused field, leaving to the keymap the keys the form binds (next
    /// field, save, back, ...) unless the field binds them itself. Enter in a one-line text
    /// field moves on, as in any form.
    mutating func type(_ key: Key, keymap: Keymap) -> Bool {
        let formAction = keymap.action(for: key, in: .form, includingGlobal: false)
        let fieldAction = fieldContext.flatMap { keymap.action(for: key, in: $0, includingGlobal: false) }
        if formAction != nil, fieldAction == nil { return false }
        if key == .enter, case .text(let field) = focused.value, !field.isMultiline {
            focusNext()
            return true
        }
        return handle(key, keymap: keymap)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
