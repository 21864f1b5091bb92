import Foundation
import KneadCore

/// One day's sessions, unfinished first, and their totals: what is left to finish or sign, and
/// what the day comes to (minutes, billing units, pain changes, flags).
final class DayReviewScreen: ReloadingScreen {
    let id = ScreenID.dayReview
    /// The start of the day shown.
    var day = Date(timeIntervalSinceReferenceDate: 0)
    var rows: [SessionSummary] = []
    var totals = DayTotals([])
    /// The highlighted row of `rows`.
    var cursor = ListCursor()

    /// The review of the day that holds `date`.
    init(showing date: Date, _ env: ScreenEnvironment) {
        go(to: date, env)
    }

    var title: String { "Day review" }
    var keyContext: KeyContext { .dayReview }

    /// The highlighted row, an index into `rows`.
    var selection: Int {
        get { cursor.selection }
        set { cursor.selection = newValue }
    }

    /// Shows the day that holds `date`, from its first session.
    func go(to date: Date, _ env: ScreenEnvironment) {
        day = env.reviewCalendar.day(of: date)
        cursor.selection = 0
        reload(env)
        env.logAccess(.review, detail: env.formatting.date(day))
    }

    func reload(_ env: ScreenEnvironment) {
        guard let records = env.records else {
            env.say("The day review needs the practice database.", .error)
            return
        }
        let span = env.reviewCalendar.span(of: day)
        do {
            rows = try records.sessionSummaries(startedFrom: span.from, to: span.to).reviewOrder()
        } catch {
            rows = []
            env.say("Could not read that day's sessions: \(error)", .error)
        }
        totals = DayTotals(rows, codes: env.settings.billingCodes)
        cursor.clamp(count: rows.count)
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .moveUp: cursor.move(-1, count: rows.count)
        case .moveDown: cursor.move(1, count: rows.count)
        case .previousDay: go(to: env.reviewCalendar.day(-1, after: day), env)
        case .nextDay: go(to: env.reviewCalendar.day(1, after: day), env)
        case .thisDay: go(to: env.now, env)
        case .jumpToDate: enterDate("", env)
        case .dateDigit(let digit): enterDate(String(digit), env)
        case .openSession:
            guard rows.indices.contains(selection) else {
                env.say("No session on this day. ← and → change the day.")
                return
            }
            env.clearStatus()
            env.openNote(rows[selection].id, from: self)
        case .clientHistory:
            guard rows.indices.contains(selection) else { return }
            env.show(ClientHistoryScreen(rows[selection].client, returningTo: self, env))
        case .search:
            env.clearStatus()
            env.push(SearchOverlay())
        case .back:
            env.clearStatus()
            env.showToday()
        default: break
        }
    }

    /// Opens the date prompt, with what was typed so far.
    private func enterDate(_ typed: String, _ env: ScreenEnvironment) {
        env.push(DateEntryOverlay(typed) { [self] text, env in
            if let day = env.reviewCalendar.parse(text, today: env.now, allowShort: true) {
                env.clearStatus()
                go(to: day, env)
                env.show(self)
            } else {
                env.say("\(text) is not a date. Type it as YYYY-MM-DD, MM-DD or DD.", .warning)
            }
        })
    }

    func choose(row: Int, in list: MouseTargets.List, _ env: ScreenEnvironment) {
        if list == .dayReview { cursor.selection = row }
    }

    // MARK: Drawing

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        let formatting = env.formatting
        Box("Day review · " + formatting.weekdayDate(day)).draw(body, into: &canvas)
        let inner = body.inset(by: 1)
        if rows.isEmpty {
            canvas.put("No sessions on this day.", x: inner.x + 2, y: inner.y + 1, role: .title)
            canvas.put("← and → change the day; g or digits go to a date; t comes back to today.",
                       x: inner.x + 2, y: inner.y + 3, role: .normal, maxWidth: inner.width - 3)
            return nil
        }
        let columns = ReviewColumns(width: inner.width - 3)
        let x0 = inner.x + 2
        canvas.put(columns.header, x: x0, y: inner.y, role: .muted, maxWidth: inner.width - 3)
        let totals = wrap(totalsLine(self.totals), width: inner.width - 3)
        let carePlan = env.dayReviewCarePlanLines(rows.indices.contains(selection) ? rows[selection] : nil)
        let carePlanRows = env.dayReviewCarePlanRows(carePlan, height: inner.height)
        let footer = 3 + min(2, totals.count) + carePlanRows  // rule, totals, two lines about the chosen session, its care plan
        let window = cursor.window(rows: max(1, inner.height - 1 - footer), count: rows.count)
        for index in window {
            let summary = rows[index]
            let y = inner.y + 1 + index - window.lowerBound
            let selected = cursor.isSelected(index)
            env.clickable(.dayReview, row: index, at: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            let cells = columns.cells(summary, time: formatting.time(summary.startedAt), catalog: env.catalog, codes: env.settings.billingCodes)
            let role: StyleRole = selected ? .selected : (summary.isUnfinished ? .normal : .muted)
            canvas.put(selected ? "▸ " : "  ", x: inner.x, y: y, role: role)
            canvas.put(cells.line, x: x0, y: y, role: role, maxWidth: inner.width - 3)
            guard !selected else { continue }
            if summary.isMeaningfulChange, let change = summary.painChange {
                canvas.style(x: x0 + cells.painColumn, y: y, width: columns.pain - 1, role: change < 0 ? .success : .danger)
            }
            if !summary.flags.isEmpty {
                let clinical = summary.flags.contains(where: \.isClinical)
                canvas.style(x: x0 + cells.flagsColumn, y: y, width: columns.flags - 1, role: clinical ? .danger : .warning)
            }
        }
        let footY = inner.maxY - footer
        canvas.put("├" + String(repeating: "─", count: inner.width) + "┤", x: body.x, y: footY, role: .border)
        for (i, line) in totals.prefix(2).enumerated() {
            canvas.put(line, x: x0, y: footY + 1 + i, role: .title, maxWidth: inner.width - 3)
        }
        if rows.indices.contains(selection) {
            let details = detailLines(rows[selection], width: inner.width - 3, catalog: env.catalog)
            for (i, line) in details.prefix(2).enumerated() {
                canvas.put(line, x: x0, y: footY + 1 + min(2, totals.count) + i, role: .normal, maxWidth: inner.width - 3)
            }
        }
        CarePlanWarningsPanel.render(carePlan, into: &canvas, Rect(x: x0, y: inner.maxY - carePlanRows, width: inner.width - 3, height: carePlanRows))
        return nil
    }

    private func totalsLine(_ totals: DayTotals) -> String {
        var parts = ["\(totals.sessions) session\(totals.sessions == 1 ? "" : "s")"]
        if totals.unfinished > 0 { parts.append("\(totals.unfinished) unfinished") }
        parts.append("\(totals.minutes)/\(totals.plannedMinutes) min")
        parts.append("\(totals.timedMinutes) timed min, \(totals.billingUnits) units")
        parts.append("\(totals.checkIns) check-ins")
        parts.append("\(totals.meaningfulChanges) changed 2+")
        let flags = ReviewFlag.allCases.compactMap { flag in totals.flagCounts[flag].map { "\($0) \(flag.label)" } }
        if !flags.isEmpty { parts.append(flags.joined(separator: ", ")) }
        return "Total: " + parts.joined(separator: " · ")
    }

    private func detailLines(_ summary: SessionSummary, width: Int, catalog: TechniqueCatalog) -> [String] {
        let regions = summary.regions.map(\.name).joined(separator: ", ")
        let techniques = summary.techniques.map { catalog.name(of: $0) }.joined(separator: ", ")
        let flags = summary.flags.map(\.label).joined(separator: ", ")
        var first = summary.client.name + " · " + summary.phase.title
        if !flags.isEmpty { first += " · " + flags }
        let second = [regions, techniques].filter { !$0.isEmpty }.joined(separator: " · ")
        return [first, second.isEmpty ? "No region worked." : second]
    }
}

