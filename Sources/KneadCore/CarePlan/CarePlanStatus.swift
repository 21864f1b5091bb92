import Foundation

/// A visit as the care plan counts it: a signed session that was not rescheduled, on its day.
public struct CareVisit: Hashable, Sendable {
    public var session: SessionID
    public var day: CalendarDate
    /// Whether the visit re-assessed the client (a PSFS was re-rated).
    public var reassessed: Bool
    public init(session: SessionID, day: CalendarDate, reassessed: Bool) {
        self.session = session
        self.day = day
        self.reassessed = reassessed
    }

    /// The visits among a client's sessions, oldest first: signed, not rescheduled.
    public static func visits(in sessions: [SessionState], zone: TimeZone) -> [CareVisit] {
        sessions.filter { $0.phase == .signed && $0.rescheduled == nil && $0.startedAt != nil }
            .sorted { ($0.startedAt ?? .distantPast, $0.id.rawValue) < ($1.startedAt ?? .distantPast, $1.id.rawValue) }
            .map { state in
                CareVisit(session: state.id, day: CalendarDate(state.startedAt ?? .distantPast, in: zone),
                          reassessed: state.outcomes.contains { if case .psfs = $0.value { true } else { false } })
            }
    }
}

/// Something about the referral or the plan the therapist should see today.
public enum CarePlanWarning: Hashable, Sendable, CustomStringConvertible {
    /// One visit or none is left of those ordered.
    case visitsRunningOut(remaining: Int)
    /// The referral expires within a week (0 = today).
    case referralExpiresSoon(days: Int)
    case referralExpired(on: CalendarDate)
    /// The plan calls for a re-assessment at this visit.
    case reassessmentDue

    public var description: String {
        switch self {
        case .visitsRunningOut(let remaining):
            remaining <= 0 ? "All visits of the referral are used: ask the physician for a new referral."
                : "This is the last visit the referral covers: ask the physician whether to continue."
        case .referralExpiresSoon(let days):
            days == 0 ? "The referral expires today." : "The referral expires in \(days) day\(days == 1 ? "" : "s")."
        case .referralExpired(let day):
            "The referral expired on \(day): ask the physician for a new referral."
        case .reassessmentDue:
            "Re-assessment is due: re-rate the PSFS and check progress against the goals."
        }
    }
}

/// What the referral and the plan of care say about a client's visits on a given day.
///
/// Visits used are counted from signed sessions within the referral's dates; a visit before the
/// referral, after its expiry or beyond the visits ordered is outside it.
public struct CarePlanStatus: Hashable, Sendable {
    public let referral: Referral?
    public let plan: PlanOfCare?
    public let visits: [CareVisit]
    public let today: CalendarDate

    public init(referral: Referral?, plan: PlanOfCare?, visits: [CareVisit], today: CalendarDate) {
        self.referral = referral
        self.plan = plan
        self.visits = visits
        self.today = today
    }

    /// Visits the referral covers, oldest first, up to the number ordered.
    public var coveredVisits: [CareVisit] {
        guard let referral else { return [] }
        return Array(visits.filter { referral.covers($0.day) }.prefix(referral.visits))
    }

    public var visitsUsed: Int { coveredVisits.count }

    /// Visits left of those ordered; nil without a referral.
    public var visitsRemaining: Int? { referral.map { max(0, $0.visits - visitsUsed) } }

    /// The visits the referral does not cover: before it, after it expired, or beyond those ordered.
    public var visitsOutsideReferral: [CareVisit] {
        guard referral != nil else { return [] }
        let covered = Set(coveredVisits.map(\.session))
        return visits.filter { !covered.contains($0.session) }
    }

    /// Whether a session of today would fall outside the referral: the referral expired or is not
    /// yet valid, or every visit ordered is used. False without a referral (nothing to be outside of).
    public var nextVisitOutsideReferral: Bool {
        guard let referral else { return false }
        return !referral.covers(today) || visitsUsed >= referral.visits
    }

    /// Whether the next visit should re-assess, by the plan's interval counted from the last
    /// re-assessment or, before the first, from the plan's start.
    public var reassessmentDue: Bool {
        guard let plan else { return false }
        let since = visits.filter { $0.day >= plan.start }
        let last = since.lastIndex(where: \.reassessed)
        switch plan.reassessment {
        case .visits(let n):
            let after = last.map { since.count - $0 - 1 } ?? since.count
            return after >= n
        case .weeks(let n):
            let from = last.map { since[$0].day } ?? plan.start
            return from.days(until: today) >= 7 * n
        }
    }

    /// The warnings to show on Today, in the assessment and in the day review.
    public var warnings: [CarePlanWarning] {
        var warnings: [CarePlanWarning] = []
        if let remaining = visitsRemaining, remaining <= 1 {
            warnings.append(.visitsRunningOut(remaining: remaining))
        }
        if let expires = referral?.expires {
            let days = today.days(until: expires)
            if days < 0 { warnings.append(.referralExpired(on: expires)) }
            else if days <= 7 { warnings.append(.referralExpiresSoon(days: days)) }
        }
        if reassessmentDue { warnings.append(.reassessmentDue) }
        return warnings
    }
}

extension CalendarDate {
    /// Whole days from this date to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDate) -> Int {
        func dayNumber(_ d: CalendarDate) -> Int {
            // Days since a fixed epoch (proleptic Gregorian), after Howard Hinnant's days_from_civil.
            let y = d.month <= 2 ? d.year - 1 : d.year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (d.month + 9) % 12
            let doy = (153 * mp + 2) / 5 + d.day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe
        }
        return dayNumber(other) - dayNumber(self)
    }

    /// The day `days` after this one (before it when negative).
    public func adding(days: Int) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSinceReferenceDate: 0)
        let moved = calendar.date(byAdding: .day, value: days, to: start) ?? start
        return CalendarDate(moved, in: calendar.timeZone)
    }
}
