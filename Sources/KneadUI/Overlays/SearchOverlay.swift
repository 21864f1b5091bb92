import Foundation
import KneadCore

/// The search window over a list screen: typed words, results as you type; Enter opens the
/// session found, and closing it comes back to the screen the search was opened from.
/// `since:2019` and `before:2020-06` among the words keep sessions of those dates.
final class SearchOverlay: Overlay {
    var field = TextField(limit: 200)
    var results: [NoteSearchHit] { found?.hits ?? [] }
    /// What the last search found and looked at: how many matches it ranked, and whether there
    /// were more (then the results are the best of the newest, and the window says so).
    var found: NoteSearchResults?
    /// How many of the newest matches a search ranks (smaller in tests, to reach it with a few notes).
    var window = NoteSearch.standardWindow
    var cursor = ListCursor()
    /// Only this client's notes, when opened from their history.
    let client: Client?
    var failure: String?

    init(client: Client? = nil) {
        self.client = client
    }

    var keyContext: KeyContext { .search }

    /// The highlighted result, an index into `results`.
    var selection: Int { cursor.selection }

    /// Letters are words to find; the overlay's own keys act first, other keys edit the words.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        if case .character = key {} else if action(for: key, env) != nil { return false }
        if field.handle(key) == .edited { runSearch(env) }
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .back:
            logSearch(env)
            env.pop(self)
        case .moveUp: cursor.move(-1, count: results.count)
        case .moveDown: cursor.move(1, count: results.count)
        case .openSession:
            guard results.indices.contains(selection) else { return }
            let hit = results[selection]
            logSearch(env)
            env.pop(self)
            env.openFound(hit.session)
        default: break
        }
    }

    /// One access-log entry per search, with the words it ended on, when it is left (not one per key).
    private func logSearch(_ env: ScreenEnvironment) {
        let words = field.text.trimmingCharacters(in: .whitespaces)
        guard !words.isEmpty else { return }
        env.logAccess(.search, client: client?.id, detail: words)
    }

    private func runSearch(_ env: ScreenEnvironment) {
        cursor.selection = 0
        failure = nil
        found = nil
        guard let records = env.records else {
            failure = "Search needs the practice database."
            return
        }
        do {
            let search = try NoteSearch.typed(field.text, client: client?.id, calendar: env.reviewCalendar, limit: 50, window: window)
            found = try records.searchNotes(search)
        } catch let dates as SearchDateError {
            failure = dates.description
        } catch {
            failure = "Could not search: \(error)"
        }
    }

    /// One line on what the results are: how many entries matched, or, when there were more than
    /// the search ranks, that these are the best of the newest, and how to reach older ones.
    static func summary(of found: NoteSearchResults, client: Client?) -> String? {
        guard !found.hits.isEmpty else { return nil }
        let whose = client == nil ? "the " : "this client's "
        if found.isCapped {
            return "Best \(found.hits.count) of \(whose)newest \(found.ranked.groupedDigits) matches; narrow with since:2019 before:2020"
        }
        let entries = found.ranked == 1 ? "1 matching entry" : "\(found.ranked.groupedDigits) matching entries"
        return found.hits.count < found.ranked ? "Best \(found.hits.count) of \(entries)" : entries + ", best first"
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let formatting = env.formatting
        let box = env.centered(width: min(100, rect.width - 4), height: rect.height - 4)
        canvas.fill(box)
        Box(client.map { "Search \($0.name)'s notes" } ?? "Search notes and complaints", role: .accent).draw(box, into: &canvas)
        let x0 = box.x + 2, w = box.width - 4
        canvas.put("Find:", x: x0, y: box.y + 1, role: .muted)
        let textCursor = field.render(into: &canvas, rect: Rect(x: x0 + 6, y: box.y + 1, width: w - 6, height: 1), role: .inputFocused)
        let listTop = box.y + 3
        let rows = (box.maxY - 2 - listTop) / 2
        let typed = (try? NoteSearch.typed(field.text, calendar: env.reviewCalendar)) ?? NoteSearch(field.text)
        let words = typed.words
        if let failure {
            canvas.put(failure, x: x0, y: listTop, role: .danger, maxWidth: w)
        } else if words.isEmpty {
            canvas.put("Type words to find them in complaints, notes and amendments.", x: x0, y: listTop, role: .muted, maxWidth: w)
            canvas.put("since:2019 or before:2020-06 among them keeps sessions of those dates.", x: x0, y: listTop + 1, role: .muted, maxWidth: w)
        } else if results.isEmpty {
            let dates = typed.from != nil || typed.to != nil ? " in those dates" : ""
            canvas.put("Nothing matches \(words.joined(separator: " "))\(dates).", x: x0, y: listTop, role: .muted, maxWidth: w)
        }
        if failure == nil, let found, let summary = Self.summary(of: found, client: client) {
            canvas.put(summary, x: x0, y: box.y + 2, role: found.isCapped ? .warning : .muted, maxWidth: w)
        }
        let window = cursor.window(rows: rows, count: results.count)
        for index in window {
            let hit = results[index]
            let y = listTop + (index - window.lowerBound) * 2
            let selected = cursor.isSelected(index)
            let head = "\(formatting.date(hit.startedAt)) \(formatting.time(hit.startedAt))  \(hit.client.name) · \(hit.source.rawValue)"
            canvas.put(selected ? "▸ " : "  ", x: x0 - 1, y: y, role: selected ? .selected : .normal)
            canvas.put(pad(head, w - 1), x: x0 + 1, y: y, role: selected ? .selected : .title, maxWidth: w - 1)
            var x = x0 + 3
            for part in hit.snippet {
                guard x < x0 + w else { break }
                x += canvas.put(part.text, x: x, y: y + 1, role: part.isMatch ? .warning : .normal, maxWidth: x0 + w - x)
            }
        }
        if results.count > rows, rows > 0 {
            let more = "\(selection + 1) of \(results.count)"
            canvas.put(" \(more) ", x: box.maxX - DisplayWidth.of(more) - 4, y: box.maxY - 1, role: .muted)
        }
        canvas.put("\(env.keyLabel(.openSession, in: .search)) opens · ↑↓ choose · \(env.keyLabel(.back, in: .search)) closes",
                   x: x0, y: box.maxY - 2, role: .muted, maxWidth: w)
        return textCursor
    }
}
