import Foundation

/// A SOAP note composed from a session's events: what will be signed, section by section,
/// then the billing units, the signature and the amendments under the original.
public struct SOAPNote: Hashable, Sendable {
    public var title: String
    public var subjective: [String]
    public var objective: [String]
    public var assessment: [String]
    public var plan: [String]
    /// Units per code by the 8-minute rule.
    public var billing: BillingUnits
    /// The billing units as lines of the note.
    public var billingLines: [String]
    /// "Signed by … at …. Locked." or "Not signed."
    public var signatureLine: String
    /// Changes made after signing, oldest first; the note above them stays as signed.
    public var amendments: [NoteAmendment]
    /// Entries of the session that could not be read, said under the note so none is missed silently.
    public var warnings: [String] = []

    /// The headed sections in the order a note shows them.
    public var sections: [(heading: String, lines: [String])] {
        [("S — Subjective", subjective), ("O — Objective", objective), ("A — Assessment", assessment),
         ("P — Plan", plan), ("Billing — 8-minute rule", billingLines)]
    }

    /// The note as plain text lines: title, headed sections, signature, then each amendment.
    public var lines: [String] {
        var out = [title, ""]
        for (heading, body) in sections {
            out.append(heading)
            // An entry of several lines keeps each: its first at the bullet, the rest indented under it.
            out += body.isEmpty ? ["  (nothing recorded)"] : body.flatMap { entry in
                entry.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
                    (i == 0 ? "  " : "    ") + line
                }
            }
            out.append("")
        }
        out.append(signatureLine)
        out += warnings
        for amendment in amendments {
            out.append("")
            out.append(amendment.heading)
            out += amendment.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        return out
    }
}

/// An amendment as a note shows it under the original.
public struct NoteAmendment: Hashable, Sendable {
    /// 1 for the first amendment.
    public var number: Int
    public var by: String
    public var at: Date
    /// `at` as the note prints it.
    public var stamp: String
    public var reason: String
    public var text: String

    /// "Amendment 1 by … at … — reason: …"
    public var heading: String { "Amendment \(number) by \(by) at \(stamp) — reason: \(reason)" }
}

/// Composes the SOAP note from a session: most of it is written by what was logged.
///
/// S holds the client's words, history and baseline pain; O the treatment (regions, techniques,
/// pressure, minutes) and findings; A the response (pain before and after, overall and per
/// region, changes of 2 or more called out); P the plan, home care and advice. Screening lines
/// come from ``screening(_:)``. The therapist's own additions close each section.
///
/// An entry of the sections may hold several lines (a multi-line field keeps each of its lines).
/// A signed note names its techniques and codes as its signature recorded them, whatever the
/// composer's catalogue and codes say now; only an unsigned note uses them.
public struct NoteComposer: Sendable {
    public let catalog: TechniqueCatalog
    public let billingCodes: BillingCodes
    public let timeZone: TimeZone

    public init(catalog: TechniqueCatalog = .standard, billingCodes: BillingCodes = .standard, timeZone: TimeZone = .current) {
        self.catalog = catalog
        self.billingCodes = billingCodes
        self.timeZone = timeZone
    }

