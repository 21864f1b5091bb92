import Foundation
import KneadCore

/// What the day review shows: one day's sessions, unfinished first, and their totals.
struct DayReviewState: Hashable, Sendable {
    /// The start of the day shown.
    var day = Date(timeIntervalSinceReferenceDate: 0)
    var rows: [SessionSummary] = []
    var totals = DayTotals([])
    var selection = 0
}

extension KneadApp {
    var reviewCalendar: ReviewCalendar { ReviewCalendar(timeZone: settings.timeZone) }

    /// Opens the day review on the day that holds `date`.
    func showDayReview(_ date: Date) {
        review.day = reviewCalendar.day(of: date)
        review.selection = 0
        reloadReview()
        screen = .dayReview
        logAccess(.review, detail: formatting.date(review.day))
    }

    func reloadReview() {
        guard let records else {
            status = StatusMessage(text: "The day review needs the practice database.", kind: .error)
            return
        }
        let span = reviewCalendar.span(of: review.day)
        do {
            review.rows = try records.sessionSummaries(startedFrom: span.from, to: span.to).reviewOrder()
        } catch {
            review.rows = []
            status = StatusMessage(text: "Could not read that day's sessions: \(error)", kind: .error)
        }
        review.totals = DayTotals(review.rows, codes: settings.billingCodes)
        review.selection = min(review.selection, max(0, review.rows.count - 1))
    }

    /// Opens a session's note from a list, coming back to `origin` when it is closed.
    func openNote(_ id: SessionID, from origin: ScreenID) {
        do {
            session = SessionState(id: id, replaying: try journal.events(of: id))
            returnScreen = origin
            showNote()
        } catch {
            status = StatusMessage(text: "Could not open that session: \(error)", kind: .error)
        }
    }

    /// After a session opened from the review, the history or search is closed, goes back there.
    func returnAfterSession() {
        guard let back = returnScreen else { return }
        returnScreen = nil
        screen = back
        switch back {
        case .dayReview: reloadReview()
        case .clientHistory: reloadHistory()
        default: break
        }
    }

    /// Digits typed on the review start a date, as if `g` had been pressed first.
    func handleDayReviewKey(_ key: Key) -> Bool {
        guard case .character(let c) = key, c.isASCII, c.isNumber else { return false }
        enterDate(String(c))
        return true
    }

    func dayReviewAction(_ action: Action) {
        switch action {
        case .moveUp: review.selection = max(0, review.selection - 1)
        case .moveDown: review.selection = min(max(0, review.rows.count - 1), review.selection + 1)
        case .previousDay: showDayReview(reviewCalendar.day(-1, after: review.day))
        case .nextDay: showDayReview(reviewCalendar.day(1, after: review.day))
        case .thisDay: showDayReview(clock.now())
        case .jumpToDate: enterDate()
        case .openSession:
            guard review.rows.indices.contains(review.selection) else {
                status = StatusMessage(text: "No session on this day. ← and → change the day.", kind: .info)
                return
            }
            status = nil
            openNote(review.rows[review.selection].id, from: .dayReview)
        case .clientHistory:
            guard review.rows.indices.contains(review.selection) else { return }
            showClientHistory(review.rows[review.selection].client, from: .dayReview)
        case .search: openSearch()
        case .back:
            status = nil
            screen = .today
            reloadToday()
        default: break
        }
    }

    // MARK: Date entry

    /// Opens the date prompt, with what was typed so far.
    func enterDate(_ typed: String = "") {
        overlays.append(DateEntryOverlay(typed) { text, env in
            let app = env.app
            if let day = app.reviewCalendar.parse(text, today: env.now, allowShort: true) {
                app.status = nil
                app.showDayReview(day)
            } else {
                env.say("\(text) is not a date. Type it as YYYY-MM-DD, MM-DD or DD.", .warning)
            }
        })
    }

    // MARK: Drawing

    func renderDayReview(into canvas: inout Canvas, _ body: Rect) {
        drawBox(body, title: "Day review · " + formatting.weekdayDate(review.day), into: &canvas)
        let inner = body.inset(by: 1)
        let rows = review.rows
        if rows.isEmpty {
            canvas.put("No sessions on this day.", x: inner.x + 2, y: inner.y + 1, role: .title)
            canvas.put("← and → change the day; g or digits go to a date; t comes back to today.",
                       x: inner.x + 2, y: inner.y + 3, role: .normal, maxWidth: inner.width - 3)
            return
        }
        let columns = ReviewColumns(width: inner.width - 3)
        let x0 = inner.x + 2
        canvas.put(columns.header, x: x0, y: inner.y, role: .muted, maxWidth: inner.width - 3)
        let totals = wrap(totalsLine(review.totals), width: inner.width - 3)
        let carePlan = dayReviewCarePlanLines(rows.indices.contains(review.selection) ? rows[review.selection] : nil)
        let footer = 3 + min(2, totals.count) + dayReviewCarePlanRows(carePlan, height: inner.height)  // rule, totals, two lines about the chosen session, its care plan
        let visible = max(1, inner.height - 1 - footer)
        let first = max(0, review.selection - visible + 1)
        for (offset, summary) in rows.dropFirst(first).prefix(visible).enumerated() {
            let index = first + offset
            let y = inner.y + 1 + offset
            let selected = index == review.selection
            mouseTargets.row(.dayReview, index, Rect(x: inner.x, y: y, width: inner.width, height: 1))
            let cells = columns.cells(summary, time: formatting.time(summary.startedAt), catalog: catalog, codes: settings.billingCodes)
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
        if rows.indices.contains(review.selection) {
            let details = detailLines(rows[review.selection], width: inner.width - 3)
            for (i, line) in details.prefix(2).enumerated() {
                canvas.put(line, x: x0, y: footY + 1 + min(2, totals.count) + i, role: .normal, maxWidth: inner.width - 3)
            }
        }
        CarePlanWarningsPanel.render(carePlan, into: &canvas, Rect(x: x0, y: inner.maxY - dayReviewCarePlanRows(carePlan, height: inner.height), width: inner.width - 3, height: dayReviewCarePlanRows(carePlan, height: inner.height)))
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

    private func detailLines(_ summary: SessionSummary, width: Int) -> [String] {
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
