import Foundation
import KneadCore

/// A client record open for editing, and where to go when it is saved or left.
struct RecordEditor: Hashable, Sendable {
    var original: ClientRecord
    var isNew: Bool
    /// The screen that opened the record; `.historyReview` means the history is being updated for a session.
    var returnTo: ScreenID
}

extension KneadApp {
    func editRecord(_ record: ClientRecord, isNew: Bool, returnTo: ScreenID) {
        recordEditor = RecordEditor(original: record, isNew: isNew, returnTo: returnTo)
        recordForm = makeRecordForm(record)
        if returnTo == .historyReview, let i = recordForm.fields.firstIndex(where: { $0.id == "conditions" }) {
            recordForm.focus = i
        }
        screen = .clientRecord
        if !isNew { logAccess(.record, client: record.id) }
    }

    func makeRecordForm(_ r: ClientRecord) -> Form {
        let h = r.history
        return Form([
            FormField("name", "Name", .text(TextField(r.client.name, limit: 120))),
            FormField("preferred", "Preferred name", .text(TextField(r.client.preferredName ?? "", limit: 60))),
            FormField("born", "Date of birth", .text(TextField(r.dateOfBirth?.description ?? "", limit: 10))),
            FormField("phone", "Phone", .text(TextField(r.phone, limit: 40))),
            FormField("email", "E-mail", .text(TextField(r.email, limit: 120))),
            FormField("physician", "Physician", .text(TextField(r.physician, limit: 200))),
            FormField("conditions", "Conditions", .text(TextField(h.conditions, multiline: true))),
            FormField("medications", "Medications", .text(TextField(h.medications, multiline: true))),
            FormField("allergies", "Allergies", .text(TextField(h.allergies))),
            FormField("surgeries", "Surgeries, injuries", .text(TextField(h.surgeriesAndInjuries.map(\.line).joined(separator: "\n"),
                                                                         multiline: true))),
            FormField("pregnancy", "Pregnant", .choice(options: Pregnancy.allCases.map(\.label),
                                                       selected: Pregnancy.allCases.firstIndex(of: h.pregnancy) ?? 0)),
            FormField("notes", "Notes", .text(TextField(r.notes, multiline: true))),
        ])
    }

    /// The form as a record, or the problems to show at its fields.
    func recordFromForm() -> Result<ClientRecord, RecordProblems> {
        let f = recordForm
        var problems: [String: String] = [:]
        guard var record = recordEditor?.original else { return .failure(RecordProblems(byField: [:])) }
        let preferred = f.text("preferred").trimmed
        record.client.name = f.text("name").trimmed
        record.client.preferredName = preferred.isEmpty ? nil : preferred
        let born = f.text("born").trimmed
        if born.isEmpty {
            record.dateOfBirth = nil
        } else if let date = CalendarDate(parsing: born) {
            record.dateOfBirth = date
        } else {
            problems["born"] = "“\(born)” is not a date. Write it as YYYY-MM-DD, e.g. 1980-04-23."
        }
        record.phone = f.text("phone").trimmed
        record.email = f.text("email").trimmed
        record.physician = f.text("physician").trimmed
        record.history.conditions = f.text("conditions").trimmed
        record.history.medications = f.text("medications").trimmed
        record.history.allergies = f.text("allergies").trimmed
        switch Self.datedEntries(f.text("surgeries")) {
        case .success(let entries): record.history.surgeriesAndInjuries = entries
        case .failure(let problem): problems["surgeries"] = problem.message
        }
        if case .choice(_, let selected)? = f["pregnancy"], Pregnancy.allCases.indices.contains(selected) {
            record.history.pregnancy = Pregnancy.allCases[selected]
        }
        record.notes = f.text("notes").trimmed
        let fieldIDs: [ClientRecord.Field: String] = [
            .name: "name", .preferredName: "preferred", .dateOfBirth: "born", .phone: "phone", .email: "email",
            .physician: "physician", .conditions: "conditions", .medications: "medications", .allergies: "allergies",
            .surgeriesAndInjuries: "surgeries", .notes: "notes",
        ]
        for (field, message) in record.problems(today: CalendarDate(clock.now(), in: settings.timeZone)) {
            if let id = fieldIDs[field], problems[id] == nil { problems[id] = message }
        }
        return problems.isEmpty ? .success(record) : .failure(RecordProblems(byField: problems))
    }