    /// The note as it stands at `now` (an open work segment counts up to `now`).
    public func compose(_ state: SessionState, now: Date) -> SOAPNote {
        let stamp = Self.formatter("yyyy-MM-dd HH:mm", timeZone)
        let when = state.startedAt.map { stamp.string(from: $0) } ?? "not started"
        let title = "Session note — \(state.client?.name ?? "unknown client") — \(when) — \(state.plannedMinutes) min planned"
        let screening = screening(state)
        let additions = state.aftercare?.additions ?? NoteAdditions()
        let vocabulary = vocabulary(of: state)
        let billing = BillingUnits(secondsByTechnique: state.secondsByTechnique(upTo: now), codes: vocabulary.billingCodes)
        let signatureLine = state.signature.map { "Signed by \($0.value.by) at \(stamp.string(from: $0.at)). Locked." } ?? "Not signed."
        let amendments = state.amendments.enumerated().map { index, amendment in
            NoteAmendment(number: index + 1, by: amendment.value.by, at: amendment.at, stamp: stamp.string(from: amendment.at),
                          reason: amendment.value.reason, text: amendment.value.text)
        }
        return SOAPNote(
            title: title,
            subjective: subjective(state, screening: screening.subjective) + lines(of: additions.subjective),
            objective: objective(state, now: now, screening: screening.objective, vocabulary: vocabulary,
                                 clockTime: Self.formatter("HH:mm", timeZone)) + lines(of: additions.objective),
            assessment: assessment(state, vocabulary: vocabulary, clockTime: Self.formatter("HH:mm", timeZone))
                + outcomeLines(state) + lines(of: additions.assessment),
            plan: plan(state) + lines(of: additions.plan),
            billing: billing, billingLines: billingLines(billing, vocabulary: vocabulary),
            signatureLine: signatureLine, amendments: amendments, warnings: Self.warnings(state))
    }

    /// The sentence that says which entries of the session could not be read, if any.
    static func warnings(_ state: SessionState) -> [String] {
        let seqs = state.unreadableEntries
        guard !seqs.isEmpty else { return [] }
        let list = seqs.map(String.init).joined(separator: ", ")
        let what = seqs.count == 1 ? "entry \(list) of this session cannot be read and is left out"
            : "entries \(list) of this session cannot be read and are left out"
        return ["Warning: \(what); run knead verify for details."]
    }

    /// The names and codes the note uses: as signed for a signed note (the built-in standard ones
    /// for notes signed before signatures kept them), else the composer's.
    public func vocabulary(of state: SessionState) -> SignedVocabulary {
        if let signature = state.signature?.value {
            return signature.vocabulary
                ?? SignedVocabulary(catalog: .standard, codes: .standard, techniques: state.segments.map(\.work.technique))
        }
        return SignedVocabulary(catalog: catalog, codes: billingCodes, techniques: state.segments.map(\.work.technique))
    }

    // MARK: Sections

    private func subjective(_ state: SessionState, screening: [String]) -> [String] {
        guard let a = state.assessment else { return [] }
        var s: [String] = []
        if !a.chiefComplaint.isBlank { s.append("Complaint: \"\(a.chiefComplaint)\"") }
        if !a.onset.isBlank { s.append("Onset: \(a.onset)") }
        if !a.worseWith.isBlank { s.append("Worse with: \(a.worseWith)") }
        if !a.betterWith.isBlank { s.append("Better with: \(a.betterWith)") }
        if !a.conditions.isBlank { s.append("History and conditions: \(a.conditions)") }
        if !a.medications.isBlank { s.append("Medications: \(a.medications)") }
        if let skipped = state.screeningSkipped {
            s.append("NOT SCREENED TODAY — contraindication screening skipped: \(skipped.value)")
        }
        s += screening
        if !a.painfulRegions.isEmpty {
            s.append("Baseline pain: " + a.painfulRegions.map { "\($0.region.name) \($0.score.value)/10" }.joined(separator: ", "))
        }
        if !a.goals.isBlank { s.append("Goals: \(a.goals)") }
        s.append("Pressure preference: \(a.pressurePreference.rawValue) (\(a.pressurePreference.label)); consent \(a.consent ? "given" : "not given")")
        return s
    }

