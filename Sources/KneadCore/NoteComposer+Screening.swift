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
    /// The screening part of the note, built from the session alone. This is the one place that
    /// says what screening found and what the therapist overrode; extend it here.
    public func screening(_ state: SessionState) -> ScreeningLines {
        var lines = ScreeningLines()
        guard let a = state.assessment else { return lines }
        if !a.contraindications.isBlank { lines.subjective.append("Contraindications: \(a.contraindications)") }
        if !a.cautionRegions.isEmpty {
            lines.subjective.append("Deep-pressure caution: " + a.cautionRegions.map(\.name).joined(separator: ", "))
        }
        if !a.avoidRegions.isEmpty {
            lines.subjective.append("Regions to avoid: " + a.avoidRegions.map(\.name).joined(separator: ", "))
        }
        let confirmed = state.workedRegions.filter { region in
            state.segments.contains { $0.work.region == region && $0.work.cautionConfirmed }
        }
        for region in confirmed {
            lines.objective.append("Deep pressure on the flagged \(region.name), confirmed by the therapist")
        }
        return lines
    }
}
