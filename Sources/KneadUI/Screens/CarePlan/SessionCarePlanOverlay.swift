import Foundation
import KneadCore

/// The care plan in a session, opened from the assessment or aftercare: the referral and its
/// warnings, the plan's goals (a digit names the one this session works toward, so the note
/// names it), and the outcome measures rated so far; `f` rates the PSFS, `p` the PEG.
final class SessionCarePlanOverlay: Overlay {
    let client: Client
    /// The client's referral, plan and earlier sessions, read when the window opened.
    var plan: ClientCarePlan?

    init(client: Client, plan: ClientCarePlan?) {
        self.client = client
        self.plan = plan
    }

    var keyContext: KeyContext { .carePlan }

    var goals: [CareGoal] { plan?.plan?.goals ?? [] }

    func bindings(_ env: ScreenEnvironment) -> [Binding] {
        env.keymap.bindings(in: .carePlan).filter {
            if case .workTowardGoal(let n) = $0.action { return n <= max(1, goals.count) }
            return true
        }
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .back:
            env.pop(self)
        case .ratePSFS:
            env.push(OutcomeRatingOverlay(.psfs, earlier: plan?.lastPSFS(zone: env.settings.timeZone)))
        case .ratePEG:
            env.push(OutcomeRatingOverlay(.peg, earlier: nil))
        case .workTowardGoal(let n):
            guard goals.indices.contains(n - 1) else {
                env.say(goals.isEmpty ? "This client has no plan of care with goals yet; add one from the client record."
                        : "The plan of care has \(goals.count) goal\(goals.count == 1 ? "" : "s").")
                return
            }
            let goal = goals[n - 1]
            if env.execute(.workToward(goal)) == nil {
                env.say("This session works toward “\(goal.text)”; the note names it.")
            }
        default: break
        }
    }

    /// The window's lines, each with its style.
    func lines(_ env: ScreenEnvironment, width: Int) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        let f = env.formatting
        if let referral = plan?.referral {
            var who = "Referral: \(referral.clinician.name)"
            if !referral.clinician.practice.trimmed.isEmpty { who += ", \(referral.clinician.practice)" }
            lines.append((who + " · \(referral.diagnosis.code) \(referral.diagnosis.text)", .normal))
            if let status = plan?.status {
                var visits = "Visits: \(status.visitsUsed) of \(referral.visits) used, \(status.visitsRemaining ?? 0) left"
                if let expires = referral.expires { visits += " · until \(expires)" }
                lines.append((visits, .normal))
            }
        } else {
            lines.append(("No referral on file (\(env.keyLabel(.editReferral, in: .carePlanRecord)) in the client record adds one).", .muted))
        }
        for line in plan?.warningLines(session: env.session?.id) ?? [] {
            lines += wrap(line.0, width: width).map { ($0, line.1) }
        }
        lines.append(("", .normal))
        let worked = Set(env.session?.goalsWorkedOn ?? [])
        if goals.isEmpty {
            lines.append(("No plan of care with goals (\(env.keyLabel(.editPlanOfCare, in: .carePlanRecord)) in the client record adds one).", .muted))
        } else {
            lines.append(("Goals: the number names the one this session works toward", .muted))
            for (i, goal) in goals.enumerated() {
                let key = bindings(env).first { $0.action == .workTowardGoal(i + 1) }?.keys.first?.label ?? "\(i + 1)"
                let mark = worked.contains(goal.id) ? "✓" : " "
                var line = "\(key) \(mark) \(goal.text) · by \(goal.target)"
                if let met = goal.met { line += " · met \(met)" }
                lines.append((line, worked.contains(goal.id) ? .success : .normal))
            }
        }
        lines.append(("", .normal))
        let outcomes = env.session?.outcomes ?? []
        if outcomes.isEmpty {
            lines.append(("No PSFS or PEG rated in this session yet.", .muted))
        } else {
            for outcome in outcomes {
                lines.append(("\(f.time(outcome.at))  " + OutcomeText.line(outcome.value), .normal))
            }
        }
        return lines
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let width = min(110, rect.width - 4)
        let content = lines(env, width: width - 4)
        let keys = "\(env.keyLabel(.ratePSFS, in: .carePlan)) PSFS   \(env.keyLabel(.ratePEG, in: .carePlan)) PEG   "
            + (goals.isEmpty ? "" : "1–\(goals.count) goal   ") + "\(env.keyLabel(.back, in: .carePlan)) close"
        let box = env.centered(width: width, height: min(rect.height - 4, content.count + 4))
        canvas.fill(box)
        Box("Care plan · \(client.name)", role: .accent).draw(box, into: &canvas)
        let rows = box.height - 4
        for (i, line) in content.prefix(rows).enumerated() {
            canvas.put(line.0, x: box.x + 2, y: box.y + 1 + i, role: line.1, maxWidth: box.width - 4)
        }
        canvas.put(keys, x: box.x + 2, y: box.maxY - 2, role: .hint, maxWidth: box.width - 4)
        return nil
    }
}

/// Outcome measures as one line of text, as the care plan window and the history show them.
enum OutcomeText {
    static func line(_ measure: OutcomeMeasure) -> String {
        switch measure {
        case .psfs(let rating):
            String(format: "PSFS mean %.1f: ", rating.mean) + rating.activities.map { "\($0.activity) \($0.score)" }.joined(separator: "; ")
        case .peg(let rating):
            String(format: "PEG %.1f: pain %d, enjoyment %d, general activity %d", rating.mean, rating.pain, rating.enjoyment, rating.generalActivity)
        }
    }
}

extension KneadApp {
    /// Opens the care plan window of the session on screen.
    func openSessionCarePlan() {
        guard let state = session, let client = state.client else { return }
        guard state.phase != .signed else {
            status = StatusMessage(text: "The note is signed; outcome measures and goals go in before signing.", kind: .info)
            return
        }
        status = nil
        overlays.append(SessionCarePlanOverlay(client: client, plan: loadCarePlan(of: client.id, on: carePlanToday, evenWithout: true)))
    }
}