    /// Surgeries and injuries, one a line, each optionally led by its date: "2019-03-02 ACL repair".
    static func datedEntries(_ text: String) -> Result<[DatedEntry], RecordProblem> {
        var entries: [DatedEntry] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let first = line.prefix { !$0.isWhitespace }
            let looksLikeDate = first.count == 10 && first.filter(\.isNumber).count == 8
                && first.filter { $0 == "-" }.count == 2
            if looksLikeDate {
                guard let date = CalendarDate(parsing: String(first)) else {
                    return .failure(RecordProblem(message: "Line \(number + 1): “\(first)” is not a date (YYYY-MM-DD)."))
                }
                let what = line.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
                guard !what.isEmpty else {
                    return .failure(RecordProblem(message: "Line \(number + 1): say what happened on \(first)."))
                }
                entries.append(DatedEntry(what, date: date))
            } else {
                entries.append(DatedEntry(line))
            }
        }
        return .success(entries)
    }

    func saveRecord() {
        guard let editor = recordEditor else { return }
        recordForm.clearProblems()
        let record: ClientRecord
        switch recordFromForm() {
        case .failure(let problems):
            for (id, message) in problems.byField { recordForm.setProblem(message, at: id) }
            if let first = recordForm.fields.firstIndex(where: { $0.problem != nil }) { recordForm.focus = first }
            status = StatusMessage(text: "Fix the marked fields; nothing was saved yet.", kind: .warning)
            return
        case .success(let r):
            record = r
        }
        do {
            if record != editor.original || editor.isNew { try journal.save(record) }
        } catch {
            status = StatusMessage(text: "Could not save the record: \(error). Your changes are still on screen; try again.",
                                   kind: .error)
            return
        }
        recordForm.isDirty = false
        recordEditor = nil
        status = StatusMessage(text: "Record of \(record.client.name) saved.", kind: .info)
        leaveRecord(to: editor.returnTo, saved: record)
    }

    /// Leaves the record form for the screen that opened it.
    func leaveRecord(to target: ScreenID, saved: ClientRecord?) {
        recordEditor = nil
        switch target {
        case .historyReview:
            if let saved { confirmHistory(saved.history, updated: true) } else { screen = .historyReview }
        case .clientPicker:
            if let saved {
                picker.records = (try? journal.clientRecords(includingArchived: false)) ?? picker.records
                picker.name = TextField(saved.client.name, limit: 120)
                picker.selection = picker.rows.firstIndex(of: .existing(saved.client)) ?? 0
            }
            screen = .clientPicker
        default:
            reloadClients()
            if let saved, let i = directory.rows.firstIndex(where: { $0.id == saved.id }) { directory.selection = i }
            screen = .clients
        }
    }

    func recordAction(_ action: Action) {
        switch action {
        case .nextField: recordForm.focusNext()
        case .previousField: recordForm.focusPrevious()
        case .save: saveRecord()
        case .back:
            // Leaving saves, as every form does; a record that cannot be saved asks before its changes go.
            guard let editor = recordEditor else { return }
            guard recordForm.isDirty || editor.isNew else {
                leaveRecord(to: editor.returnTo, saved: nil)
                return
            }
            saveRecord()
            if recordEditor != nil, screen == .clientRecord {
                overlays.append(.confirm("Some fields cannot be saved as they are (marked). Leave and lose the changes to this record?",
                                         .discardRecord))
            }
        default: break
        }
    }

    func renderRecord(into canvas: inout Canvas, _ body: Rect) -> Point? {
        let name = recordEditor?.original.client.name ?? ""
        let title = recordEditor?.isNew == true ? "New client" : "Client record · \(name)"
        return renderForm(recordForm, title: title, into: &canvas, body)
    }
}

/// Why a record form cannot be saved, by form field id.
struct RecordProblems: Error, Hashable, Sendable {
    var byField: [String: String]
}

/// Why one field cannot be read.
struct RecordProblem: Error, Hashable, Sendable {
    var message: String
}
