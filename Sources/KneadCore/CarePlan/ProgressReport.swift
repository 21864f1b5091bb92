import Foundation

/// The progress report for the referring physician: the referral, visits given and remaining,
/// what was done, pain and PSFS/PEG trends with the changes that matter, goals, attendance and
/// the therapist's recommendation, in plain clinical language that reads in a minute.
public struct ProgressReport: Sendable {
    public let record: ClientRecord
    public let referral: Referral?
    public let plan: PlanOfCare?
    /// The client's sessions in the report's period, oldest first (rescheduled and open ones too).
    public let sessions: [SessionState]
    /// Every visit of the client, for counting the referral's visits (the period may start later).
    public let status: CarePlanStatus
    public let since: CalendarDate?
    public let today: CalendarDate
    public let zone: TimeZone
    public let catalog: TechniqueCatalog

    /// A report from a client's sessions (all of them; `since` narrows what is described, not what is counted).
    public init(record: ClientRecord, referral: Referral?, plan: PlanOfCare?, sessions: [SessionState],
                since: CalendarDate?, now: Date, zone: TimeZone, catalog: TechniqueCatalog = .standard) {
        self.record = record
        self.referral = referral
        self.plan = plan
        self.zone = zone
        self.catalog = catalog
        self.since = since
        today = CalendarDate(now, in: zone)
        let ordered = sessions.filter { $0.startedAt != nil }
            .sorted { ($0.startedAt ?? .distantPast, $0.id.rawValue) < ($1.startedAt ?? .distantPast, $1.id.rawValue) }
        status = CarePlanStatus(referral: referral, plan: plan, visits: CareVisit.visits(in: ordered, zone: zone), today: today)
        self.sessions = ordered.filter { state in since.map { CalendarDate(state.startedAt ?? .distantPast, in: zone) >= $0 } ?? true }
    }

    /// Signed visits in the period (not rescheduled), oldest first.
    public var visits: [SessionState] { sessions.filter { $0.phase == .signed && $0.rescheduled == nil } }

    /// One section of the report: a heading and its lines.
    public struct Section: Hashable, Sendable {
        public var title: String
        public var lines: [String]
        /// Rows of a table (the first is the header), shown after the lines.
        public var table: [[String]]
    }

    public var title: String { "Progress report: \(lineSafe(record.client.name))" }

    /// Who, when, for whom, in a few lines above the sections.
    public var heading: [String] {
        var lines: [String] = []
        var who = "Client: \(lineSafe(record.client.name))"
        if let born = record.dateOfBirth { who += ", born \(born)" }
        lines.append(who)
        if let referral { lines.append("For: \(lineSafe(referral.clinician.name))" + (referral.clinician.practice.isBlank ? "" : ", \(lineSafe(referral.clinician.practice))")) }
        let first = visits.first.flatMap(\.startedAt).map { CalendarDate($0, in: zone) }
        let last = visits.last.flatMap(\.startedAt).map { CalendarDate($0, in: zone) }
        if let first, let last { lines.append("Period: \(since.map { max($0, first) } ?? first) to \(last); report of \(today)") }
        else { lines.append("Report of \(today)") }
        if let by = visits.last?.signature?.value.by { lines.append("Therapist: \(lineSafe(by))") }
        return lines
    }

    public var sections: [Section] {
        [referralSection, treatmentSection, outcomesSection, goalsSection, recommendationSection].compactMap { $0 }
    }

    private var referralSection: Section {
        guard let referral else {
            return Section(title: "Referral", lines: ["No referral is on file."], table: [])
        }
        var lines = [
            "Referred by \(lineSafe(referral.clinician.name))"
                + (referral.clinician.practice.isBlank ? "" : ", \(lineSafe(referral.clinician.practice))")
                + (referral.clinician.contact.isBlank ? "" : " (\(lineSafe(referral.clinician.contact)))") + " on \(referral.date).",
            "Diagnosis: \(referral.diagnosis.code) \(lineSafe(referral.diagnosis.text)) (ICD-10-CM).",
            "Ordered: \(referral.visits) visits" + (referral.frequency.isBlank ? "" : ", \(lineSafe(referral.frequency).lowercased())")
                + (referral.expires.map { ", until \($0)" } ?? "") + ".",
            "Visits given: \(status.visitsUsed) of \(referral.visits); \(status.visitsRemaining ?? 0) remaining.",
        ]
        let outside = status.visitsOutsideReferral
        if !outside.isEmpty {
            lines.append("Outside the referral: \(outside.count) visit\(outside.count == 1 ? "" : "s") (\(outside.map { "\($0.day)" }.joined(separator: ", "))).")
        }
        lines += status.warnings.filter { if case .reassessmentDue = $0 { false } else { true } }.map(\.description)
        return Section(title: "Referral", lines: lines, table: [])
    }

