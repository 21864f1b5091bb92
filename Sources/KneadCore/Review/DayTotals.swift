import Foundation

/// The bottom line of a day review.
public struct DayTotals: Hashable, Sendable {
    public var sessions: Int
    public var unfinished: Int
    /// Minutes from start to end of treatment, added up.
    public var minutes: Int
    public var plannedMinutes: Int
    /// Minutes of hands-on work, added up.
    public var timedMinutes: Int
    /// Billing units, added up over sessions that have them.
    public var billingUnits: Int
    public var checkIns: Int
    /// Sessions whose pain changed by 2 points or more, for better or worse.
    public var meaningfulChanges: Int
    /// Sessions per flag.
    public var flagCounts: [ReviewFlag: Int]

    /// The totals of a day's sessions; billing units follow the practice's billing codes.
    public init(_ sessions: [SessionSummary], codes: BillingCodes = .standard) {
        self.sessions = sessions.count
        unfinished = sessions.filter(\.isUnfinished).count
        minutes = sessions.reduce(0) { $0 + $1.durationMinutes }
        plannedMinutes = sessions.reduce(0) { $0 + $1.plannedMinutes }
        timedMinutes = Int((sessions.reduce(0) { $0 + $1.timedSeconds } / 60).rounded())
        billingUnits = sessions.reduce(0) { $0 + $1.billing(codes: codes).totalUnits }
        checkIns = sessions.reduce(0) { $0 + $1.checkInCount }
        meaningfulChanges = sessions.filter(\.isMeaningfulChange).count
        var counts: [ReviewFlag: Int] = [:]
        for session in sessions { for flag in session.flags { counts[flag, default: 0] += 1 } }
        flagCounts = counts
    }
}

extension Array where Element == SessionSummary {
    /// The day review's order: unfinished sessions first, then by start time.
    public func reviewOrder() -> [SessionSummary] {
        sorted { a, b in
            if a.isUnfinished != b.isUnfinished { return a.isUnfinished }
            return (a.startedAt, a.id.rawValue) < (b.startedAt, b.id.rawValue)
        }
    }
}
