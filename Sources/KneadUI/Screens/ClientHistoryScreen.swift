import Foundation
import KneadCore

/// One client's visits: pain before and after across them, what was worked most and what went
/// just before pain fell, and their outcome measures.
final class ClientHistoryScreen: ReloadingScreen {
    let id = ScreenID.clientHistory
    let client: Client
    var progress = ClientProgress(visits: [])
    /// The chosen visit, counted from the newest.
    var cursor = ListCursor()
    /// Where Esc goes back to: the screen that opened the history.
    let origin: any Screen

    /// The history of a client, going back to `origin` on Esc.
    init(_ client: Client, returningTo origin: any Screen, _ env: ScreenEnvironment) {
        self.client = client
        self.origin = origin
        reload(env)
        env.clearStatus()
        env.logAccess(.history, client: client.id)
    }

    var title: String { "Client history" }
    var keyContext: KeyContext { .clientHistory }

    /// The chosen visit, an index into `visitsNewestFirst`.
    var selection: Int {
        get { cursor.selection }
        set { cursor.selection = newValue }
    }

    func reload(_ env: ScreenEnvironment) {
        guard let records = env.records else {
            env.say("The client history needs the practice database.", .error)
            return
        }
        do {
            progress = ClientProgress(visits: try records.visits(of: client.id))
        } catch {
            progress = ClientProgress(visits: [])
            env.say("Could not read this client's visits: \(error)", .error)
        }
        cursor.clamp(count: progress.visits.count)
    }

    /// Visits newest first, as the list shows them.
    var visitsNewestFirst: [SessionSummary] { progress.visits.reversed() }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        let visits = visitsNewestFirst
        switch action {
        case .moveUp: cursor.move(-1, count: visits.count)
        case .moveDown: cursor.move(1, count: visits.count)
        case .openSession:
            guard visits.indices.contains(selection) else { return }
            env.openNote(visits[selection].id, from: self)
        case .search:
            env.clearStatus()
            env.push(SearchOverlay(client: client))
        case .progressReport: env.openProgressReport(client)
        case .back:
            env.showAgain(origin)
        default: break
        }
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        let formatting = env.formatting
        let visits = progress.visits
        Box("History · \(client.displayName)").draw(body, into: &canvas)
        let inner = body.inset(by: 1)
        let x0 = inner.x + 1, w = inner.width - 2
        guard let first = visits.first else {
            canvas.put("No visits recorded for this client.", x: x0 + 1, y: inner.y + 1, role: .title, maxWidth: w)
            return nil
        }
        var summary = "\(visits.count) visit\(visits.count == 1 ? "" : "s") since \(formatting.date(first.startedAt))"
        if let average = progress.averageChange {
            summary += String(format: " · average change %+.1f", average)
            let better = visits.filter { ($0.painChange ?? 0) <= -2 }.count
            summary += " · \(better) of \(progress.scoredVisits.count) improved by 2+"
        }
        canvas.put(summary, x: x0, y: inner.y, role: .title, maxWidth: w)

        // The chart: 0–10 on eleven rows when there is room, else fewer.
        let chartRows = inner.height >= 30 ? 11 : 6
        canvas.put("Pain across visits  ● before  ○ after", x: x0, y: inner.y + 1, role: .muted, maxWidth: w)
        let chartRect = Rect(x: x0, y: inner.y + 2, width: w, height: chartRows + 1)
        PainChart(visits: visits.map { .init(before: $0.painBefore?.value, after: $0.painAfter?.value) })
            .render(into: &canvas, rect: chartRect)
        let shown = min(visits.count, PainChart.capacity(width: w))
        if shown > 0 {
            let firstShown = visits[visits.count - shown]
            let label = formatting.date(firstShown.startedAt) + (shown > 1 ? " … " + formatting.date(visits[visits.count - 1].startedAt) : "")
            canvas.put(label, x: x0 + PainChart.axisWidth, y: chartRect.maxY, role: .muted, maxWidth: w - PainChart.axisWidth)
        }

        // Below: the visits on the left, what went with progress on the right.
        let top = chartRect.maxY + 2
        let height = inner.maxY - top
        guard height > 0 else { return nil }
        let rightWidth = min(44, w / 2)
        let leftWidth = w - rightWidth - 2
        renderVisitList(into: &canvas, Rect(x: x0, y: top, width: leftWidth, height: height), formatting)
        let trends = env.renderOutcomeTrends(of: client.id, visits: visits, into: &canvas,
                                             Rect(x: x0 + leftWidth + 2, y: top, width: rightWidth, height: height))
        renderProgressNotes(progress, into: &canvas, trends, catalog: env.catalog)
        return nil
    }

    private func renderVisitList(into canvas: inout Canvas, _ rect: Rect, _ formatting: Formatting) {
        let visits = visitsNewestFirst
        canvas.put("Visits, newest first", x: rect.x, y: rect.y, role: .muted, maxWidth: rect.width)
        let rows = rect.height - 1
        guard rows > 0 else { return }
        let window = cursor.window(rows: rows, count: visits.count)
        for index in window {
            let visit = visits[index]
            let selected = cursor.isSelected(index)
            let y = rect.y + 1 + index - window.lowerBound
            let pain = pad(ReviewColumns.pain(visit), 7)
            let line = formatting.date(visit.startedAt) + "  " + pain + visit.regions.map(\.shortName).joined(separator: ", ")
            canvas.put(line, x: rect.x, y: y, role: selected ? .selected : .normal, maxWidth: rect.width)
            if !selected, visit.isMeaningfulChange, let change = visit.painChange {
                canvas.style(x: rect.x + 12, y: y, width: 6, role: change < 0 ? .success : .danger)
            }
        }
    }

    private func renderProgressNotes(_ progress: ClientProgress, into canvas: inout Canvas, _ rect: Rect, catalog: TechniqueCatalog) {
        var lines: [(String, StyleRole)] = [("Worked most", .muted)]
        for total in progress.regionsWorkedMost.prefix(3) {
            lines.append(("\(pad(total.region.shortName, 18)) \(Int((total.seconds / 60).rounded())) min, \(total.visits) visit\(total.visits == 1 ? "" : "s")", .normal))
        }
        lines.append(("Worked just before pain fell", .muted))
        if progress.dropLeaders.isEmpty { lines.append(("no falls in pain recorded yet", .normal)) }
        for leader in progress.dropLeaders.prefix(3) {
            let name = "P\(leader.pressure.rawValue) \(catalog.name(of: leader.technique))"
            lines.append(("\(pad(name, 22)) −\(leader.points) in \(leader.drops) fall\(leader.drops == 1 ? "" : "s")", .normal))
        }
        for (i, (text, role)) in lines.prefix(rect.height).enumerated() {
            canvas.put(text, x: rect.x, y: rect.y + i, role: role, maxWidth: rect.width)
        }
    }
}