/// The widths of the day review's columns, for a given width; the text ones share what is left.
struct ReviewColumns {
    let time = 6, duration = 9, pain = 8, checkIns = 4, units = 6
    let client: Int, regions: Int, techniques: Int, flags: Int

    init(width: Int) {
        let rest = max(32, width - (time + duration + pain + checkIns + units))
        client = max(10, rest * 26 / 100)
        flags = max(10, rest * 22 / 100)
        regions = max(8, (rest - client - flags) * 55 / 100)
        techniques = max(6, rest - client - flags - regions)
    }

    var header: String {
        pad("Time", time) + pad("Client", client) + pad("Min/plan", duration) + pad("Regions", regions)
            + pad("Techniques", techniques) + pad("Pain", pain) + pad("Chk", checkIns) + pad("Flags", flags)
            + SessionSummary.billingColumnTitle
    }

    /// A row's text and where its highlighted columns start.
    func cells(_ s: SessionSummary, time text: String, catalog: TechniqueCatalog, codes: BillingCodes = .standard) -> (line: String, painColumn: Int, flagsColumn: Int) {
        let painColumn = time + client + duration + regions + techniques
        let flagsColumn = painColumn + pain + checkIns
        let line = pad(text, time) + pad(s.client.name, client)
            + pad("\(s.durationMinutes)/\(s.plannedMinutes)", duration)
            + pad(s.regions.map(\.shortName).joined(separator: ", "), regions)
            + pad(s.techniques.map { catalog.name(of: $0) }.joined(separator: ", "), techniques)
            + pad(Self.pain(s), pain) + pad("\(s.checkInCount)", checkIns)
            + pad(s.flags.map(\.label).joined(separator: ", "), flags)
            + "\(s.billing(codes: codes).totalUnits)"
        return (line, painColumn, flagsColumn)
    }

    /// "7→3"; "7→(4)" when only a check-in is known so far; "–" when nothing is.
    static func pain(_ s: SessionSummary) -> String {
        let before = s.painBefore.map { "\($0.value)" } ?? "–"
        if let after = s.painAfter { return "\(before)→\(after.value)" }
        if let last = s.lastCheckIn { return "\(before)→(\(last.value))" }
        return before == "–" ? "–" : "\(before)→?"
    }
}
