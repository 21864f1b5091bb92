import Foundation
import KneadCore

/// What the today screen lists: unfinished sessions from earlier days first, then today's.
struct TodayState: Hashable, Sendable {
    var unfinished: [SessionListing] = []
    var todays: [SessionListing] = []
    var selection = 0
    /// The therapist of each session pulled from another knead (clinic sync); empty without a clinic.
    var owners: [SessionID: String] = [:]
    /// Whether the list is the clinic's day (everyone's sessions) rather than this knead's own.
    var clinicDay = false

    /// The rows in order, each session once.
    var rows: [SessionListing] {
        let todayIDs = Set(todays.map(\.id))
        return unfinished.filter { !todayIDs.contains($0.id) } + todays
    }
}

extension KneadApp {
    func reloadToday() {
        let now = clock.now()
        let start = formatting.startOfDay(now)
        do {
            let todays = try journal.sessions(startedFrom: start, to: start.addingTimeInterval(86_400 * 1.5))
                .filter { formatting.isSameDay($0.startedAt, now) }
            let unfinished = try journal.unfinishedSessions()
            // Whose each listed session is: only those pulled from another knead have an owner.
            today.owners = (try? records?.sessionOwners(of: (todays + unfinished).map(\.id))) ?? [:]
            if today.owners.isEmpty { today.clinicDay = false }
            // Without the clinic's day, another room's sessions are not this therapist's to list.
            let shown: (SessionListing) -> Bool = { [today] in today.clinicDay || today.owners[$0.id] == nil }
            today.todays = todays.filter(shown)
            today.unfinished = unfinished.filter(shown)
        } catch {
            status = StatusMessage(text: "Could not read today's sessions: \(error)", kind: .error)
        }
        today.selection = min(today.selection, max(0, today.rows.count - 1))
    }

    func todayAction(_ action: Action) {
        let rows = today.rows
        switch action {
        case .moveUp: today.selection = max(0, today.selection - 1)
        case .moveDown: today.selection = min(max(0, rows.count - 1), today.selection + 1)
        case .openSession:
            guard rows.indices.contains(today.selection) else {
                status = StatusMessage(text: "No session to open. Press n to start one.", kind: .info)
                return
            }
            status = nil
            open(rows[today.selection].id)
        case .newSession:
            status = nil
            startClientPicker()
        case .clients:
            status = nil
            startClients()
        case .dayReview: showDayReview(clock.now())
        case .clientHistory:
            guard rows.indices.contains(today.selection) else {
                status = StatusMessage(text: "Choose a session to see its client's history.", kind: .info)
                return
            }
            showClientHistory(rows[today.selection].client, from: .today)
        case .search: openSearch()
        case .chooseTheme: openThemePicker()
        case .clinicDay:
            guard !today.owners.isEmpty else {
                status = StatusMessage(text: "No other room's sessions are here today: the clinic's day shows them once this knead syncs with a clinic server and pulls them.", kind: .info)
                return
            }
            today.clinicDay.toggle()
            today.selection = 0
            reloadToday()
            status = StatusMessage(text: today.clinicDay ? "The clinic's day: every room's sessions; other rooms' open read-only."
                                   : "Your sessions only.", kind: .info)
        default: break
        }
    }

    func renderToday(into canvas: inout Canvas, _ body: Rect) {
        let now = clock.now()
        drawBox(body, title: formatting.weekdayDate(now) + (today.clinicDay ? " · the clinic's day" : ""), into: &canvas)
        let rows = today.rows
        let inner = body.inset(by: 1)
        if rows.isEmpty {
            canvas.put("No sessions yet today.", x: inner.x + 2, y: inner.y + 1, role: .title)
            canvas.put("Press n to start a session with a client.", x: inner.x + 2, y: inner.y + 3, role: .normal)
            return
        }
        let columns = (time: 7, client: 30, phase: 14, planned: 9)
        let statusColumn = columns.time + columns.client + columns.phase + columns.planned
        let header = pad("Time", columns.time) + pad("Client", columns.client) + pad("Phase", columns.phase)
            + pad("Planned", columns.planned) + "Status"
        canvas.put(header, x: inner.x + 2, y: inner.y, role: .muted, maxWidth: inner.width - 3)
        let visible = inner.height - 2
        let first = max(0, today.selection - visible + 1)
        let todayIDs = Set(today.todays.map(\.id))
        for (offset, listing) in rows.dropFirst(first).prefix(visible).enumerated() {
            let index = first + offset
            let y = inner.y + 2 + offset
            let selected = index == today.selection
            let earlier = !todayIDs.contains(listing.id)
            let time = earlier ? formatting.date(listing.startedAt).suffix(5) + "" : formatting.time(listing.startedAt)
            let owner = today.owners[listing.id]
            let progress = listing.phase == .signed ? "signed" : (earlier ? "unfinished, earlier day" : "open")
            let state = owner.map { "\($0)'s room, read-only · " + progress } ?? progress
            let line = pad(String(time), columns.time) + pad(listing.client.name, columns.client)
                + pad(listing.phase.title, columns.phase) + pad("\(listing.plannedMinutes) min", columns.planned) + state
            let role: StyleRole = selected ? .selected : (listing.phase == .signed || owner != nil ? .muted : .normal)
            canvas.put(selected ? "▸ " : "  ", x: inner.x, y: y, role: role)
            canvas.put(line, x: inner.x + 2, y: y, role: role, maxWidth: inner.width - 3)
            mouseTargets.row(.today, index, Rect(x: inner.x, y: y, width: inner.width, height: 1))
            if listing.phase != .signed, owner == nil, !selected {
                canvas.style(x: inner.x + 2 + statusColumn, y: y, width: DisplayWidth.of(state), role: .warning)
            }
        }
        renderTodayCarePlan(rows, listRows: min(rows.count - first, visible), into: &canvas, inner)
    }
}

/// Text padded with spaces, or cut with "…", to exactly `columns` columns.
func pad(_ text: String, _ columns: Int) -> String {
    let cut = DisplayWidth.truncated(text, to: columns - 1)
    return cut + String(repeating: " ", count: max(0, columns - DisplayWidth.of(cut)))
}
