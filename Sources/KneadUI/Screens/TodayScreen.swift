import Foundation
import KneadCore

/// The sessions of the day, to start or resume one: unfinished sessions from earlier days first,
/// then today's. The app keeps this screen for the whole run (it is where every session closes
/// to), so its highlighted row and the clinic's-day choice survive a session.
final class TodayScreen: ReloadingScreen {
    let id = ScreenID.today
    var unfinished: [SessionListing] = []
    var todays: [SessionListing] = []
    /// The highlighted row of `rows`.
    var cursor = ListCursor()
    /// The therapist of each session pulled from another knead (clinic sync); empty without a clinic.
    var owners: [SessionID: String] = [:]
    /// Whether the list is the clinic's day (everyone's sessions) rather than this knead's own.
    var clinicDay = false

    /// An empty list, until ``reload(_:)`` reads it (the app does before showing it).
    init() {}

    var title: String { "Today" }
    var keyContext: KeyContext { .today }

    /// The rows in order, each session once.
    var rows: [SessionListing] {
        let todayIDs = Set(todays.map(\.id))
        return unfinished.filter { !todayIDs.contains($0.id) } + todays
    }

    /// The highlighted row, an index into `rows`.
    var selection: Int {
        get { cursor.selection }
        set { cursor.selection = newValue }
    }

    /// Without a clinic there is no clinic's day to show.
    func bindings(_ env: ScreenEnvironment) -> [Binding] {
        let all = env.keymap.bindings(in: .today)
        return owners.isEmpty ? all.filter { $0.action != .clinicDay } : all
    }

    /// Today's keys, then the global ones, straight from the keymap: the clinic's-day key, left
    /// out of help and the hint bar without a clinic, still acts, to say why it does nothing.
    func action(for key: Key, _ env: ScreenEnvironment) -> Action? {
        env.keymap.action(for: key, in: .today)
    }

    func reload(_ env: ScreenEnvironment) {
        let now = env.now
        let start = env.formatting.startOfDay(now)
        do {
            let todays = try env.journal.sessions(startedFrom: start, to: start.addingTimeInterval(86_400 * 1.5))
                .filter { env.formatting.isSameDay($0.startedAt, now) }
            let unfinished = try env.journal.unfinishedSessions()
            // Whose each listed session is: only those pulled from another knead have an owner.
            owners = (try? env.records?.sessionOwners(of: (todays + unfinished).map(\.id))) ?? [:]
            if owners.isEmpty { clinicDay = false }
            // Without the clinic's day, another room's sessions are not this therapist's to list.
            let shown: (SessionListing) -> Bool = { [clinicDay, owners] in clinicDay || owners[$0.id] == nil }
            self.todays = todays.filter(shown)
            self.unfinished = unfinished.filter(shown)
        } catch {
            env.say("Could not read today's sessions: \(error)", .error)
        }
        cursor.clamp(count: rows.count)
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        let rows = self.rows
        switch action {
        case .moveUp: cursor.move(-1, count: rows.count)
        case .moveDown: cursor.move(1, count: rows.count)
        case .openSession:
            guard rows.indices.contains(selection) else {
                env.say("No session to open. Press n to start one.")
                return
            }
            env.clearStatus()
            env.open(rows[selection].id)
        case .newSession:
            env.clearStatus()
            env.show(ClientPickerScreen(env))
        case .clients:
            env.clearStatus()
            env.show(ClientsScreen(env))
        case .dayReview: env.show(DayReviewScreen(showing: env.now, env))
        case .clientHistory:
            guard rows.indices.contains(selection) else {
                env.say("Choose a session to see its client's history.")
                return
            }
            env.show(ClientHistoryScreen(rows[selection].client, returningTo: self, env))
        case .search:
            env.clearStatus()
            env.push(SearchOverlay())
        case .chooseTheme:
            env.clearStatus()
            env.push(ThemePickerOverlay(env))
        case .clinicDay:
            guard !owners.isEmpty else {
                env.say("No other room's sessions are here today: the clinic's day shows them once this knead syncs with a clinic server and pulls them.")
                return
            }
            clinicDay.toggle()
            cursor.selection = 0
            reload(env)
            env.say(clinicDay ? "The clinic's day: every room's sessions; other rooms' open read-only." : "Your sessions only.")
        default: break
        }
    }

    func choose(row: Int, in list: MouseTargets.List, _ env: ScreenEnvironment) {
        if list == .today { cursor.selection = row }
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        let formatting = env.formatting
        Box(formatting.weekdayDate(env.now) + (clinicDay ? " · the clinic's day" : "")).draw(body, into: &canvas)
        let rows = self.rows
        let inner = body.inset(by: 1)
        if rows.isEmpty {
            canvas.put("No sessions yet today.", x: inner.x + 2, y: inner.y + 1, role: .title)
            canvas.put("Press n to start a session with a client.", x: inner.x + 2, y: inner.y + 3, role: .normal)
            return nil
        }
        let columns = (time: 7, client: 30, phase: 14, planned: 9)
        let statusColumn = columns.time + columns.client + columns.phase + columns.planned
        let header = pad("Time", columns.time) + pad("Client", columns.client) + pad("Phase", columns.phase)
            + pad("Planned", columns.planned) + "Status"
        canvas.put(header, x: inner.x + 2, y: inner.y, role: .muted, maxWidth: inner.width - 3)
        let window = cursor.window(rows: inner.height - 2, count: rows.count)
        let todayIDs = Set(todays.map(\.id))
        for index in window {
            let listing = rows[index]
            let y = inner.y + 2 + index - window.lowerBound
            let selected = cursor.isSelected(index)
            let earlier = !todayIDs.contains(listing.id)
            let time = earlier ? formatting.date(listing.startedAt).suffix(5) + "" : formatting.time(listing.startedAt)
            let owner = owners[listing.id]
            let progress = listing.phase == .signed ? "signed" : (earlier ? "unfinished, earlier day" : "open")
            let state = owner.map { "\($0)'s room, read-only · " + progress } ?? progress
            let line = pad(String(time), columns.time) + pad(listing.client.name, columns.client)
                + pad(listing.phase.title, columns.phase) + pad("\(listing.plannedMinutes) min", columns.planned) + state
            let role: StyleRole = selected ? .selected : (listing.phase == .signed || owner != nil ? .muted : .normal)
            canvas.put(selected ? "▸ " : "  ", x: inner.x, y: y, role: role)
            canvas.put(line, x: inner.x + 2, y: y, role: role, maxWidth: inner.width - 3)
            env.clickable(.today, row: index, at: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            if listing.phase != .signed, owner == nil, !selected {
                canvas.style(x: inner.x + 2 + statusColumn, y: y, width: DisplayWidth.of(state), role: .warning)
            }
        }
        env.renderTodayCarePlan(rows, listRows: window.count, into: &canvas, inner)
        return nil
    }
}

extension KneadApp {
    /// Shows the today screen, its list read again.
    func showToday() {
        home.reload(environment)
        show(home)
    }
}

/// Text padded with spaces, or cut with "…", to exactly `columns` columns.
func pad(_ text: String, _ columns: Int) -> String {
    let cut = DisplayWidth.truncated(text, to: columns - 1)
    return cut + String(repeating: " ", count: max(0, columns - DisplayWidth.of(cut)))
}
