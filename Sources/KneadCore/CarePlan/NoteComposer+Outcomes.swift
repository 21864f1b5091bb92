import Foundation

extension NoteComposer {
    /// The assessment lines of the care plan: each outcome measure rated in the session and the
    /// plan-of-care goals the session worked toward, by their keys.
    public func outcomeLines(_ state: SessionState) -> [String] {
        var lines: [String] = []
        for outcome in state.outcomes {
            switch outcome.value {
            case .psfs(let rating):
                let items = rating.activities.map { "\($0.activity) \($0.score)" }.joined(separator: "; ")
                lines.append(String(format: "PSFS mean %.1f/10 (", rating.mean) + items + ")")
            case .peg(let rating):
                lines.append(String(format: "PEG %.1f/10 (pain %d, enjoyment %d, general activity %d)",
                                    rating.mean, rating.pain, rating.enjoyment, rating.generalActivity))
            }
        }
        if !state.goalsWorkedOn.isEmpty {
            lines.append("Worked toward goal: " + state.goalsWorkedOn.joined(separator: ", "))
        }
        return lines
    }
}
