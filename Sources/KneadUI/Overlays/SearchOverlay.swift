import Foundation
import KneadCore

/// The search window over any list screen: typed words, results as you type.
struct SearchState: Hashable, Sendable {
    var field = TextField(limit: 200)
    var results: [NoteSearchHit] = []
    var selection = 0
    /// Only this client's notes, when opened from their history.
    var client: ClientID?
    var failure: String?
}

extension KneadApp {
    /// Opens the search window; from a client's history it searches only that client.
    func openSearch(client: ClientID? = nil) {
        status = nil
        push(.search(SearchState(client: client)))
    }

    func handleSearchKey(_ key: Key, _ search: SearchState) {
        var search = search
        defer { if case .search = topLegacy { replaceTop(.search(search)) } }
        let isText: Bool = if case .character = key { true } else { false }
        let action = isText ? nil : keymap.action(for: key, in: .search, includingGlobal: false)
        switch action {
        case .back:
            logSearch(search)
            overlays.removeLast()
        case .moveUp:
            search.selection = max(0, search.selection - 1)
        case .moveDown:
            search.selection = min(max(0, search.results.count - 1), search.selection + 1)
        case .openSession:
            guard search.results.indices.contains(search.selection) else { return }
            let hit = search.results[search.selection]
            logSearch(search)
            overlays.removeLast()
            saveDirtyForms()
            let origin = screen
            open(hit.session)
            if screen != origin, origin != .today { returnScreen = origin }
        default:
            if search.field.handle(key) == .edited { runSearch(&search) }
        }
    }

    /// One access-log entry per search, with the words it ended on, when it is left (not one per key).
    private func logSearch(_ search: SearchState) {
        let words = search.field.text.trimmingCharacters(in: .whitespaces)
        guard !words.isEmpty else { return }
        logAccess(.search, client: search.client, detail: words)
    }

    private func runSearch(_ search: inout SearchState) {
        search.selection = 0
        search.failure = nil
        guard let records else {
            search.failure = "Search needs the practice database."
            return
        }
        do {
            search.results = try records.search(NoteSearch(search.field.text, client: search.client, limit: 50))
        } catch {
            search.results = []
            search.failure = "Could not search: \(error)"
        }
    }

    func renderSearch(_ search: SearchState, into canvas: inout Canvas) -> Point? {
        let box = centered(width: min(100, width - 4), height: height - 4)
        canvas.fill(box)
        let title = search.client == nil ? "Search notes and complaints" : "Search \(history.client.name)'s notes"
        drawBox(box, title: title, into: &canvas, role: .accent)
        let x0 = box.x + 2, w = box.width - 4
        canvas.put("Find:", x: x0, y: box.y + 1, role: .muted)
        let cursor = search.field.render(into: &canvas, rect: Rect(x: x0 + 6, y: box.y + 1, width: w - 6, height: 1),
                                         role: .inputFocused)
        let listTop = box.y + 3
        let rows = (box.maxY - 2 - listTop) / 2
        let words = NoteSearch(search.field.text).words
        if let failure = search.failure {
            canvas.put(failure, x: x0, y: listTop, role: .danger, maxWidth: w)
        } else if words.isEmpty {
            canvas.put("Type words to find them in complaints, notes and amendments.", x: x0, y: listTop, role: .muted, maxWidth: w)
        } else if search.results.isEmpty {
            canvas.put("Nothing matches \(words.joined(separator: " ")).", x: x0, y: listTop, role: .muted, maxWidth: w)
        }
        let first = max(0, search.selection - rows + 1)
        for (offset, hit) in search.results.dropFirst(first).prefix(max(0, rows)).enumerated() {
            let y = listTop + offset * 2
            let selected = first + offset == search.selection
            let head = "\(formatting.date(hit.startedAt)) \(formatting.time(hit.startedAt))  \(hit.client.name) · \(hit.source.rawValue)"
            canvas.put(selected ? "▸ " : "  ", x: x0 - 1, y: y, role: selected ? .selected : .normal)
            canvas.put(pad(head, w - 1), x: x0 + 1, y: y, role: selected ? .selected : .title, maxWidth: w - 1)
            var x = x0 + 3
            for part in hit.snippet {
                guard x < x0 + w else { break }
                x += canvas.put(part.text, x: x, y: y + 1, role: part.isMatch ? .warning : .normal, maxWidth: x0 + w - x)
            }
        }
        if search.results.count > rows, rows > 0 {
            let more = "\(search.selection + 1) of \(search.results.count)"
            canvas.put(" \(more) ", x: box.maxX - DisplayWidth.of(more) - 4, y: box.maxY - 1, role: .muted)
        }
        canvas.put("Enter opens · ↑↓ choose · Esc closes", x: x0, y: box.maxY - 2, role: .muted, maxWidth: w)
        return cursor
    }
}
