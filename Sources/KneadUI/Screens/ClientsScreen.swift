import Foundation
import KneadCore

/// The client directory: find by name, preferred name, initials or phone; add, edit, archive.
final class ClientsScreen: Screen {
    let id = ScreenID.clients
    var records: [ClientRecord] = [] {
        didSet {
            keys = records.map(ClientSearchKey.init)
            shownRows = nil
        }
    }
    /// Each record's search key, folded once when the records are read, not at every letter.
    private var keys: [ClientSearchKey] = []
    /// The rows of the text last typed (and the archived choice), worked out once for its keys and frames.
    private var shownRows: (typed: String, archived: Bool, rows: [ClientRecord])?
    var search = TextField(limit: 80)
    var showArchived = false
    /// The highlighted row of `rows`.
    var cursor = ListCursor()

    init(_ env: ScreenEnvironment) {
        reload(env)
    }

    var title: String { "Clients" }
    var keyContext: KeyContext { .clients }

    /// Records matching the search, archived ones only when shown.
    var rows: [ClientRecord] {
        if let shownRows, shownRows.typed == search.text, shownRows.archived == showArchived { return shownRows.rows }
        let words = ClientSearchKey.words(of: search.text)
        let rows = zip(records, keys).filter { (showArchived || !$0.0.archived) && $0.1.matches(words) }.map(\.0)
        shownRows = (search.text, showArchived, rows)
        return rows
    }

    /// The highlighted row, an index into `rows`.
    var selection: Int { cursor.selection }

    func reload(_ env: ScreenEnvironment) {
        do {
            records = try env.journal.clientRecords(includingArchived: true)
        } catch {
            env.say("Could not read the clients: \(error)", .error)
        }
        cursor.clamp(count: rows.count)
    }

    /// Gives typing keys to the search field.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        let outcome = search.handle(key)
        if outcome == .edited { cursor.selection = 0 }
        return outcome != .ignored
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        let rows = self.rows
        switch action {
        case .moveUp: cursor.move(-1, count: rows.count)
        case .moveDown: cursor.move(1, count: rows.count)
        case .editRecord:
            guard rows.indices.contains(cursor.selection) else {
                env.say("No client is chosen. \(env.keyLabel(.newClient, in: .clients)) adds one.")
                return
            }
            edit(rows[cursor.selection], isNew: false, env)
        case .newClient:
            let typed = search.text.trimmed
            let looksLikeName = !typed.isEmpty && !typed.contains(where: \.isNumber)
            edit(ClientRecord(client: Client(id: .make(), name: looksLikeName ? typed : "")), isNew: true, env)
        case .archive:
            guard rows.indices.contains(cursor.selection) else { return }
            var record = rows[cursor.selection]
            record.archived.toggle()
            do {
                try env.journal.save(record)
                env.say(record.archived
                    ? "\(record.client.name) archived: kept with every session, no longer offered for new ones. \(env.keyLabel(.archive, in: .clients)) restores."
                    : "\(record.client.name) restored.")
                reload(env)
            } catch {
                env.say("Could not save: \(error). Nothing was changed.", .error)
            }
        case .showArchived:
            showArchived.toggle()
            cursor.selection = 0
            env.say(showArchived ? "Showing archived clients too." : "Archived clients hidden.")
        case .back:
            env.showToday()
        default: break
        }
    }

    /// Opens a record; back here, the list is read again and the record saved is highlighted.
    private func edit(_ record: ClientRecord, isNew: Bool, _ env: ScreenEnvironment) {
        env.show(ClientRecordScreen(record, isNew: isNew) { [self] saved, env in
            reload(env)
            if let saved, let i = rows.firstIndex(where: { $0.id == saved.id }) { cursor.selection = i }
            env.show(self)
        })
        if !isNew { env.logAccess(.record, client: record.id) }
    }

    func choose(row: Int, in list: MouseTargets.List, _ env: ScreenEnvironment) {
        if list == .clients { cursor.selection = row }
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        let shown = rows
        let total = records.filter { showArchived || !$0.archived }.count
        Box("Clients · \(shown.count) of \(total)").draw(body, into: &canvas)
        let x = body.x + 2
        canvas.put("Find", x: x, y: body.y + 2, role: .accent)
        let textCursor = search.render(into: &canvas, rect: Rect(x: x + 6, y: body.y + 2, width: min(40, body.width - 10), height: 1),
                                       role: .inputFocused)
        canvas.put("name, preferred name, initials or phone", x: min(x + 48, body.maxX - 2), y: body.y + 2, role: .muted,
                   maxWidth: max(0, body.maxX - x - 50))
        let today = CalendarDate(env.now, in: env.settings.timeZone)
        let nameWidth = max(20, min(40, body.width - 40))
        let headY = body.y + 4
        canvas.put("Name", x: x + 2, y: headY, role: .muted)
        canvas.put("Born", x: x + 2 + nameWidth, y: headY, role: .muted)
        canvas.put("Phone", x: x + 2 + nameWidth + 16, y: headY, role: .muted, maxWidth: body.maxX - x - nameWidth - 20)
        let top = headY + 1
        let window = cursor.window(rows: max(0, body.maxY - 1 - top), count: shown.count)
        for index in window {
            let record = shown[index]
            let y = top + index - window.lowerBound
            let selected = cursor.isSelected(index)
            env.clickable(.clients, row: index, at: Rect(x: x, y: y, width: body.width - 4, height: 1))
            let role: StyleRole = selected ? .selected : (record.archived ? .muted : .normal)
            if selected { canvas.fill(Rect(x: x, y: y, width: body.width - 4, height: 1), role: .selected) }
            canvas.put((selected ? "▸ " : "  ") + record.client.displayName + (record.archived ? " (archived)" : ""),
                       x: x, y: y, role: role, maxWidth: nameWidth)
            if let born = record.dateOfBirth {
                canvas.put("\(born) \(born.years(until: today))", x: x + 2 + nameWidth, y: y, role: role)
            }
            canvas.put(record.phone, x: x + 2 + nameWidth + 16, y: y, role: role, maxWidth: max(0, body.maxX - x - nameWidth - 20))
        }
        if shown.isEmpty {
            let message = records.isEmpty ? "No clients yet. \(env.keyLabel(.newClient, in: .clients)) adds one."
                : "No client matches “\(search.text)”. \(env.keyLabel(.newClient, in: .clients)) adds a new one."
            canvas.put(message, x: x + 2, y: top, role: .muted, maxWidth: body.width - 6)
        }
        return textCursor
    }
}
