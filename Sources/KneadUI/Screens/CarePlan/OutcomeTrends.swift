import Foundation
import KneadCore

/// Pain at intake, the PSFS mean and the PEG across a client's visits, drawn in the client
/// history beside the pain chart: one bar a visit (0–10), the first and last values, and the
/// visit where the change since the first reached the minimal important change (pain 2 points
/// or 30 %, PSFS 2 points) marked ◆ and named. PEG has no published threshold: its change is shown.
struct OutcomeTrends {
    struct Point {
        var day: CalendarDate
        var value: Double
    }

    struct Series {
        var name: String
        var points: [Point]
        /// Whether a rise is an improvement (PSFS) or a fall is (pain, PEG).
        var higherIsBetter: Bool
        /// Whether a change from `first` to `value` reaches the minimal important change; nil without a threshold.
        var reachesChange: ((Double, Double) -> Bool)?
        var decimals: Bool

        /// The first point whose change from the first reached the minimal important change.
        var firstImportantChange: Int? {
            guard let reaches = reachesChange, let first = points.first else { return nil }
            return points.indices.dropFirst().first { reaches(first.value, points[$0].value) }
        }
    }

    var series: [Series]

    /// The trends of a client's sessions; empty when none rated the PSFS or the PEG.
    init(sessions: [SessionState], zone: TimeZone) {
        var pain: [Point] = [], psfs: [Point] = [], peg: [Point] = []
        for state in sessions where state.rescheduled == nil {
            guard let started = state.startedAt else { continue }
            let day = CalendarDate(started, in: zone)
            if let baseline = state.assessment?.painfulRegions.map(\.score.value).max() {
                pain.append(Point(day: day, value: Double(baseline)))
            }
            for outcome in state.outcomes {
                let day = CalendarDate(outcome.at, in: zone)
                switch outcome.value {
                case .psfs(let rating): psfs.append(Point(day: day, value: rating.mean))
                case .peg(let rating): peg.append(Point(day: day, value: rating.mean))
                }
            }
        }
        guard !psfs.isEmpty || !peg.isEmpty else {
            series = []
            return
        }
        series = [
            Series(name: "Pain", points: pain, higherIsBetter: false,
                   reachesChange: { MinimalImportantChange.pain(from: Int($0), to: Int($1)) }, decimals: false),
            Series(name: "PSFS", points: psfs, higherIsBetter: true,
                   reachesChange: { MinimalImportantChange.psfs(from: $0, to: $1) }, decimals: true),
            Series(name: "PEG", points: peg, higherIsBetter: false, reachesChange: nil, decimals: true),
        ].filter { !$0.points.isEmpty }
    }

    static let bars = Array(" ▁▂▃▄▅▆▇█")

    /// Draws the trends at the top of `rect`; returns the rows left below them (all of `rect` when there is nothing to draw).
    func render(into canvas: inout Canvas, _ rect: Rect) -> Rect {
        guard !series.isEmpty, rect.height >= 3 else { return rect }
        canvas.put("Outcomes by visit  ◆ important change", x: rect.x, y: rect.y, role: .muted, maxWidth: rect.width)
        var y = rect.y + 1
        for s in series {
            guard y + 1 < rect.maxY else { break }
            let room = max(1, min(24, rect.width - 6))
            let points = Array(s.points.suffix(room))
            let offset = s.points.count - points.count
            let marked = s.firstImportantChange
            canvas.put(pad(s.name, 6), x: rect.x, y: y, role: .normal)
            for (i, point) in points.enumerated() {
                let isMark = marked == offset + i
                let bar = Self.bars[max(0, min(8, Int((point.value / 10 * 8).rounded())))]
                let better = s.higherIsBetter ? point.value > (s.points.first?.value ?? 0) : point.value < (s.points.first?.value ?? 0)
                canvas.put(isMark ? "◆" : String(bar), x: rect.x + 6 + i, y: y, role: isMark ? (better ? .success : .danger) : .accent)
            }
            canvas.put(summary(s), x: rect.x + 2, y: y + 1, role: .muted, maxWidth: rect.width - 2)
            y += 2
        }
        return Rect(x: rect.x, y: y + 1, width: rect.width, height: max(0, rect.maxY - y - 1))
    }

    /// "3.0 → 6.3 (+3.3) ◆ 2026-10-12": first, last, the change, and the visit where it became important.
    func summary(_ s: Series) -> String {
        guard let first = s.points.first, let last = s.points.last else { return "" }
        func text(_ v: Double) -> String { s.decimals ? String(format: "%.1f", v) : String(Int(v)) }
        let change = last.value - first.value
        var line = "\(text(first.value)) → \(text(last.value))"
        if s.points.count > 1 { line += s.decimals ? String(format: " (%+.1f)", change) : " (\(change > 0 ? "+" : "")\(Int(change)))" }
        if let i = s.firstImportantChange { line += " ◆ \(s.points[i].day)" }
        return line
    }
}

extension KneadApp {
    /// Draws the outcome trends of a client, whose visits are given, at the top of `rect`; returns what is left.
    func renderOutcomeTrends(of client: ClientID, visits: [SessionSummary], into canvas: inout Canvas, _ rect: Rect) -> Rect {
        let key = "trends|\(client.rawValue)|\(visits.map { "\($0.id.rawValue)=\($0.phase)" }.joined(separator: ","))"
        guard let plan = carePlans.value(key, { loadCarePlan(of: client, on: carePlanToday, evenWithout: true) }) else { return rect }
        return OutcomeTrends(sessions: plan.sessions, zone: settings.timeZone).render(into: &canvas, rect)
    }
}
