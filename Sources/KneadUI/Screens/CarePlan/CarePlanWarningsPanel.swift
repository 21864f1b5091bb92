import Foundation
import KneadCore

/// The care plan's warnings where the therapist plans the day and the visit: Today (one line per
/// client under the sessions), the assessment (with the screening findings) and the day review
/// (under the chosen session). Visits running out, a referral expiring or expired, a visit
/// outside the referral, re-assessment due.
enum CarePlanWarningsPanel {
    /// Draws lines into the rows of `rect` from the top, each cut to its width; returns the rows used.
    @discardableResult
    static func render(_ lines: [(String, StyleRole)], into canvas: inout Canvas, _ rect: Rect) -> Int {
        guard rect.height > 0, rect.width > 0 else { return 0 }
        var shown = Array(lines.prefix(rect.height))
        if lines.count > rect.height, let last = shown.indices.last {
            shown[last] = ("… and \(lines.count - rect.height + 1) more about care plans", .warning)
        }
        for (i, line) in shown.enumerated() {
            canvas.put(line.0, x: rect.x, y: rect.y + i, role: line.1, maxWidth: rect.width)
        }
        return shown.count
    }
}

extension KneadApp {
    /// Today's lines: one per client of the listed sessions whose care plan needs attention.
    ///
    /// Drawn at every frame of Today from what changes only with the day's sessions, the day and
    /// the plans read: the lines are kept with those and worked out again when one changes (they
    /// were half of a key's frame on the demo's Today).
    func todayCarePlanLines(_ rows: [SessionListing]) -> [(String, StyleRole)] {
        let inputs = TodayCarePlanInputs(rows: rows, day: carePlanToday, generation: carePlans.generation)
        if let kept = carePlans.keptTodayLines, kept.inputs == inputs { return kept.lines }
        let lines = workOutTodayCarePlanLines(rows, day: inputs.day)
        // The cache's generation after the work: reading a plan may have started it again.
        carePlans.keptTodayLines = (TodayCarePlanInputs(rows: rows, day: inputs.day, generation: carePlans.generation), lines)
        return lines
    }

    func workOutTodayCarePlanLines(_ rows: [SessionListing], day: CalendarDate) -> [(String, StyleRole)] {
        var seen: Set<ClientID> = []
        var lines: [(String, StyleRole)] = []
        for listing in rows where seen.insert(listing.client.id).inserted {
            let phases = rows.filter { $0.client.id == listing.client.id }.map { "\($0.id.rawValue)=\($0.phase)" }.joined(separator: ",")
            guard let plan = carePlan(of: listing.client.id, on: day, fingerprint: phases) else { continue }
            let session = rows.last { $0.client.id == listing.client.id && formatting.isSameDay($0.startedAt, clock.now()) }?.id
            let words = plan.shortWarnings(session: session)
            guard !words.isEmpty else { continue }
            let urgent = plan.outsideReferral(session: session) != nil
                || plan.status.warnings.contains { if case .referralExpired = $0 { true } else { false } }
            lines.append(("⚠ \(listing.client.name): " + words.joined(separator: " · "), urgent ? .danger : .warning))
        }
        return lines
    }

    /// Draws Today's care plan lines in the rows the session list leaves free at the bottom of `inner`.
    func renderTodayCarePlan(_ rows: [SessionListing], listRows: Int, into canvas: inout Canvas, _ inner: Rect) {
        let width = inner.width - 3
        let lines = todayCarePlanLines(rows).flatMap { line in
            wrap(line.0, width: width - 2).enumerated().map { i, part in ((i == 0 ? "" : "  ") + part, line.1) }
        }
        guard !lines.isEmpty else { return }
        let free = inner.height - 2 - listRows - 1
        let count = min(lines.count, max(0, free))
        guard count > 0 else { return }
        let rect = Rect(x: inner.x + 2, y: inner.maxY - count, width: width, height: count)
        CarePlanWarningsPanel.render(lines, into: &canvas, rect)
    }

    /// The assessment's lines: the warnings for the open session's client today, and the key
    /// that opens the care plan window.
    func assessmentCarePlanLines() -> [(String, StyleRole)] {
        guard let state = session, let client = state.client?.id,
              let plan = carePlan(of: client, on: carePlanToday, fingerprint: "\(state.id.rawValue)=\(state.phase)") else { return [] }
        let key = keyLabel(.carePlan, in: .form)
        let lines = plan.warningLines(session: state.id) + [("Care plan: \(key) rates the PSFS and PEG, names the goal worked toward.", .muted)]
        return lines.flatMap { line in wrap(line.0, width: width - 5).map { ($0, line.1) } }
    }

    /// How many rows the day review gives the care plan lines: two, four in a tall window.
    func dayReviewCarePlanRows(_ lines: [(String, StyleRole)], height: Int) -> Int { min(lines.count, height >= 30 ? 4 : 2) }

    /// The day review's lines for the chosen session: its client's warnings as of that day.
    func dayReviewCarePlanLines(_ summary: SessionSummary?) -> [(String, StyleRole)] {
        guard let summary else { return [] }
        let day = CalendarDate(summary.startedAt, in: settings.timeZone)
        guard let plan = carePlan(of: summary.client.id, on: day, fingerprint: "\(summary.id.rawValue)=\(summary.phase)") else { return [] }
        let words = plan.shortWarnings(session: summary.id)
        guard !words.isEmpty else { return [] }
        var text = "Care plan: " + words.joined(separator: " · ")
        if let outside = plan.outsideReferral(session: summary.id) { text += " (\(outside))" }
        let urgent = plan.outsideReferral(session: summary.id) != nil
            || plan.status.warnings.contains { if case .referralExpired = $0 { true } else { false } }
        return wrap(text, width: width - 7).map { ($0, urgent ? .danger : .warning) }
    }
}
