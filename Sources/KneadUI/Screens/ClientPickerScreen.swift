import KneadCore

/// Choosing or creating the client of a new session, and its planned length.
struct ClientPickerState: Hashable, Sendable {
    /// Records of the clients who are not archived, by name.
    var records: [ClientRecord] = [] {
        didSet { searchKeys = records.map(ClientSearchKey.init) }
    }
    /// Each record's search key, folded once when the records are read.
    private(set) var searchKeys: [ClientSearchKey] = []
    var clients: [Client] { records.map(\.client) }
    var name = TextField(limit: 120)
    var minutes = TextField("60", limit: 3)
    var focusOnMinutes = false
    /// Index into `rows`.
    var selection = 0
    var problem: String?

    enum Row: Hashable, Sendable {
        case newClient(String)
        case existing(Client)
    }

    /// Matching clients, then a "new client" row when a name is typed that is not already a client.
    var rows: [Row] {
        let typed = name.text.trimmingCharacters(in: .whitespaces)
        let words = ClientSearchKey.words(of: typed)
        let matches = zip(records, searchKeys).filter { $0.1.matches(words) }.map(\.0.client)
        let typedLower = typed.lowercased()
        let exact = records.contains { $0.client.name.lowercased() == typedLower }
        // Matching clients come first, so Enter after part of a name opens the client, not a duplicate.
        return matches.map(Row.existing) + (typed.isEmpty || exact ? [] : [.newClient(typed)])
    }
}

extension KneadApp {
    func startClientPicker() {
        picker = ClientPickerState()
        picker.minutes.text = String(settings.defaultPlannedMinutes)
        do {
            picker.records = try journal.clientRecords(includingArchived: false)
        } catch {
            status = StatusMessage(text: "Could not read clients: \(error)", kind: .error)
        }
        screen = .clientPicker
    }

    /// Gives typing keys to the focused field. Returns true when the key was used.
    func handlePickerKey(_ key: Key) -> Bool {
        if case .character(let c) = key, picker.focusOnMinutes, !c.isNumber { return true }
        var field = picker.focusOnMinutes ? picker.minutes : picker.name
        let outcome = field.handle(key)
        if picker.focusOnMinutes { picker.minutes = field } else { picker.name = field }
        if outcome == .edited {
            picker.problem = nil
            if !picker.focusOnMinutes { picker.selection = 0 }
        }
        if outcome == .full { picker.problem = field.fullNotice }
        return outcome != .ignored
    }

    func pickerAction(_ action: Action) {
        switch action {
        case .moveUp: picker.selection = max(0, picker.selection - 1)
        case .moveDown: picker.selection = min(max(0, picker.rows.count - 1), picker.selection + 1)
        case .nextField: picker.focusOnMinutes.toggle()
        case .back:
            screen = .today
            reloadToday()
        case .save: startSession()
        case .editRecord:
            let rows = picker.rows
            guard rows.indices.contains(picker.selection) else { return }
            switch rows[picker.selection] {
            case .existing(let client):
                let record = picker.records.first { $0.id == client.id } ?? ClientRecord(client: client)
                editRecord(record, isNew: false, returnTo: .clientPicker)
            case .newClient(let name):
                editRecord(ClientRecord(client: Client(id: .make(), name: name)), isNew: true, returnTo: .clientPicker)
            }
        default: break
        }
    }

    private func startSession() {
        let rows = picker.rows
        guard rows.indices.contains(picker.selection) else {
            picker.problem = "Type the client's name, or choose a client with ↑ ↓."
            return
        }
        guard let minutes = Int(picker.minutes.text), plannedMinutesRange.contains(minutes) else {
            picker.problem = "Planned length must be a number of minutes from \(plannedMinutesRange.lowerBound) to \(plannedMinutesRange.upperBound)."
            picker.focusOnMinutes = true
            return
        }
        let client: Client
        switch rows[picker.selection] {
        case .existing(let existing): client = existing
        case .newClient(let name): client = Client(id: .make(), name: name)
        }
        var state = SessionState(id: .make())
        do {
            try journal.perform(.start(client: client, plannedMinutes: minutes), on: &state, at: clock.now())
        } catch {
            picker.problem = error.description
            return
        }
        session = state
        status = StatusMessage(text: "Session started. Review the health history with the client.", kind: .info)
        enterScreen(for: state)
    }

    func renderClientPicker(into canvas: inout Canvas, _ body: Rect) -> Point? {
        drawBox(body, title: "New session", into: &canvas)
        let x = body.x + 2
        canvas.put("Client", x: x, y: body.y + 2, role: picker.focusOnMinutes ? .muted : .accent)
        let nameRect = Rect(x: x + 16, y: body.y + 2, width: min(50, body.width - 20), height: 1)
        let nameCursor = picker.name.render(into: &canvas, rect: nameRect, role: picker.focusOnMinutes ? .input : .inputFocused)
        canvas.put("Planned minutes", x: x, y: body.y + 4, role: picker.focusOnMinutes ? .accent : .muted)
        let minutesRect = Rect(x: x + 16, y: body.y + 4, width: 5, height: 1)
        let minutesCursor = picker.minutes.render(into: &canvas, rect: minutesRect, role: picker.focusOnMinutes ? .inputFocused : .input)
        if let problem = picker.problem {
            canvas.put("⚠ " + problem, x: x, y: body.y + 6, role: .warning, maxWidth: body.width - 4)
        } else {
            canvas.put("Type to find a client or to name a new one; ↑ ↓ choose; Enter starts.", x: x, y: body.y + 6,
                       role: .muted, maxWidth: body.width - 4)
        }
        let rows = picker.rows
        let listTop = body.y + 8
        let visible = body.maxY - 1 - listTop
        let first = max(0, picker.selection - visible + 1)
        for (offset, row) in rows.dropFirst(first).prefix(max(0, visible)).enumerated() {
            let selected = first + offset == picker.selection
            mouseTargets.row(.clientPicker, first + offset, Rect(x: x, y: listTop + offset, width: body.width - 4, height: 1))
            let text: String = switch row {
            case .newClient(let name): "+ new client: \(name)"
            case .existing(let client): client.displayName
            }
            canvas.put((selected ? "▸ " : "  ") + text, x: x, y: listTop + offset,
                       role: selected ? .selected : .normal, maxWidth: body.width - 4)
        }
        if rows.isEmpty {
            canvas.put(picker.clients.isEmpty ? "No clients yet: type a name." : "No client matches.",
                       x: x + 2, y: listTop, role: .muted)
        }
        return picker.focusOnMinutes ? minutesCursor : nameCursor
    }
}