    private func objective(_ state: SessionState, now: Date, screening: [String], vocabulary: SignedVocabulary,
                           clockTime: DateFormatter) -> [String] {
        var o: [String] = []
        if let a = state.assessment, !a.objectiveFindings.isBlank { o.append("Findings on assessment: \(a.objectiveFindings)") }
        let byRegion = state.secondsByRegion(upTo: now)
        for region in state.workedRegions {
            let all = state.segments.filter { $0.work.region == region }
            // A technique or pressure passed through for no time is not part of what was done.
            let timed = all.filter { $0.seconds(upTo: now) > 0 }
            let segments = timed.isEmpty ? all : timed
            let techniques = unique(segments.map { vocabulary.name(of: $0.work.technique) })
            let pressures = segments.map(\.work.pressure.rawValue)
            let low = pressures.min() ?? 0, high = pressures.max() ?? 0
            let range = low == high ? "\(low)" : "\(low)–\(high)"
            o.append("\(region.name): \(techniques.joined(separator: ", ")); pressure \(range); \(minutes(byRegion[region] ?? 0)) min")
        }
        for note in state.notes { o.append("Finding (\(clockTime.string(from: note.at))): \(note.value)") }
        if state.treatmentBeganAt != nil {
            o.append("Treatment time: \(minutes(state.elapsedSeconds(at: now))) min of \(state.plannedMinutes) planned")
        }
        return o + screening
    }

    private func assessment(_ state: SessionState, vocabulary: SignedVocabulary, clockTime: DateFormatter) -> [String] {
        var lines: [String] = []
        let before = state.assessment?.baseline
        let after = state.aftercare?.postPain
        if let before, let after {
            lines.append("Pain overall: \(before.value)/10 before → \(after.value)/10 after" + change(from: before, to: after))
        } else if let after {
            lines.append("Pain after treatment: \(after.value)/10")
        }
        var regions = state.assessment?.painfulRegions.map(\.region) ?? []
        for region in state.workedRegions + (state.aftercare?.regionPain.map(\.region) ?? []) where !regions.contains(region) {
            regions.append(region)
        }
        for region in regions {
            let checks = state.checkIns(for: region)
            let baseline = state.assessment?.baseline(for: region)
            let last = state.aftercare?.pain(for: region) ?? checks.last?.value.score
            switch (baseline ?? checks.first?.value.score, last) {
            case (let first?, let last?):
                let label = baseline == nil ? " (first check-in)" : ""
                lines.append("\(region.name): \(first.value)\(label) → \(last.value)" + change(from: first, to: last))
            case (let first?, nil):
                lines.append("\(region.name): \(first.value) before; not rescored after")
            case (nil, let last?):
                lines.append("\(region.name): \(last.value) after treatment; not scored before")
            case (nil, nil):
                continue
            }
        }
        if !state.checkIns.isEmpty {
            lines.append("Check-ins during treatment: " + state.checkIns.map { "\($0.value.score.value)" }.joined(separator: " "))
        }
        for rise in state.painRises {
            let place = rise.checkIn.value.region.map { " in the \($0.name)" } ?? ""
            let from = rise.from.map { " from \($0.value)" } ?? ""
            lines.append("Pain rose to \(rise.checkIn.value.score.value)/10\(from)\(place) at \(clockTime.string(from: rise.checkIn.at)); "
                         + response(to: rise.checkIn, in: state, vocabulary: vocabulary))
        }
        return lines
    }