    private var treatmentSection: Section {
        let rescheduled = sessions.filter { $0.rescheduled != nil }.count
        let open = sessions.filter { $0.phase != .signed }.count
        var attendance = "Attendance: \(visits.count) visit\(visits.count == 1 ? "" : "s")"
        if let plan { attendance += " (plan: \(lineSafe(plan.frequency).lowercased()) for \(plan.durationWeeks) weeks)" }
        attendance += rescheduled == 0 ? ", none rescheduled" : ", \(rescheduled) rescheduled"
        if open > 0 { attendance += ", \(open) not yet signed" }
        var regionVisits: [Region: Int] = [:]
        var regionOrder: [Region] = []
        var techniqueMinutes: [Technique: Double] = [:]
        var techniqueOrder: [Technique] = []
        for visit in visits {
            for region in visit.workedRegions {
                if regionVisits[region] == nil { regionOrder.append(region) }
                regionVisits[region, default: 0] += 1
            }
            let end = visit.treatmentEndedAt ?? visit.startedAt ?? .distantPast
            for (technique, seconds) in visit.secondsByTechnique(upTo: end) {
                if techniqueMinutes[technique] == nil { techniqueOrder.append(technique) }
                techniqueMinutes[technique, default: 0] += seconds / 60
            }
        }
        techniqueOrder.sort { (techniqueMinutes[$0] ?? 0, $1.id) > (techniqueMinutes[$1] ?? 0, $0.id) }
        let regions = regionOrder.map { "\($0.name) (\(regionVisits[$0] ?? 0))" }.joined(separator: ", ")
        let techniques = techniqueOrder.map { "\(lineSafe(catalog.name(of: $0))) \(Int((techniqueMinutes[$0] ?? 0).rounded())) min" }
            .joined(separator: ", ")
        var lines = [attendance + "."]
        if !regions.isEmpty { lines.append("Regions (visits): \(regions).") }
        if !techniques.isEmpty { lines.append("Techniques (total minutes): \(techniques).") }
        return Section(title: "Treatment", lines: lines, table: [])
    }

    private var outcomesSection: Section? {
        guard !visits.isEmpty else { return Section(title: "Outcomes", lines: ["No signed visits in this period."], table: []) }
        var lines: [String] = []
        let intake = visits.compactMap { $0.assessment?.baseline?.value }
        if let first = intake.first, let last = intake.last, intake.count > 1 {
            let important = MinimalImportantChange.pain(from: first, to: last)
            lines.append("Pain at intake (NRS 0–10): \(first) → \(last) over \(intake.count) visits, \(signed(last - first)) points"
                         + (important ? ": a clinically important change (2 points or 30 %, Farrar 2001)." : ": below the clinically important change (2 points or 30 %)."))
        }
        let within = visits.compactMap { v -> Int? in
            guard let before = v.assessment?.baseline?.value, let after = v.aftercare?.postPain?.value else { return nil }
            return after - before
        }
        if !within.isEmpty {
            let mean = Double(within.reduce(0, +)) / Double(within.count)
            lines.append("Within visits, pain changed by \(String(format: "%+.1f", mean)) points on average (before → after treatment).")
        }
        let psfs = visits.flatMap { v in v.outcomes.compactMap { o -> (Date, PSFSRating)? in
            if case .psfs(let r) = o.value { (o.at, r) } else { nil } } }
        if let first = psfs.first?.1, let last = psfs.last?.1, psfs.count > 1 {
            let change = last.mean - first.mean
            lines.append("PSFS mean (0–10, higher is better): \(one(first.mean)) → \(one(last.mean)), \(signedOne(change))"
                         + (MinimalImportantChange.psfs(from: first.mean, to: last.mean)
                            ? ": a clinically important change (2 points, Abbott & Schmitt 2014)." : ": below the 2-point important change."))
            for activity in first.activities {
                guard let now = last.activities.first(where: { $0.activity.searchFolded == activity.activity.searchFolded }) else { continue }
                let mark = MinimalImportantChange.psfs(from: Double(activity.score), to: Double(now.score)) ? " (important)" : ""
                lines.append("PSFS \"\(lineSafe(activity.activity))\": \(activity.score) → \(now.score)\(mark).")
            }
        } else if let only = psfs.first?.1 {
            lines.append("PSFS mean (0–10): \(one(only.mean)), rated once.")
        }
        let peg = visits.flatMap { v in v.outcomes.compactMap { o -> PEGRating? in if case .peg(let r) = o.value { r } else { nil } } }
        if let first = peg.first, let last = peg.last, peg.count > 1 {
            lines.append("PEG (pain, enjoyment, activity; 0–10, lower is better): \(one(first.mean)) → \(one(last.mean)), \(signedOne(last.mean - first.mean)).")
        } else if let only = peg.first {
            lines.append("PEG (0–10): \(one(only.mean)), rated once.")
        }
        var table = [["Visit", "Date", "Pain before", "Pain after", "PSFS", "PEG"]]
        for (i, v) in visits.enumerated() {
            let day = v.startedAt.map { "\(CalendarDate($0, in: zone))" } ?? "-"
            let p = v.outcomes.compactMap { o -> Double? in if case .psfs(let r) = o.value { r.mean } else { nil } }.last
            let g = v.outcomes.compactMap { o -> Double? in if case .peg(let r) = o.value { r.mean } else { nil } }.last
            table.append(["\(i + 1)", day, v.assessment?.baseline.map { "\($0.value)" } ?? "-",
                          v.aftercare?.postPain.map { "\($0.value)" } ?? "-", p.map(one) ?? "", g.map(one) ?? ""])
        }
        return Section(title: "Outcomes", lines: lines, table: table)
    }

