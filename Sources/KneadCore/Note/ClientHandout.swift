import Foundation

/// The aftercare a client takes home, in plain words: no clinical codes, no billing, no scores
/// the client did not give.
public struct ClientHandout: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = .current) { self.timeZone = timeZone }

    /// The handout as plain text; control characters in typed text are replaced (see ``terminalSafe(_:)``).
    public func text(_ state: SessionState, therapist: String? = nil) -> String {
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = timeZone
        date.dateFormat = "d MMMM yyyy"
        let name = state.client.map { $0.preferredName?.isBlank == false ? ($0.preferredName ?? $0.name) : $0.name } ?? "you"
        var out = ["Aftercare for \(SafeText.line(name))" + (state.startedAt.map { " — \(date.string(from: $0))" } ?? ""), ""]
        let care = state.aftercare ?? Aftercare()

        if !state.workedRegions.isEmpty {
            out.append("Today we worked on: " + state.workedRegions.map(\.name).joined(separator: ", ") + ".")
        }
        if let before = state.assessment?.baseline, let after = care.postPain {
            out.append("Your pain was \(before.value) out of 10 when you arrived and \(after.value) out of 10 when you left.")
        }
        if out.count > 2 { out.append("") }

        if !care.advice.isEmpty {
            out.append("For the next day or two")
            out += care.advice.map { "  • " + $0 }
            out.append("")
        }
        var home: [String] = []
        if !care.homeCare.isBlank { home.append("Stretches and exercises: \(care.homeCare)") }
        switch care.heatOrCold {
        case .none: break
        case .heat: home.append("Use heat (a warm pack or shower) for 10–15 minutes on tight muscles.")
        case .cold: home.append("Use cold (an ice pack wrapped in a cloth) for 10–15 minutes where it is swollen or sore.")
        case .either: home.append("Use heat or cold for 10–15 minutes, whichever eases it.")
        }
        if !care.selfCare.isBlank { home.append(care.selfCare) }
        if !home.isEmpty {
            out.append("At home")
            out += home.map { "  • " + $0 }
            out.append("")
        }
        var next: [String] = []
        if !care.plan.isBlank { next.append("How often: \(care.plan)") }
        if !care.nextFocus.isBlank { next.append("Next time we will focus on: \(care.nextFocus)") }
        if !care.referral.isBlank { next.append("We suggest you also see: \(care.referral)") }
        if !next.isEmpty {
            out.append("Your next visit")
            out += next.map { "  • " + $0 }
            out.append("")
        }
        out.append("If anything feels unusual or worrying, tell us, and seek medical care for numbness, weakness, fever or severe pain.")
        if let therapist = therapist ?? state.signature?.value.by, !therapist.isBlank {
            out.append("")
            out.append("Your therapist: \(SafeText.line(therapist))")
        }
        return terminalSafe(out.joined(separator: "\n") + "\n")
    }
}
