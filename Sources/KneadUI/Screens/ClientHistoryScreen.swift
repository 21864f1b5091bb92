import Foundation
import KneadCore

/// What the client history shows: one client's visits and what went with their progress.
struct ClientHistoryState: Hashable, Sendable {
    var client = Client(id: ClientID(""), name: "")
    var progress = ClientProgress(visits: [])
    /// The chosen visit, counted from the newest.
    var selection = 0
    /// Where Esc goes back to.
    var origin: ScreenID = .today
}

extension KneadApp {
    /// Opens the history of a client, coming back to `origin` on Esc.
    func showClientHistory(_ client: Client, from origin: ScreenID) {
        history = ClientHistoryState(client: client, origin: origin)
        reloadHistory()
        status = nil
        screen = .clientHistory
        logAccess(.history, client: client.id)
    }

    func reloadHistory() {
        guard let records else {
            status = StatusMessage(text: "The client history needs the practice database.", kind: .error)
            return
        }
        do {
            history.progress = ClientProgress(visits: try records.visits(of: history.client.id))
        } catch {
            history.progress = ClientProgress(visits: [])
            status = StatusMessage(text: "Could not read this client's visits: \(error)", kind: .error)
        }
        history.selection = min(history.selection, max(0, history.progress.visits.count - 1))
    }

    /// Visits newest first, as the list shows them.
    var historyVisitsNewestFirst: [SessionSummary] { history.progress.visits.reversed() }

    func clientHistoryAction(_ action: Action) {
        let visits = historyVisitsNewestFirst
        switch action {
        case .moveUp: history.selection = max(0, history.selection - 1)
        case .moveDown: history.selection = min(max(0, visits.count - 1), history.selection + 1)
        case .openSession:
            guard visits.indices.contains(history.selection) else { return }
            openNote(visits[history.selection].id, from: .clientHistory)
        case .search: openSearch(client: history.client.id)
        case .progressReport: openProgressReport()
        case .back:
            screen = history.origin
            switch history.origin {
            case .dayReview: reloadReview()
            default: screen = .today; reloadToday()
            }
        default: break
        }
    }

    func renderClientHistory(into canvas: inout Canvas, _ body: Rect) {
        let progress = history.progress
        let visits = progress.visits
        drawBox(body, title: "History · \(history.client.displayName)", into: &canvas)
        let inner = body.inset(by: 1)
        let x0 = inner.x + 1, w = inner.width - 2
        guard let first = visits.first else {
            canvas.put("No visits recorded for this client.", x: x0 + 1, y: inner.y + 1, role: .title, maxWidth: w)
            return
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
        guard height > 0 else { return }
        let rightWidth = min(44, w / 2)
        let leftWidth = w - rightWidth - 2
        renderVisitList(into: &canvas, Rect(x: x0, y: top, width: leftWidth, height: height))
        renderProgressNotes(progress, into: &canvas, renderOutcomeTrends(into: &canvas, Rect(x: x0 + leftWidth + 2, y: top, width: rightWidth, height: height)))
    }

    private func renderVisitList(into canvas: inout Canvas, _ rect: Rect) {
        let visits = historyVisitsNewestFirst
        canvas.put("Visits, newest first", x: rect.x, y: rect.y, role: .muted, maxWidth: rect.width)
        let rows = rect.height - 1
        guard rows > 0 else { return }
        let first = max(0, history.selection - rows + 1)
        for (offset, visit) in visits.dropFirst(first).prefix(rows).enumerated() {
            let selected = first + offset == history.selection
            let y = rect.y + 1 + offset
            let pain = pad(ReviewColumns.pain(visit), 7)
            let line = formatting.date(visit.startedAt) + "  " + pain + visit.regions.map(\.shortName).joined(separator: ", ")
            canvas.put(line, x: rect.x, y: y, role: selected ? .selected : .normal, maxWidth: rect.width)
            if !selected, visit.isMeaningfulChange, let change = visit.painChange {
                canvas.style(x: rect.x + 12, y: y, width: 6, role: change < 0 ? .success : .danger)
            }
        }
    }

    private func renderProgressNotes(_ progress: ClientProgress, into canvas: inout Canvas, _ rect: Rect) {
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
