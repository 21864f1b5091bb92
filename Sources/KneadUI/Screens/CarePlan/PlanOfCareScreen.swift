import Foundation
import KneadCore

/// The plan of care of a client, opened from the client record: up to five functional,
/// measurable goals with target dates (and the day each was met), frequency and duration,
/// re-assessment every N visits or weeks. Saving keeps a new version; the earlier ones stay.
final class PlanOfCareScreen: Screen, CarePlanFormScreen {
    let id = ScreenID.clientRecord
    let client: Client
    let original: PlanOfCare?
    var form: Form
    var leaving = false
    let leave: (ScreenEnvironment) -> Void

    static let goalSlots = 5
    static let units = ["visits", "weeks"]

    init(client: Client, plan: PlanOfCare?, today: CalendarDate, leave: @escaping (ScreenEnvironment) -> Void) {
        self.client = client
        original = plan
        self.leave = leave
        var fields = [
            FormField("start", "Plan starts", .text(TextField((plan?.start ?? today).description, limit: 10))),
            FormField("frequency", "Frequency", .text(TextField(plan?.frequency ?? "", limit: 60)), hint: ["weekly, twice a week"]),
            FormField("weeks", "Duration (weeks)", .number(TextField(plan.map { String($0.durationWeeks) } ?? "", limit: 3), range: 1...104)),
        ]
        let (every, unit): (Int?, Int) = switch plan?.reassessment {
        case .visits(let n)?: (n, 0)
        case .weeks(let n)?: (n, 1)
        case nil: (nil, 0)
        }
        fields.append(FormField("every", "Re-assess every", .number(TextField(every.map(String.init) ?? "", limit: 2), range: 1...52)))
        fields.append(FormField("unit", "  counted in", .choice(options: Self.units, selected: unit)))
        let goals = plan?.goals ?? []
        for i in 0..<Self.goalSlots {
            let goal = goals.indices.contains(i) ? goals[i] : nil
            fields.append(FormField("goal\(i)", "Goal \(i + 1)", .text(TextField(goal?.text ?? "", limit: 200))))
            let by = goal.map { $0.target.description + ($0.met.map { " met \($0)" } ?? "") } ?? ""
            fields.append(FormField("by\(i)", "  by (met)", .text(TextField(by, limit: 25))))
        }
        form = Form(fields)
    }

    let subject = CarePlanFormSubject(name: "plan of care", plural: "plans of care")

    var title: String { "Plan of care" }
    var keyContext: KeyContext { .form }

    func bindings(_ env: ScreenEnvironment) -> [Binding] { CarePlanFormKeys.bindings(env, form: form) }

    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        let used = CarePlanFormKeys.handle(key, &form, env)
        if used { leaving = false }
        return used
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) { performFormAction(action, env) }

    /// A goal's short key: kept for a goal that was there, made from its first words for a new one.
    static func key(for text: String, slot: Int, original: [CareGoal], taken: Set<String>) -> String {
        if original.indices.contains(slot) { return original[slot].id }
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(3)
        var key = words.joined(separator: "-")
        if key.isEmpty { key = "goal-\(slot + 1)" }
        var candidate = key
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(key)-\(n)"
            n += 1
        }
        return candidate
    }

    /// The plan the form holds, or nil after marking the fields that cannot be read.
    func plan() -> PlanOfCare? {
        form.clearProblems()
        let startText = form.text("start").trimmed
        let start = CalendarDate(parsing: startText)
        if start == nil { form.setProblem("“\(startText)” is not a date. Write it as YYYY-MM-DD.", at: "start") }
        let (weeks, weeksProblem) = form.number("weeks")
        if let weeksProblem { form.setProblem(weeksProblem, at: "weeks") } else if weeks == nil {
            form.setProblem("Enter how many weeks the plan runs.", at: "weeks")
        }
        let (every, everyProblem) = form.number("every")
        if let everyProblem { form.setProblem(everyProblem, at: "every") } else if every == nil {
            form.setProblem("Enter how often to re-assess (visits or weeks below).", at: "every")
        }
        var unit = 0
        if case .choice(_, let selected)? = form["unit"] { unit = selected }
        var goals: [CareGoal] = []
        var taken = Set((original?.goals ?? []).map(\.id))
        for i in 0..<Self.goalSlots {
            let text = form.text("goal\(i)").trimmed
            let by = form.text("by\(i)").trimmed
            if text.isEmpty {
                if !by.isEmpty { form.setProblem("Write the goal this date belongs to.", at: "goal\(i)") }
                continue
            }
            let parts = by.split(separator: " ").map(String.init)
            let target = parts.first.flatMap(CalendarDate.init(parsing:))
            var met: CalendarDate?
            var readable = target != nil && (parts.count == 1 || parts.count == 3)
            if parts.count == 3 {
                met = parts[1].lowercased() == "met" ? CalendarDate(parsing: parts[2]) : nil
                readable = readable && met != nil
            }
            guard readable, let target else {
                form.setProblem("Give the target date, e.g. 2027-01-15; once met, add “met” and the day: 2027-01-15 met 2026-12-20.", at: "by\(i)")
                continue
            }
            let key = Self.key(for: text, slot: i, original: original?.goals ?? [], taken: taken)
            taken.insert(key)
            goals.append(CareGoal(id: key, text: text, target: target, met: met))
        }
        guard let start, let weeks, let every, form.fields.allSatisfy({ $0.problem == nil }) else { return nil }
        let plan = PlanOfCare(start: start, goals: goals, frequency: form.text("frequency").trimmed, durationWeeks: weeks,
                              reassessment: unit == 1 ? .weeks(every) : .visits(every))
        let problems = plan.problems()
        for problem in problems {
            let field = problem.contains("weeks") && !problem.contains("Re-assess") ? "weeks"
                : problem.contains("Re-assess") ? "every" : problem.contains("frequency") ? "frequency" : "goal0"
            form.setProblem(problem, at: field)
        }
        return problems.isEmpty ? plan : nil
    }

    func save(_ env: ScreenEnvironment) -> Bool {
        subject.save(plan(), original: original, form: &form, env) { records, value in
            try records.save(value, for: client.id)
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        env.app.renderForm(form, title: "Plan of care · \(client.name)", into: &canvas, rect)
    }
}
