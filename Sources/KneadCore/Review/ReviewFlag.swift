import Foundation

/// Something about a session the therapist should look at before the day is closed.
public enum ReviewFlag: String, CaseIterable, Hashable, Codable, Sendable, Comparable {
    /// The note is not signed yet.
    case unsigned
    /// Treatment ended but no aftercare advice or home care was recorded.
    case aftercareMissing
    /// Screening found a red flag (a reason to refer rather than treat).
    case redFlag
    /// The therapist went ahead despite a screening result that said not to.
    case override
    /// Deep pressure (4–5) was used on a region screening flagged for caution.
    case deepPressureDespiteCaution
    /// An entry of the session could not be read back (damaged or edited outside knead).
    case unreadableEntry
    /// Treatment went ahead without a contraindication screening today.
    case notScreened

    /// A short label for review columns.
    public var label: String {
        switch self {
        case .unsigned: "unsigned"
        case .aftercareMissing: "no aftercare"
        case .redFlag: "red flag"
        case .override: "override"
        case .deepPressureDespiteCaution: "deep on caution"
        case .unreadableEntry: "unreadable entry"
        case .notScreened: "not screened"
        }
    }

    /// Whether the flag means the session is clinically risky, not only unfinished paperwork.
    public var isClinical: Bool {
        switch self {
        case .unsigned, .aftercareMissing, .unreadableEntry: false
        case .redFlag, .override, .deepPressureDespiteCaution, .notScreened: true
        }
    }

    public static func < (lhs: ReviewFlag, rhs: ReviewFlag) -> Bool {
        let order = ReviewFlag.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }

    /// Every flag a session raises, in the order of ``allCases``.
    public static func flags(of state: SessionState) -> [ReviewFlag] {
        var flags: Set<ReviewFlag> = []
        if state.phase != .signed { flags.insert(.unsigned) }
        if state.treatmentEndedAt != nil {
            let care = state.aftercare
            let noAdvice = care.map { $0.advice.isEmpty && $0.homeCare.trimmingCharacters(in: .whitespaces).isEmpty } ?? true
            if noAdvice { flags.insert(.aftercareMissing) }
        }
        flags.formUnion(screeningFlags(of: state))
        if !state.unreadableEntries.isEmpty { flags.insert(.unreadableEntry) }
        if state.screeningSkipped != nil { flags.insert(.notScreened) }
        return ReviewFlag.allCases.filter(flags.contains)
    }
}
