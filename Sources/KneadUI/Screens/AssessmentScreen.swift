import KneadCore

extension KneadApp {
    func makeAssessmentForm(_ assessment: Assessment?) -> Form {
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

    /// The assessment the form holds now.
    func assessmentFromForm() -> Assessment {
        let f = assessmentForm
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
        // Caution regions flagged by hand in sessions recorded before screening are kept as they were.
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
    func saveAssessment(quietly: Bool) {
        guard let state = session, state.phase == .assessment else { return }
        let assessment = assessmentFromForm()
        assessmentForm.isDirty = false
        if let i = assessmentForm.fields.firstIndex(where: { $0.id == "screening" }),
           case .screening(_, let catalog, let cursor) = assessmentForm.fields[i].value {
            assessmentForm.fields[i].value = .screening(assessment.screening, catalog: catalog, cursor: cursor)
        }
        guard assessment != state.assessment else { return }
        if execute(.recordAssessment(assessment)) == nil, !quietly {
            status = StatusMessage(text: "Assessment saved.", kind: .info)
        }
    }

    /// Gives a key to a form's focused field and handles the keys every form shares.
    func handleFormKey(_ key: Key, form: inout Form) -> Bool {
        // F3 adds a region to a region field; Space on a field that is not text toggles.
        let action = keymap.action(for: key, in: .form, includingGlobal: false)
        let fieldAction = form.fieldContext.flatMap { keymap.action(for: key, in: $0, includingGlobal: false) }
        if screen == .assessment, action == .addRegion || (fieldAction == .addRegion && isRegionField(form.focused)) {
            let purpose: RegionFinderOverlay.Purpose
            let excluded: Set<Region>
            switch form.focused.value {
            case .regionScores(let list, _): purpose = .painful; excluded = Set(list.map(\.region))
            case .regions(let list, _): purpose = .avoid; excluded = Set(list)
            case .screening(let screening, let catalog, let cursor):
                let question = catalog.questions[cursor]
                guard question.takesRegions else {
                    status = StatusMessage(text: "“\(question.label)” concerns the whole body; it takes no region.", kind: .info)
                    return true
                }
                if screening.answer(to: question.id) != .yes { form.perform(.answerYes) }
                purpose = .screening(question.label)
                excluded = Set(screening.response(to: question.id)?.regions ?? [])
            default:
                status = StatusMessage(text: "Move to a region field (\(keyLabel(.nextField, in: .form))) to add a region.", kind: .info)
                return true
            }
            overlays.append(RegionFinderOverlay(purpose: purpose, excluded: excluded) { region, score, env in
                env.app.addRegion(region, score: score)
            })
            return true
        }
        if action == .save { return false }
        if key == .tab || key == .backTab || key == .escape { return false }
        if key == .enter, case .text(let field) = form.focused.value, !field.isMultiline {
            form.focusNext()
            return true
        }
        return form.handle(key, keymap: keymap)
    }

    private func isRegionField(_ field: FormField) -> Bool {
        switch field.value {
        case .regionScores, .regions: true
        case .screening(_, let catalog, let cursor): catalog.questions[cursor].takesRegions
        default: false
        }
    }

    func assessmentAction(_ action: Action) {
        switch action {
        case .carePlan: openSessionCarePlan()
        case .acknowledgeRedFlags:
            acknowledgeRedFlags()
        case .nextField:
            saveAssessment(quietly: true)
            assessmentForm.focusNext()
        case .previousField:
            saveAssessment(quietly: true)
            assessmentForm.focusPrevious()
        case .back:
            saveAssessment(quietly: true)
            closeSession()
        case .save:
            saveAssessment(quietly: true)
            guard let state = session, state.phase == .assessment else { return }
            if !state.unresolvedWholeBodyCauses.isEmpty, state.assessment?.consent == true {
                startWholeBodyPrompt(state.unresolvedWholeBodyCauses)
                return
            }
            if state.assessment?.consent == true, state.isScreeningUnanswered, state.screeningSkipped == nil {
                push(.notScreened(TextField(limit: 300)))
                return
            }
            if let rejection = execute(.beginTreatment) {
                if rejection.reason.contains("consent") {
                    assessmentForm.setProblem("Ask for and record consent before treatment.", at: "consent")
                }
                return
            }
            if let state = session {
                status = StatusMessage(text: "Treatment begun. ↑ ↓ choose a region, \(keyLabel(.startWork, in: .treatment, preferring: .enter)) works there, digits log pain.", kind: .info)
                enterScreen(for: state)
            }
        default:
            break
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

import Foundation