    private var goalsSection: Section? {
        guard let plan else { return nil }
        let worked = Set(visits.flatMap(\.goalsWorkedOn))
        var lines = plan.goals.map { goal in
            let state = goal.met.map { "met on \($0)" }
                ?? (goal.target < today ? "not met by the target date \(goal.target)" : "in progress, target \(goal.target)")
            return "\(lineSafe(goal.text)): \(state)" + (worked.contains(goal.id) ? "." : "; no visit in this period named it.")
        }
        lines.append("Re-assessment \(plan.reassessment)" + (status.reassessmentDue ? "; due at the next visit." : "."))
        return Section(title: "Goals", lines: lines, table: [])
    }

    private var recommendationSection: Section? {
        guard let last = visits.last, let aftercare = last.aftercare else { return nil }
        var lines: [String] = []
        if !aftercare.plan.isBlank { lines.append("Plan: \(lineSafe(aftercare.plan)).") }
        if !aftercare.nextFocus.isBlank { lines.append("Next focus: \(lineSafe(aftercare.nextFocus)).") }
        if !aftercare.homeCare.isBlank { lines.append("Home care: \(lineSafe(aftercare.homeCare)).") }
        if referral != nil, status.nextVisitOutsideReferral {
            lines.append("Further visits need a new referral.")
        }
        return lines.isEmpty ? nil : Section(title: "Recommendation", lines: lines, table: [])
    }

    // MARK: Rendering

    /// The report as Markdown.
    public func markdown() -> String {
        var out = ["# \(title)", ""] + heading.map { $0 + "  " } + [""]
        for section in sections {
            out += ["## \(section.title)", ""] + section.lines.map { "- \($0)" }
            if let header = section.table.first {
                out += ["", "| " + header.joined(separator: " | ") + " |",
                        "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
                out += section.table.dropFirst().map { "| " + $0.joined(separator: " | ") + " |" }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// The report as plain text.
    public func text() -> String {
        var out = [title, String(repeating: "=", count: title.count)] + heading + [""]
        for section in sections {
            out += [section.title, String(repeating: "-", count: section.title.count)] + section.lines
            if !section.table.isEmpty {
                let widths = section.table[0].indices.map { c in section.table.map { $0[c].count }.max() ?? 0 }
                out.append("")
                out += section.table.map { row in
                    row.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private func one(_ value: Double) -> String { String(format: "%.1f", value) }
    private func signedOne(_ value: Double) -> String { String(format: "%+.1f", value) }
    private func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
}

/// Text on one line with nothing a terminal would act on: control and format characters become
/// U+FFFD, line breaks become spaces, and Markdown's table bar is escaped.
func lineSafe(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.trimmed.unicodeScalars {
        if scalar == "\n" || scalar == "\t" || scalar == "\r" { out.append(" ") }
        else if scalar.properties.generalCategory == .control
                    || (scalar.properties.generalCategory == .format && !(0x200C...0x200F).contains(scalar.value)) { out.append("\u{FFFD}") }
        else { out.append(scalar) }
    }
    return String(out).replacingOccurrences(of: "|", with: "\\|")
}
