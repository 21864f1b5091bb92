import KneadCore

/// Choosing or creating the client of a new session, and its planned length. Enter starts the
/// session through the environment's one path to the journal, then shows its first screen.
final class ClientPickerScreen: Screen {
    let id = ScreenID.clientPicker
    /// The clients who are not archived, by name, with their search keys as the store keeps them
    /// folded: read when the screen opens, without reading any record.
    private(set) var finder = ClientFinder(ClientDirectory())
    var clients: [Client] { finder.directory.clients }
    /// Every client's name in lower case, to tell a typed name that is already a client's.
    private var lowercasedNames: Set<String> = []
    /// The rows of the text last typed, worked out once for its keys and frames.
    private var shownRows: (typed: String, rows: [Row])?
    var name = TextField(limit: 120)
    var minutes = TextField("60", limit: 3)
    var focusOnMinutes = false
    /// The highlighted row of `rows`.
    var cursor = ListCursor()
    var problem: String?

    enum Row: Hashable, Sendable {
        case newClient(String)
        case existing(Client)
    }

    init(_ env: ScreenEnvironment) {
        minutes.text = String(env.settings.defaultPlannedMinutes)
        readClients(env)
    }

    var title: String { "New session" }
    var keyContext: KeyContext { .clientPicker }

    /// The highlighted row, an index into `rows`.
    var selection: Int {
        get { cursor.selection }
        set { cursor.selection = newValue }
    }

    private func readClients(_ env: ScreenEnvironment) {
        do {
            showClients(try env.journal.clientDirectory())
        } catch {
            env.say("Could not read clients: \(error)", .error)
        }
    }

    private func showClients(_ directory: ClientDirectory) {
        finder = ClientFinder(directory)
        lowercasedNames = Set(directory.clients.map { $0.name.lowercased() })
        shownRows = nil
    }

    /// Matching clients, then a "new client" row when a name is typed that is not already a client.
    var rows: [Row] {
        let typed = name.text.trimmingCharacters(in: .whitespaces)
        if let shownRows, shownRows.typed == typed { return shownRows.rows }
        let clients = self.clients
        let matches = finder.matches(typed).map { Row.existing(clients[$0]) }
        let exact = lowercasedNames.contains(typed.lowercased())
        // Matching clients come first, so Enter after part of a name opens the client, not a duplicate.
        let rows = matches + (typed.isEmpty || exact ? [] : [.newClient(typed)])
        shownRows = (typed, rows)
        return rows
    }

    /// Gives typing keys to the focused field.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        if case .character(let c) = key, focusOnMinutes, !c.isNumber { return true }
        var field = focusOnMinutes ? minutes : name
        let outcome = field.handle(key)
        if focusOnMinutes { minutes = field } else { name = field }
        if outcome == .edited {
            problem = nil
            if !focusOnMinutes { cursor.selection = 0 }
        }
        if outcome == .full { problem = field.fullNotice }
        return outcome != .ignored
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .moveUp: cursor.move(-1, count: rows.count)
        case .moveDown: cursor.move(1, count: rows.count)
        case .nextField: focusOnMinutes.toggle()
        case .back: env.showToday()
        case .save: startSession(env)
        case .editRecord:
            let rows = self.rows
            guard rows.indices.contains(selection) else { return }
            switch rows[selection] {
            case .existing(let client):
                // The one record chosen is read now; the list holds names and keys only.
                let record: ClientRecord
                do {
                    record = try env.journal.clientRecord(client.id) ?? ClientRecord(client: client)
                } catch {
                    env.say("Could not read this client's record: \(error). Nothing was opened; try again.", .error)
                    return
                }
                edit(record, isNew: false, env)
            case .newClient(let name):
                edit(ClientRecord(client: Client(id: .make(), name: name)), isNew: true, env)
            }
        default: break
        }
    }

    /// Opens a record; back here, the saved client is typed and highlighted.
    private func edit(_ record: ClientRecord, isNew: Bool, _ env: ScreenEnvironment) {
        env.show(ClientRecordScreen(record, isNew: isNew) { [self] saved, env in
            if let saved {
                readClients(env)
                name = TextField(saved.client.name, limit: 120)
                cursor.selection = rows.firstIndex(of: .existing(saved.client)) ?? 0
            }
            env.show(self)
        })
        if !isNew { env.logAccess(.record, client: record.id) }
    }

    private func startSession(_ env: ScreenEnvironment) {
        let rows = self.rows
        guard rows.indices.contains(selection) else {
            problem = "Type the client's name, or choose a client with ↑ ↓."
            return
        }
        guard let minutes = Int(minutes.text), plannedMinutesRange.contains(minutes) else {
            problem = "Planned length must be a number of minutes from \(plannedMinutesRange.lowerBound) to \(plannedMinutesRange.upperBound)."
            focusOnMinutes = true
            return
        }
        let client: Client
        switch rows[selection] {
        case .existing(let existing): client = existing
        case .newClient(let name): client = Client(id: .make(), name: name)
        }
        if let refused = env.start(.start(client: client, plannedMinutes: minutes)) {
            problem = refused.reason
            return
        }
        env.say("Session started. Review the health history with the client.")
        env.showSessionScreen()
    }

    func choose(row: Int, in list: MouseTargets.List, _ env: ScreenEnvironment) {
        if list == .clientPicker { cursor.selection = row }
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        Box("New session").draw(body, into: &canvas)
        let x = body.x + 2
        canvas.put("Client", x: x, y: body.y + 2, role: focusOnMinutes ? .muted : .accent)
        let nameRect = Rect(x: x + 16, y: body.y + 2, width: min(50, body.width - 20), height: 1)
        let nameCursor = name.render(into: &canvas, rect: nameRect, role: focusOnMinutes ? .input : .inputFocused)
        canvas.put("Planned minutes", x: x, y: body.y + 4, role: focusOnMinutes ? .accent : .muted)
        let minutesRect = Rect(x: x + 16, y: body.y + 4, width: 5, height: 1)
        let minutesCursor = minutes.render(into: &canvas, rect: minutesRect, role: focusOnMinutes ? .inputFocused : .input)
        if let problem {
            canvas.put("⚠ " + problem, x: x, y: body.y + 6, role: .warning, maxWidth: body.width - 4)
        } else {
            canvas.put("Type to find a client or to name a new one; ↑ ↓ choose; Enter starts.", x: x, y: body.y + 6,
                       role: .muted, maxWidth: body.width - 4)
        }
        let rows = self.rows
        let listTop = body.y + 8
        let window = cursor.window(rows: body.maxY - 1 - listTop, count: rows.count)
        for index in window {
            let y = listTop + index - window.lowerBound
            let selected = cursor.isSelected(index)
            env.clickable(.clientPicker, row: index, at: Rect(x: x, y: y, width: body.width - 4, height: 1))
            let text: String = switch rows[index] {
            case .newClient(let name): "+ new client: \(name)"
            case .existing(let client): client.displayName
            }
            canvas.put((selected ? "▸ " : "  ") + text, x: x, y: y, role: selected ? .selected : .normal, maxWidth: body.width - 4)
        }
        if rows.isEmpty {
            canvas.put(clients.isEmpty ? "No clients yet: type a name." : "No client matches.", x: x + 2, y: listTop, role: .muted)
        }
        return focusOnMinutes ? minutesCursor : nameCursor
    }
}
