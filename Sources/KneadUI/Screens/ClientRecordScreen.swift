import Foundation
import KneadCore

/// A client's record open for editing: name, contact, health history, notes.
///
/// Whoever opens it says where to go when it is left, with the record as saved or nil when
/// nothing was saved (``leave``): the clients list selects it, the new-session picker offers it,
/// the history review carries the updated history into the session.
final class ClientRecordScreen: Screen {
    let id = ScreenID.clientRecord
    var form: Form
    /// The record as it was when opened.
    let original: ClientRecord
    let isNew: Bool
    /// Versions of this client's record saved on two machines apart (clinic sync), if any.
    private var editsApart: ClientEditsApart?
    private var lookedUpEditsApart = false
    /// Where to go when the record is left; the record as saved, or nil.
    let leave: (ClientRecord?, ScreenEnvironment) -> Void

    /// A record form; `focus` names the field to start in ("conditions" when the history is updated).
    init(_ record: ClientRecord, isNew: Bool, focus: String? = nil,
         leave: @escaping (ClientRecord?, ScreenEnvironment) -> Void) {
        original = record
        self.isNew = isNew
        self.leave = leave
        form = Self.makeForm(record)
        if let focus, let i = form.fields.firstIndex(where: { $0.id == focus }) { form.focus = i }
    }

    var title: String { "Client record" }
    var keyContext: KeyContext { .form }
    /// The form's keys with the referral and plan-of-care keys, then the focused field's own.
    func bindings(_ env: ScreenEnvironment) -> [Binding] {
        CarePlanRecordKeys.bindings(env) + form.fieldBindings(env.keymap)
    }

    static func makeForm(_ r: ClientRecord) -> Form {
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
    func record(today: CalendarDate) -> Result<ClientRecord, RecordProblems> {
        let f = form
        var problems: [String: String] = [:]
        var record = original
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
        for (field, message) in record.problems(today: today) {
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

    /// Saves the record and leaves; returns false (and marks the fields) when it cannot be saved.
    @discardableResult
    func save(_ env: ScreenEnvironment) -> Bool {
        form.clearProblems()
        let record: ClientRecord
        switch self.record(today: CalendarDate(env.now, in: env.settings.timeZone)) {
        case .failure(let problems):
            for (id, message) in problems.byField { form.setProblem(message, at: id) }
            if let first = form.fields.firstIndex(where: { $0.problem != nil }) { form.focus = first }
            env.say("Fix the marked fields; nothing was saved yet.", .warning)
            return false
        case .success(let r):
            record = r
        }
        do {
            // A record edited apart is saved even unchanged: the save reconciles the versions.
            if record != original || isNew || editsApart != nil { try env.journal.save(record) }
        } catch {
            env.say("Could not save the record: \(error). Your changes are still on screen; try again.", .error)
            return false
        }
        form.isDirty = false
        editsApart = nil
        env.say("Record of \(record.client.name) saved.")
        leave(record, env)
        return true
    }

    /// Leaves without saving, after the therapist confirmed losing the changes.
    func discard(_ env: ScreenEnvironment) {
        form.isDirty = false
        env.say("Changes to the record discarded.")
        leave(nil, env)
    }

    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        form.type(key, keymap: env.keymap)
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .nextField: form.focusNext()
        case .previousField: form.focusPrevious()
        case .save: save(env)
        case .editReferral, .editPlanOfCare: openCarePlanForm(action, env)
        case .back:
            // Leaving saves, as every form does; a record that cannot be saved asks before its changes go.
            guard form.isDirty || isNew else {
                leave(nil, env)
                return
            }
            if !save(env) {
                env.push(ConfirmOverlay("Some fields cannot be saved as they are (marked). Leave and lose the changes to this record?") {
                    [self] env in discard(env)
                })
            }
        default: break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let title = isNew ? "New client" : "Client record · \(original.client.name)"
        let flag = reconcileFlag(env)
        guard !flag.isEmpty else { return env.app.renderForm(form, title: title, into: &canvas, rect) }
        // Versions saved on two machines apart: the flag above the form until a save reconciles them.
        let inner = Box(title).draw(rect, into: &canvas)
        let lines = wrap(flag, width: max(1, inner.width - 2)).prefix(3)
        for (i, line) in lines.enumerated() {
            canvas.put(line, x: inner.x + 1, y: inner.y + i, role: .warning, maxWidth: inner.width - 2)
        }
        let top = rect.y + 2 + lines.count
        let formRect = Rect(x: rect.x + 2, y: top, width: max(0, rect.width - 4), height: max(0, rect.maxY - 1 - top))
        return form.render(into: &canvas, rect: formRect)
    }

    /// The sentence saying this client's record was edited on two machines apart, once looked up.
    private func reconcileFlag(_ env: ScreenEnvironment) -> String {
        if !lookedUpEditsApart {
            lookedUpEditsApart = true
            editsApart = isNew ? nil : (try? env.records?.conflictingVersions(of: original.client.id)) ?? nil
        }
        return editsApart?.sentence(time: { env.formatting.date($0) + " " + env.formatting.time($0) }) ?? ""
    }
}

extension KneadApp {
    /// Opens a client's record for editing; leaving it shows the client directory. (The screens
    /// that open a record, the directory, the client picker and the history review, give the
    /// record screen where to go back to themselves.)
    func editRecord(_ record: ClientRecord, isNew: Bool) {
        show(ClientRecordScreen(record, isNew: isNew) { _, env in env.show(ClientsScreen(env)) })
        if !isNew { logAccess(.record, client: record.id) }
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
