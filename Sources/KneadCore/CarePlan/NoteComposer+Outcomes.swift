import Foundation

extension NoteComposer {
    /// The assessment lines of the care plan: each outcome measure rated in the session and the
    /// plan-of-care goals the session worked toward, in their words (by key where an older entry
    /// kept no words).
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
            let goals = state.goalsWorkedOn.map { key in state.goalWords[key].map { "“\($0)”" } ?? key }
            lines.append((goals.count == 1 ? "Worked toward goal: " : "Worked toward goals: ") + goals.joined(separator: "; "))
        }
        return lines
    }
}
