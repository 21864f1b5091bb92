import Foundation
import KneadCore

/// The client directory: find by name, preferred name, initials or phone; add, edit, archive.
struct ClientDirectoryState: Hashable, Sendable {
    var records: [ClientRecord] = []
    var search = TextField(limit: 80)
    var showArchived = false
    /// Index into `rows`.
    var selection = 0

    /// Records matching the search, archived ones only when shown.
    var rows: [ClientRecord] {
        records.filter { (showArchived || !$0.archived) && $0.matches(search.text) }
    }
}

extension KneadApp {
    func startClients() {
        directory = ClientDirectoryState()
        reloadClients()
        screen = .clients
    }

    func reloadClients() {
        do {
            directory.records = try journal.clientRecords(includingArchived: true)
        } catch {
            status = StatusMessage(text: "Could not read the clients: \(error)", kind: .error)
        }
        directory.selection = min(directory.selection, max(0, directory.rows.count - 1))
    }

    /// Gives typing keys to the search field. Returns true when the key was used.
    func handleClientsKey(_ key: Key) -> Bool {
        let outcome = directory.search.handle(key)
        if outcome == .edited { directory.selection = 0 }
        return outcome != .ignored
    }

    func clientsAction(_ action: Action) {
        let rows = directory.rows
        switch action {
        case .moveUp: directory.selection = max(0, directory.selection - 1)
        case .moveDown: directory.selection = min(max(0, rows.count - 1), directory.selection + 1)
        case .editRecord:
            guard rows.indices.contains(directory.selection) else {
                status = StatusMessage(text: "No client is chosen. \(keyLabel(.newClient, in: .clients)) adds one.", kind: .info)
                return
            }
            editRecord(rows[directory.selection], isNew: false, returnTo: .clients)
        case .newClient:
            let typed = directory.search.text.trimmed
            let looksLikeName = !typed.isEmpty && !typed.contains(where: \.isNumber)
            editRecord(ClientRecord(client: Client(id: .make(), name: looksLikeName ? typed : "")), isNew: true,
                       returnTo: .clients)
        case .archive:
            guard rows.indices.contains(directory.selection) else { return }
            var record = rows[directory.selection]
            record.archived.toggle()
            do {
                try journal.save(record)
                status = StatusMessage(text: record.archived
                    ? "\(record.client.name) archived: kept with every session, no longer offered for new ones. \(keyLabel(.archive, in: .clients)) restores."
                    : "\(record.client.name) restored.", kind: .info)
                reloadClients()
            } catch {
                status = StatusMessage(text: "Could not save: \(error). Nothing was changed.", kind: .error)
            }
        case .showArchived:
            directory.showArchived.toggle()
            directory.selection = 0
            status = StatusMessage(text: directory.showArchived ? "Showing archived clients too." : "Archived clients hidden.",
                                   kind: .info)
        case .back:
            screen = .today
            reloadToday()
        default: break
        }
    }

    func renderClients(into canvas: inout Canvas, _ body: Rect) -> Point? {
        let shown = directory.rows
        let total = directory.records.filter { directory.showArchived || !$0.archived }.count
        drawBox(body, title: "Clients · \(shown.count) of \(total)", into: &canvas)
        let x = body.x + 2
        canvas.put("Find", x: x, y: body.y + 2, role: .accent)
        let cursor = directory.search.render(into: &canvas, rect: Rect(x: x + 6, y: body.y + 2, width: min(40, body.width - 10), height: 1),
                                             role: .inputFocused)
        canvas.put("name, preferred name, initials or phone", x: min(x + 48, body.maxX - 2), y: body.y + 2, role: .muted,
                   maxWidth: max(0, body.maxX - x - 50))
        let today = CalendarDate(clock.now(), in: settings.timeZone)
        let nameWidth = max(20, min(40, body.width - 40))
        let headY = body.y + 4
        canvas.put("Name", x: x + 2, y: headY, role: .muted)
        canvas.put("Born", x: x + 2 + nameWidth, y: headY, role: .muted)
        canvas.put("Phone", x: x + 2 + nameWidth + 16, y: headY, role: .muted, maxWidth: body.maxX - x - nameWidth - 20)
        let top = headY + 1
        let visible = max(0, body.maxY - 1 - top)
        let first = max(0, directory.selection - visible + 1)
        for (offset, record) in shown.dropFirst(first).prefix(visible).enumerated() {
            let y = top + offset
            let selected = first + offset == directory.selection
            mouseTargets.row(.clients, first + offset, Rect(x: x, y: y, width: body.width - 4, height: 1))
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
            let message = directory.records.isEmpty ? "No clients yet. \(keyLabel(.newClient, in: .clients)) adds one."
                : "No client matches “\(directory.search.text)”. \(keyLabel(.newClient, in: .clients)) adds a new one."
            canvas.put(message, x: x + 2, y: top, role: .muted, maxWidth: body.width - 6)
        }
        return cursor
    }
}