    /// What the therapist did after a pain rise, up to the next check-in: the first change to the work.
    private func response(to rise: Timed<PainCheckIn>, in state: SessionState, vocabulary: SignedVocabulary) -> String {
        // The events that count, in order, and the work going on when the check-in was logged.
        let live = state.events.enumerated().filter { !state.isVoided($0.offset) && !$0.element.change.isVoid }.map(\.element)
        guard let at = live.firstIndex(where: { $0.at == rise.at && $0.change == .checkedIn(rise.value) }) else {
            return "no response recorded."
        }
        var work: RegionWork?
        for event in live[..<at] {
            switch event.change {
            case .workStarted(let started): work = started
            case .workEnded, .treatmentEnded: work = nil
            case .pressureChanged(let pressure, _): work?.pressure = pressure
            case .techniqueChanged(let technique): work?.technique = technique
            default: break
            }
        }
        let kept = work.map { "pressure kept at \($0.pressure.rawValue)." } ?? "no region was being worked."
        for index in live.indices.dropFirst(at + 1) {
            let event = live[index]
            switch event.change {
            case .checkedIn:
                return kept
            case .pressureChanged(let pressure, _):
                let before = work.map { "from \($0.pressure.rawValue) " } ?? ""
                return pressure < (work?.pressure ?? .deepest)
                    ? "pressure lightened \(before)to \(pressure.rawValue)."
                    : "pressure raised \(before)to \(pressure.rawValue)."
            case .techniqueChanged(let technique):
                return "technique changed to \(vocabulary.name(of: technique))."
            case .workStarted(let other):
                return other.region == work?.region ? "work changed to \(vocabulary.name(of: other.technique)) at pressure \(other.pressure.rawValue)."
                                                    : "moved on to the \(other.region.name)."
            case .workEnded:
                // Moving to another region ends the work here and starts there at the same moment.
                if index + 1 < live.count, case .workStarted(let other) = live[index + 1].change, live[index + 1].at == event.at {
                    return "moved on to the \(other.region.name)."
                }
                return "work on the region stopped."
            case .treatmentEnded:
                return "treatment ended."
            default:
                continue
            }
        }
        return kept
    }

    private func plan(_ state: SessionState) -> [String] {
        guard let care = state.aftercare else { return [] }
        var p: [String] = []
        if !care.plan.isBlank { p.append("Frequency: \(care.plan)") }
        if !care.nextFocus.isBlank { p.append("Next visit focus: \(care.nextFocus)") }
        if !care.referral.isBlank { p.append("Referral: \(care.referral)") }
        if !care.homeCare.isBlank { p.append("Home care: \(care.homeCare)") }
        if care.heatOrCold != .none { p.append("Heat or cold: \(care.heatOrCold.label)") }
        if !care.selfCare.isBlank { p.append("Self-care: \(care.selfCare)") }
        for advice in care.advice { p.append("Advised: \(advice)") }
        if !care.freeText.isBlank { p.append("Notes: \(care.freeText)") }
        return p
    }

    private func billingLines(_ billing: BillingUnits, vocabulary: SignedVocabulary) -> [String] {
        var lines = billing.codes.map { line in
            let name = BillingCodes.description(of: line.code).map { " \($0)" } ?? ""
            return "\(line.code)\(name): \(line.minutes) min, \(line.units) unit\(line.units == 1 ? "" : "s")"
        }
        if !billing.codes.isEmpty {
            lines.append("Total: \(billing.totalMinutes) timed min → \(billing.totalUnits) unit\(billing.totalUnits == 1 ? "" : "s")")
        }
        if !billing.unbilledTechniques.isEmpty {
            lines.append("Not billed (no code): " + billing.unbilledTechniques.map { vocabulary.name(of: $0) }.joined(separator: ", "))
        }
        return lines
    }

    // MARK: Helpers

    /// " (meaningful improvement, 3 points)" for a change of 2 or more, else nothing.
    private func change(from before: PainScore, to after: PainScore) -> String {
        guard PainScore.isMeaningfulChange(from: before, to: after) else { return "" }
        return after < before ? " (meaningful improvement, \(before.value - after.value) points)"
                              : " (meaningful worsening, \(after.value - before.value) points)"
    }

    private func lines(of text: String) -> [String] {
        text.isBlank ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func formatter(_ pattern: String, _ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter
    }
}

/// Whole minutes, rounded to the nearest (for reading; billing rounds down, see ``BillingUnits``).
func minutes(_ seconds: TimeInterval) -> Int { Int((seconds / 60).rounded()) }

private func unique(_ values: [String]) -> [String] {
    var seen: [String] = []
    for v in values where !seen.contains(v) { seen.append(v) }
    return seen
}
