import Foundation

/// A SOAP note composed from a session's events: what will be signed, section by section.
public struct SOAPNote: Hashable, Sendable {
    public var title: String
    public var subjective: [String]
    public var objective: [String]
    public var assessment: [String]
    public var plan: [String]
    /// Signature and amendments, shown under the original note.
    public var trailer: [String]

    /// The note as plain text lines, sections headed S, O, A, P.
    public var lines: [String] {
        var out = [title, ""]
        for (heading, body) in [("S — Subjective", subjective), ("O — Objective", objective),
                                ("A — Assessment", assessment), ("P — Plan", plan)] {
            out.append(heading)
            out += body.isEmpty ? ["  (nothing recorded)"] : body.map { "  " + $0 }
            out.append("")
        }
        out += trailer
        return out
    }
}

/// Composes the SOAP note from a session: most of it is written by what was logged.
public struct NoteComposer: Sendable {
    public let catalog: TechniqueCatalog
    public let timeZone: TimeZone

    public init(catalog: TechniqueCatalog = .standard, timeZone: TimeZone = .current) {
        self.catalog = catalog
        self.timeZone = timeZone
    }

    public func compose(_ state: SessionState, now: Date) -> SOAPNote {
        let stamp = formatter("yyyy-MM-dd HH:mm")
        let clockTime = formatter("HH:mm")
        let client = state.client
        let when = state.startedAt.map { stamp.string(from: $0) } ?? "not started"
        let title = "Session note — \(client?.name ?? "unknown client") — \(when) — \(state.plannedMinutes) min planned"
        let a = state.assessment

        var s: [String] = []
        if let a {
            if !a.chiefComplaint.isEmpty { s.append("Complaint: \"\(a.chiefComplaint)\"") }
            if !a.painfulRegions.isEmpty {
                s.append("Baseline pain: " + a.painfulRegions.map { "\($0.region.name) \($0.score.value)/10" }.joined(separator: ", "))
            }
            if !a.conditions.isEmpty { s.append("Conditions: \(a.conditions)") }
            if !a.medications.isEmpty { s.append("Medications: \(a.medications)") }
            if !a.contraindications.isEmpty { s.append("Contraindications: \(a.contraindications)") }
            if !a.cautionRegions.isEmpty {
                s.append("Deep-pressure caution: " + a.cautionRegions.map(\.name).joined(separator: ", "))
            }
            if !a.goals.isEmpty { s.append("Goals: \(a.goals)") }
            s.append("Pressure preference: \(a.pressurePreference.rawValue) (\(a.pressurePreference.label)); consent \(a.consent ? "given" : "not given")")
        }

        var o: [String] = []
        let byRegion = state.secondsByRegion(upTo: now)
        for region in state.workedRegions {
            let segments = state.segments.filter { $0.work.region == region }
            let techniques = unique(segments.map { catalog.name(of: $0.work.technique) })
            let pressures = segments.map(\.work.pressure.rawValue)
            let range = pressures.min() == pressures.max() ? "\(pressures.min() ?? 0)" : "\(pressures.min() ?? 0)–\(pressures.max() ?? 0)"
            var line = "\(region.name): \(techniques.joined(separator: ", ")); pressure \(range); \(minutes(byRegion[region] ?? 0)) min"
            if segments.contains(where: \.work.cautionConfirmed) { line += " — deep pressure on a flagged region, confirmed by therapist" }
            o.append(line)
        }
        for note in state.notes { o.append("Finding (\(clockTime.string(from: note.at))): \(note.value)") }
        if let began = state.treatmentBeganAt {
            let end = state.treatmentEndedAt ?? now
            o.append("Treatment time: \(minutes(end.timeIntervalSince(began))) min of \(state.plannedMinutes) planned")
        }

        var assessmentLines: [String] = []
        let before = a?.baseline
        let after = state.aftercare?.postPain
        if let before, let after {
            var line = "Pain \(before.value)/10 before → \(after.value)/10 after"
            if PainScore.isMeaningfulChange(from: before, to: after) {
                line += after < before ? " (meaningful improvement, \(before.value - after.value) points)"
                                       : " (meaningful worsening, \(after.value - before.value) points)"
            }
            assessmentLines.append(line)
        } else if let after {
            assessmentLines.append("Pain after treatment: \(after.value)/10")
        }
        for region in state.workedRegions {
            let checks = state.checkIns(for: region)
            guard let last = checks.last?.value.score else { continue }
            let first = a?.baseline(for: region) ?? checks.first?.value.score ?? last
            var line = "\(region.name): \(first.value) → \(last.value)"
            if PainScore.isMeaningfulChange(from: first, to: last) { line += " (change of \(abs(last.value - first.value)))" }
            assessmentLines.append(line)
        }
        if !state.checkIns.isEmpty {
            assessmentLines.append("Check-ins during treatment: " + state.checkIns.map { "\($0.value.score.value)" }.joined(separator: " "))
        }

        var p: [String] = []
        if let care = state.aftercare {
            if !care.plan.isEmpty { p.append("Plan: \(care.plan)") }
            if !care.homeCare.isEmpty { p.append("Home care: \(care.homeCare)") }
            for advice in care.advice { p.append("Advised: \(advice)") }
        }

        var trailer: [String] = []
        if let signature = state.signature {
            trailer.append("Signed by \(signature.value.by) at \(stamp.string(from: signature.at)). Locked.")
        } else {
            trailer.append("Not signed.")
        }
        for amendment in state.amendments {
            trailer.append("")
            trailer.append("Amendment by \(amendment.value.by) at \(stamp.string(from: amendment.at)) — reason: \(amendment.value.reason)")
            trailer += amendment.value.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        return SOAPNote(title: title, subjective: s, objective: o, assessment: assessmentLines, plan: p, trailer: trailer)
    }

    private func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter
    }
}

/// Whole minutes, rounded to the nearest.
func minutes(_ seconds: TimeInterval) -> Int { Int((seconds / 60).rounded()) }

private func unique(_ values: [String]) -> [String] {
    var seen: [String] = []
    for v in values where !seen.contains(v) { seen.append(v) }
    return seen
}
