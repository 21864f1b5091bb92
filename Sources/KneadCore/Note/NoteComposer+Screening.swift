import Foundation

/// Screening lines of a note: contraindications, overrides, red flags.
public struct ScreeningLines: Hashable, Sendable {
    /// Shown in S, after history and medications.
    public var subjective: [String]
    /// Shown in O, after the treatment.
    public var objective: [String]

    public init(subjective: [String] = [], objective: [String] = []) {
        self.subjective = subjective
        self.objective = objective
    }
}

extension NoteComposer {
    /// The screening part of the note, built from the session alone: the history as reviewed, each
    /// finding with the answer that caused it, overrides, red flags, and every confirmation the
    /// therapist gave during treatment.
    public func screening(_ state: SessionState) -> ScreeningLines {
        var lines = ScreeningLines()
        if let history = state.reviewedHistory?.value {
            lines.subjective.append("Health history reviewed with the client at the start of the session.")
            if !history.allergies.isBlank { lines.subjective.append("Allergies: \(history.allergies)") }
            if !history.surgeriesAndInjuries.isEmpty {
                lines.subjective.append("Surgeries and injuries: " + history.surgeriesAndInjuries.map(\.line).joined(separator: "; "))
            }
            if history.pregnancy == .yes { lines.subjective.append("Pregnant.") }
        }
        guard let a = state.assessment else { return lines }
        let findings = state.findings
        let answered = a.screening.answeredCount(of: .standard)
        if findings.isEmpty, answered > 0 {
            lines.subjective.append("Screening: no contraindication found (\(answered) questions answered).")
        }
        for finding in findings {
            switch finding.effect {
            case .noTreatmentToday:
                let override = state.overrides.first { $0.value.causes.contains(finding.cause) }
                lines.subjective.append("Whole-body contraindication — \(finding.cause)"
                    + (override.map { "; treated after an override: \($0.value.reason)" } ?? ""))
            case .avoid(let regions):
                let names = regions.sorted { $0.name < $1.name }.map(\.name).joined(separator: ", ")
                lines.subjective.append("Avoid \(names.isEmpty ? "(region not given)" : names) — \(finding.cause)")
            case .deepPressureCaution(let regions):
                let place = regions.map { " on the " + $0.sorted { $0.name < $1.name }.map(\.name).joined(separator: ", ") } ?? ""
                lines.subjective.append("Deep-pressure caution\(place) — \(finding.cause)")
            case .referToPhysician:
                let acknowledged = state.acknowledgedRedFlags.contains(finding.cause)
                let heading = (finding.urgency ?? .referToPhysician).heading.lowercased()
                let override = finding.isEmergency ? state.overrides.first { $0.value.causes.contains(finding.cause) } : nil
                lines.subjective.append("RED FLAG — \(heading): \(finding.cause)"
                    + (acknowledged ? " (acknowledged by the therapist)" : " (not acknowledged)")
                    + (override.map { "; treated after an override: \($0.value.reason)" } ?? ""))
            }
        }
        if !a.contraindications.isBlank { lines.subjective.append("Other screening findings: \(a.contraindications)") }

        // What the therapist confirmed despite screening, once per region and kind.
        var said: Set<String> = []
        for segment in state.segments {
            let work = segment.work
            if work.avoidConfirmed {
                let causes = findings.avoidCauses(for: work.region).joined(separator: "; ")
                let line = "Worked the \(work.region.name) although screening marked it to avoid (\(causes)); confirmed by the therapist"
                if said.insert(line).inserted { lines.objective.append(line) }
            }
            if work.cautionConfirmed {
                let causes = findings.deepPressureCauses(for: work.region).joined(separator: "; ")
                let line = "Deep pressure \(work.pressure) on the \(work.region.name) despite a caution (\(causes)); confirmed by the therapist"
                if said.insert(line).inserted { lines.objective.append(line) }
            }
        }
        if let rescheduled = state.rescheduled {
            lines.objective.append("No treatment: session ended before treatment and rescheduled — \(rescheduled.value)")
        }
        return lines
    }
}
