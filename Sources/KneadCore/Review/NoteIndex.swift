/// The words a session's event adds to the search index: every word the note shows for it.
public enum NoteIndex {
    /// A region by its name, its short name and its common muscle names.
    public static func words(of region: Region) -> String {
        "\(region.name) (\(region.shortName); " + MuscleNames.names(of: region.area).joined(separator: ", ") + ")"
    }

    /// The text an event adds to the index, or nil when it adds none. Techniques by the standard
    /// name and their identifier; screening answers by their questions.
    public static func text(of change: SessionChange, catalog: TechniqueCatalog = .standard,
                            screening questions: ScreeningCatalog = .standard) -> String? {
        var parts: [String] = []
        switch change {
        case .noted(let note): parts = [note]
        case .amended(let amendment): parts = [amendment.text, amendment.reason]
        case .assessed(let a):
            parts = [a.chiefComplaint, a.onset, a.worseWith, a.betterWith, a.conditions, a.medications,
                     a.objectiveFindings, a.contraindications, a.goals]
            parts += a.painfulRegions.map { words(of: $0.region) }
            parts += a.avoidRegions.map { words(of: $0) }
            for response in a.screening.responses where response.answer == .yes {
                let label = questions.question(response.questionID)?.label ?? response.questionID
                parts.append(label + (response.derivedFrom.map { ": " + $0 } ?? "")
                             + response.regions.map { " " + words(of: $0) }.joined())
            }
        case .workStarted(let work):
            // The technique first: a snippet starts with what was done, then where.
            parts = [catalog.name(of: work.technique) + " (" + work.technique.id.replacingOccurrences(of: "-", with: " ") + ")",
                     words(of: work.region)]
        case .techniqueChanged(let technique):
            parts = [catalog.name(of: technique) + " (" + technique.id.replacingOccurrences(of: "-", with: " ") + ")"]
        case .aftercareRecorded(let care):
            parts = [care.homeCare, care.selfCare, care.plan, care.nextFocus, care.referral, care.freeText,
                     care.additions.subjective, care.additions.objective, care.additions.assessment, care.additions.plan]
            parts += care.advice
            parts += care.regionPain.map { words(of: $0.region) }
        case .historyReviewed(let history):
            // Conditions and medications are indexed with the assessment, which starts from them.
            parts = [history.allergies] + history.surgeriesAndInjuries.map(\.line)
        case .screeningSkipped(let reason): parts = ["not screened today", reason]
        case .contraindicationOverridden(let override): parts = [override.reason] + override.causes
        case .rescheduled(let reason): parts = ["rescheduled", reason]
        default: return nil
        }
        let text = parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return text.isEmpty ? nil : text.joined(separator: " · ")
    }

    /// Kinds of event whose newer version replaces the older in the index (the form is saved as it changes).
    public static let supersedingKinds: Set<String> = ["assessed", "aftercareRecorded", "historyReviewed"]
}
