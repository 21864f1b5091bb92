import Foundation
import KneadCore

/// The physician's referral of a client, opened from the client record: who referred, when,
/// the diagnosis (its ICD-10-CM code checked as it is typed), what was ordered, notes. Saving
/// keeps a new version; the earlier ones stay.
final class ReferralScreen: Screen, CarePlanFormScreen {
    let id = ScreenID.clientRecord
    let client: Client
    let original: Referral?
    var form: Form
    /// Set after an Esc that could not save: the next Esc leaves without saving.
    var leaving = false
    /// Where to go when the form is left (the client record it came from).
    let leave: (ScreenEnvironment) -> Void

    init(client: Client, referral: Referral?, today: CalendarDate, leave: @escaping (ScreenEnvironment) -> Void) {
        self.client = client
        original = referral
        self.leave = leave
        let r = referral
        form = Form([
            FormField("name", "Referring clinician", .text(TextField(r?.clinician.name ?? "", limit: 120))),
            FormField("practice", "Practice", .text(TextField(r?.clinician.practice ?? "", limit: 120))),
            FormField("contact", "Contact", .text(TextField(r?.clinician.contact ?? "", limit: 120)), hint: ["phone, fax, e-mail"]),
            FormField("date", "Date of referral", .text(TextField((r?.date ?? today).description, limit: 10))),
            FormField("code", "ICD-10-CM code", .text(TextField(r?.diagnosis.code.rawValue ?? "", limit: 8))),
            FormField("diagnosis", "Diagnosis", .text(TextField(r?.diagnosis.text ?? "", limit: 200))),
            FormField("frequency", "Frequency ordered", .text(TextField(r?.frequency ?? "", limit: 60))),
            FormField("visits", "Visits ordered", .number(TextField(r.map { String($0.visits) } ?? "", limit: 3), range: 1...200)),
            FormField("expires", "Expires", .text(TextField(r?.expires?.description ?? "", limit: 10))),
            FormField("notes", "Notes", .text(TextField(r?.notes ?? "", multiline: true, limit: 2000))),
        ])
    }

    let subject = CarePlanFormSubject(name: "referral", plural: "referrals")

    var title: String { "Referral" }
    var keyContext: KeyContext { .form }

    func bindings(_ env: ScreenEnvironment) -> [Binding] { CarePlanFormKeys.bindings(env, form: form) }

    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        let used = CarePlanFormKeys.handle(key, &form, env)
        if used {
            leaving = false
            checkCode()
        }
        return used
    }

    /// Marks the code field while it is typed: a text that can no longer become a code says why.
    func checkCode() {
        let text = form.text("code").trimmingCharacters(in: .whitespaces)
        form.setProblem(ICD10Entry.problem(typing: text), at: "code")
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) { performFormAction(action, env) }

    /// The referral the form holds, or nil after marking the fields that cannot be read.
    func referral() -> Referral? {
        form.clearProblems()
        func date(_ id: String, required: Bool) -> CalendarDate?? {
            let text = form.text(id).trimmed
            if text.isEmpty {
                if required { form.setProblem("Enter the date as YYYY-MM-DD.", at: id) }
                return .some(nil)
            }
            guard let day = CalendarDate(parsing: text) else {
                form.setProblem("“\(text)” is not a date. Write it as YYYY-MM-DD, e.g. 2026-11-02.", at: id)
                return nil
            }
            return .some(day)
        }
        let day = date("date", required: true)
        let expires = date("expires", required: false)
        let codeText = form.text("code").trimmed
        let code = ICD10Code(codeText)
        if code == nil {
            form.setProblem(codeText.isEmpty ? "Enter the diagnosis code, e.g. M54.42." : ICD10Entry.problem(complete: codeText), at: "code")
        }
        let (visits, visitsProblem) = form.number("visits")
        if let visitsProblem { form.setProblem(visitsProblem, at: "visits") } else if visits == nil {
            form.setProblem("Enter how many visits were ordered.", at: "visits")
        }
        guard let day = day ?? nil, let expires, let code, let visits else { return nil }
        let referral = Referral(
            clinician: ReferringClinician(name: form.text("name").trimmed, practice: form.text("practice").trimmed,
                                          contact: form.text("contact").trimmed),
            date: day, diagnosis: Diagnosis(code: code, text: form.text("diagnosis").trimmed),
            frequency: form.text("frequency").trimmed, visits: visits, expires: expires, notes: form.text("notes").trimmed)
        let problems = referral.problems()
        for problem in problems {
            let field = problem.contains("clinician") ? "name" : problem.contains("diagnosis") ? "diagnosis"
                : problem.contains("visits") ? "visits" : problem.contains("expires") ? "expires" : "notes"
            form.setProblem(problem, at: field)
        }
        return problems.isEmpty ? referral : nil
    }

    /// Saves a new version when something changed; false (the fields say why) when it cannot be saved.
    func save(_ env: ScreenEnvironment) -> Bool {
        subject.save(referral(), original: original, form: &form, env) { records, value in
            try records.save(value, for: client.id)
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        env.app.renderForm(form, title: "Referral · \(client.name)", into: &canvas, rect)
    }
}

/// What to say about an ICD-10-CM code being typed or entered.
enum ICD10Entry {
    /// A problem to show while typing, or nil while the text is a code or can still become one.
    static func problem(typing text: String) -> String? {
        guard !text.isEmpty, ICD10Code(text) == nil, !canBecomeCode(text) else { return nil }
        return problem(complete: text)
    }

    /// Why a finished entry is not a code: a letter, two digits (or a digit and a letter), then a dot
    /// and up to four characters.
    static func problem(complete text: String) -> String {
        let plain = text.uppercased().filter { $0 != "." }
        if plain.count > 3, ICD10Code(String(plain.prefix(3)) + "." + plain.dropFirst(3)) != nil {
            return "Put a dot after the third character: \(plain.prefix(3)).\(plain.dropFirst(3))."
        }
        return "“\(text)” is not an ICD-10-CM code (e.g. M54.42)."
    }

    /// Whether more characters could make the text a code ("M5", "M54.").
    static func canBecomeCode(_ text: String) -> Bool {
        let c = Array(text.uppercased())
        func letter(_ x: Character) -> Bool { x.isASCII && x.isLetter }
        func digit(_ x: Character) -> Bool { x.isASCII && x.isNumber }
        for (i, x) in c.enumerated() {
            switch i {
            case 0: if !letter(x) { return false }
            case 1: if !digit(x) { return false }
            case 2: if !(digit(x) || letter(x)) { return false }
            case 3: if x != "." { return false }
            case 4...7: if !(digit(x) || letter(x)) { return false }
            default: return false
            }
        }
        return true
    }
}
