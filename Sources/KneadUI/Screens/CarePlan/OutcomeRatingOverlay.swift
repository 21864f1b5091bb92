import Foundation
import KneadCore

/// Rates an outcome measure in the session: the PSFS (up to five activities the client names,
/// each 0–10; at a re-assessment the earlier activities are offered with their earlier scores)
/// or the PEG (three items, 0–10). Saved as one event through the session; Esc leaves (it
/// records a complete rating first, and asks for a second Esc before dropping one that is not).
final class OutcomeRatingOverlay: Overlay {
    enum Instrument { case psfs, peg }

    let instrument: Instrument
    var form: Form
    /// The PSFS rated before, whose activities are offered.
    let earlier: (day: CalendarDate, rating: PSFSRating)?
    /// Set after an Esc that could not record the rating: the next Esc leaves without it.
    var leaving = false

    static let activities = 5

    init(_ instrument: Instrument, earlier: (day: CalendarDate, rating: PSFSRating)?) {
        self.instrument = instrument
        self.earlier = earlier
        switch instrument {
        case .psfs:
            var fields: [FormField] = []
            let offered = earlier?.rating.activities ?? []
            for i in 0..<Self.activities {
                let before = offered.indices.contains(i) ? offered[i] : nil
                fields.append(FormField("a\(i)", "Activity \(i + 1)", .text(TextField(before?.activity ?? "", limit: 80))))
                fields.append(FormField("s\(i)", before.map { "  score (was \($0.score))" } ?? "  score 0–10",
                                        .number(TextField(limit: 2), range: 0...10)))
            }
            form = Form(fields)
            if !offered.isEmpty, let i = form.fields.firstIndex(where: { $0.id == "s0" }) { form.focus = i }
        case .peg:
            form = Form([
                FormField("pain", "Pain on average", .number(TextField(limit: 2), range: 0...10)),
                FormField("enjoyment", "Enjoyment of life", .number(TextField(limit: 2), range: 0...10)),
                FormField("activity", "General activity", .number(TextField(limit: 2), range: 0...10)),
            ])
        }
    }

    var keyContext: KeyContext { .form }

    func bindings(_ env: ScreenEnvironment) -> [Binding] { CarePlanFormKeys.bindings(env, form: form) }

    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        let used = CarePlanFormKeys.handle(key, &form, env)
        if used { leaving = false }
        return used
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .nextField: form.focusNext()
        case .previousField: form.focusPrevious()
        case .save: if record(env) { env.pop(self) }
        case .back:
            if !form.isDirty || leaving {
                if form.isDirty { env.say("The \(name) was not recorded.") }
                env.pop(self)
            } else if record(env) {
                env.pop(self)
            } else {
                leaving = true
                env.say("The \(name) is not complete (marked). \(env.keyLabel(.back, in: .form)) again leaves without recording it.", .warning)
            }
        default: break
        }
    }

    var name: String { instrument == .psfs ? "PSFS" : "PEG" }

    /// The measure the form holds, or nil after marking what is missing.
    func measure() -> OutcomeMeasure? {
        form.clearProblems()
        switch instrument {
        case .psfs:
            var activities: [PSFSActivity] = []
            for i in 0..<Self.activities {
                let activity = form.text("a\(i)").trimmed
                let (score, problem) = form.number("s\(i)")
                if let problem { form.setProblem(problem, at: "s\(i)"); continue }
                if activity.isEmpty {
                    if score != nil { form.setProblem("Name the activity this score rates.", at: "a\(i)") }
                    continue
                }
                guard let score else {
                    form.setProblem("Rate it from 0 (unable to do it) to 10 (as before the problem).", at: "s\(i)")
                    continue
                }
                activities.append(PSFSActivity(activity: activity, score: score))
            }
            if form.fields.allSatisfy({ $0.problem == nil }), activities.isEmpty {
                form.setProblem("Name an activity the client finds hard to do, in their words.", at: "a0")
            }
            guard form.fields.allSatisfy({ $0.problem == nil }) else { return nil }
            return .psfs(PSFSRating(activities: activities))
        case .peg:
            var items: [Int] = []
            for id in ["pain", "enjoyment", "activity"] {
                let (value, problem) = form.number(id)
                if let problem { form.setProblem(problem, at: id) } else if let value { items.append(value) } else {
                    form.setProblem("Ask the question below and enter 0 to 10.", at: id)
                }
            }
            guard items.count == 3 else { return nil }
            return .peg(PEGRating(pain: items[0], enjoyment: items[1], generalActivity: items[2]))
        }
    }

    /// Records the rating in the session; false (the fields or the status line say why) when it cannot be.
    func record(_ env: ScreenEnvironment) -> Bool {
        guard let measure = measure() else {
            if let first = form.fields.firstIndex(where: { $0.problem != nil }) { form.focus = first }
            env.say("Fix the marked fields; the \(name) is not recorded yet.", .warning)
            return false
        }
        if env.execute(.recordOutcome(measure)) != nil { return false }
        form.isDirty = false
        env.app.carePlans.clear()
        var text = "\(name) recorded: " + String(format: "mean %.1f", measure.mean)
        if case .psfs = measure, let earlier {
            let change = measure.mean - earlier.rating.mean
            text += String(format: " (%+.1f since %@", change, earlier.day.description)
            text += MinimalImportantChange.psfs(from: earlier.rating.mean, to: measure.mean) ? ", a minimal important change)." : ")."
        } else {
            text += "."
        }
        env.say(text)
        return true
    }

    /// The lines above the form: what the scale asks.
    var instructions: [String] {
        switch instrument {
        case .psfs:
            ["Activities the client finds hard to do because of the problem, in their words.",
             "0 = unable to perform the activity · 10 = able to perform it at the level before the problem."]
        case .peg:
            ["In the past week, 0–10: what number best describes the pain on average (0 no pain, 10 as bad as you can imagine)?",
             "How has pain interfered with enjoyment of life, and with general activity (0 does not interfere, 10 completely interferes)?"]
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let width = min(100, rect.width - 2)
        let text = instructions.flatMap { wrap($0, width: width - 4) }
        let formRows = form.fields.reduce(0) { $0 + 2 + ($1.problem == nil ? 0 : 1) }
        let box = env.centered(width: width, height: min(rect.height - 4, text.count + formRows + 3))
        canvas.fill(box)
        let title = instrument == .psfs ? "PSFS · Patient-Specific Functional Scale" : "PEG · pain, enjoyment, general activity"
        Box(title, role: .accent).draw(box, into: &canvas)
        let shownText = Array(text.prefix(max(0, box.height - 6)))
        for (i, line) in shownText.enumerated() {
            canvas.put(line, x: box.x + 2, y: box.y + 1 + i, role: .muted, maxWidth: box.width - 4)
        }
        let top = box.y + 2 + shownText.count
        return form.render(into: &canvas, rect: Rect(x: box.x + 2, y: top, width: box.width - 4, height: box.maxY - 1 - top),
                           labelWidth: 20)
    }
}
