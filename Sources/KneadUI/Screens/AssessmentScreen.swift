import KneadCore

extension KneadApp {
    func makeAssessmentForm(_ assessment: Assessment?) -> Form {
        let a = assessment ?? Assessment()
        return Form([
            FormField("complaint", "Complaint", .text(TextField(a.chiefComplaint, multiline: true))),
            FormField("pain", "Painful regions", .regionScores(a.painfulRegions, cursor: 0)),
            FormField("conditions", "Conditions", .text(TextField(a.conditions))),
            FormField("medications", "Medications", .text(TextField(a.medications))),
            FormField("contra", "Contraindications", .text(TextField(a.contraindications))),
            FormField("caution", "Caution regions", .regions(a.cautionRegions, cursor: 0)),
            FormField("goals", "Goals", .text(TextField(a.goals))),
            FormField("pressure", "Pressure preference", .pressure(a.pressurePreference)),
            FormField("consent", "Consent to treatment", .toggle(a.consent)),
        ])
    }

    /// The assessment the form holds now.
    func assessmentFromForm() -> Assessment {
        let f = assessmentForm
        var painful: [RegionPain] = []
        var caution: [Region] = []
        var pressure = Pressure.swedish
        var consent = false
        if case .regionScores(let list, _)? = f["pain"] { painful = list }
        if case .regions(let list, _)? = f["caution"] { caution = list }
        if case .pressure(let p)? = f["pressure"] { pressure = p }
        if case .toggle(let on)? = f["consent"] { consent = on }
        return Assessment(chiefComplaint: f.text("complaint").trimmed, painfulRegions: painful,
                          conditions: f.text("conditions").trimmed, medications: f.text("medications").trimmed,
                          contraindications: f.text("contra").trimmed, cautionRegions: caution,
                          goals: f.text("goals").trimmed, pressurePreference: pressure, consent: consent)
    }

    /// Records the form as an assessment event when it differs from what is saved.
    func saveAssessment(quietly: Bool) {
        guard let state = session, state.phase == .assessment else { return }
        let assessment = assessmentFromForm()
        assessmentForm.isDirty = false
        guard assessment != state.assessment else { return }
        if execute(.recordAssessment(assessment)) == nil, !quietly {
            status = StatusMessage(text: "Assessment saved.", kind: .info)
        }
    }

    /// Gives a key to a form's focused field and handles the keys every form shares.
    func handleFormKey(_ key: Key, form: inout Form) -> Bool {
        // F3 adds a region to a region field; Space on a field that is not text toggles.
        let action = keymap.action(for: key, in: .form, includingGlobal: false)
        if screen == .assessment, action == .addRegion || (key == .enter && isRegionField(form.focused)) {
            let purpose: RegionPicker.Purpose
            let excluded: Set<Region>
            switch form.focused.value {
            case .regionScores(let list, _): purpose = .painful; excluded = Set(list.map(\.region))
            case .regions(let list, _): purpose = .caution; excluded = Set(list)
            default:
                status = StatusMessage(text: "Move to a region field (Tab) to add a region.", kind: .info)
                return true
            }
            overlays.append(.regionPicker(RegionPicker(purpose: purpose, excluded: excluded)))
            return true
        }
        if action == .save { return false }
        if key == .tab || key == .backTab || key == .escape { return false }
        if key == .enter, case .text(let field) = form.focused.value, !field.isMultiline {
            form.focusNext()
            return true
        }
        return form.handle(key)
    }

    private func isRegionField(_ field: FormField) -> Bool {
        switch field.value {
        case .regionScores, .regions: true
        default: false
        }
    }

    func assessmentAction(_ action: Action) {
        switch action {
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
            if let rejection = execute(.beginTreatment) {
                if rejection.reason.contains("consent") {
                    assessmentForm.setProblem("Ask for and record consent before treatment.", at: "consent")
                }
                return
            }
            if let state = session {
                status = StatusMessage(text: "Treatment begun. ↑ ↓ choose a region, Enter works there, digits log pain.", kind: .info)
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
