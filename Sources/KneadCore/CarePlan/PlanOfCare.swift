import Foundation

/// A functional, measurable goal the client and therapist agreed, with the day it should be met.
public struct CareGoal: Hashable, Codable, Sendable {
    /// A short stable key, named by the session that worked toward the goal ("sit-workday").
    public var id: String
    /// The goal in the client's terms: "sit through a work day without leg pain".
    public var text: String
    public var target: CalendarDate
    /// Set when the therapist records the goal as met.
    public var met: CalendarDate?
    public init(id: String, text: String, target: CalendarDate, met: CalendarDate? = nil) {
        self.id = id
        self.text = text
        self.target = target
        self.met = met
    }
}

/// How often the plan calls for a re-assessment (the PSFS re-rated, progress checked).
public enum ReassessmentInterval: Hashable, Codable, Sendable, CustomStringConvertible {
    case visits(Int)
    case weeks(Int)

    public var description: String {
        switch self {
        case .visits(let n): n == 1 ? "every visit" : "every \(n) visits"
        case .weeks(let n): n == 1 ? "every week" : "every \(n) weeks"
        }
    }
}

/// The plan of care for a client: goals, how often and how long, when to re-assess.
///
/// Saved per client, every version kept with its time, like the client record.
public struct PlanOfCare: Hashable, Codable, Sendable {
    /// The day the plan begins; re-assessment is counted from it until the first one.
    public var start: CalendarDate
    public var goals: [CareGoal]
    /// "Weekly", "twice a week".
    public var frequency: String
    /// How long the plan runs, in weeks.
    public var durationWeeks: Int
    public var reassessment: ReassessmentInterval

    public init(start: CalendarDate, goals: [CareGoal], frequency: String, durationWeeks: Int,
                reassessment: ReassessmentInterval) {
        self.start = start
        self.goals = goals
        self.frequency = frequency
        self.durationWeeks = durationWeeks
        self.reassessment = reassessment
    }

    /// What is wrong with the plan, in sentences; empty when it can be saved.
    public func problems() -> [String] {
        var problems: [String] = []
        if goals.isEmpty { problems.append("A plan of care needs at least one goal.") }
        if goals.contains(where: { $0.text.isBlank || $0.id.isBlank }) { problems.append("Every goal needs words and a short key.") }
        if Set(goals.map(\.id)).count != goals.count { problems.append("Two goals share a key; give each its own.") }
        if let early = goals.first(where: { $0.target < start }) {
            problems.append("The goal \"\(early.text)\" is due (\(early.target)) before the plan starts (\(start)).")
        }
        if !(1...104).contains(durationWeeks) { problems.append("A plan runs from 1 to 104 weeks.") }
        switch reassessment {
        case .visits(let n), .weeks(let n):
            if !(1...52).contains(n) { problems.append("Re-assess every 1 to 52 visits or weeks.") }
        }
        let texts = goals.flatMap { [$0.id, $0.text] } + [frequency]
        if texts.contains(where: { $0.hasControlCharacters(allowingNewlines: false) }) {
            problems.append("Remove the control characters (they cannot be printed).")
        }
        return problems
    }
}
