import Foundation
import KneadCore

/// The search window over a list screen: typed words, results as you type; Enter opens the
/// session found, and closing it comes back to the screen the search was opened from.
final class SearchOverlay: Overlay {
    var field = TextField(limit: 200)
    var results: [NoteSearchHit] = []
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
        guard let records = env.records else {
            failure = "Search needs the practice database."
            return
        }
        do {
            results = try records.search(NoteSearch(field.text, client: client?.id, limit: 50))
        } catch {
            results = []
            failure = "Could not search: \(error)"
        }
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
        let words = NoteSearch(field.text).words
        if let failure {
            canvas.put(failure, x: x0, y: listTop, role: .danger, maxWidth: w)
        } else if words.isEmpty {
            canvas.put("Type words to find them in complaints, notes and amendments.", x: x0, y: listTop, role: .muted, maxWidth: w)
        } else if results.isEmpty {
            canvas.put("Nothing matches \(words.joined(separator: " ")).", x: x0, y: listTop, role: .muted, maxWidth: w)
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
