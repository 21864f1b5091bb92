import Foundation
import KneadCore

/// The client's health history at the start of a session, to confirm or update with one key;
/// a returning client's last visit can be confirmed unchanged with it.
final class HistoryReviewScreen: Screen {
    let id = ScreenID.historyReview
    /// The record whose health history is being reviewed.
    var record: ClientRecord
    /// When the record was last changed, if ever.
    var updatedAt: Date?
    /// A returning client's last visit, offered on the review (see ``LastVisit``).
    var lastVisit: LastVisit?

    init(_ state: SessionState, client: Client, _ env: ScreenEnvironment) {
        do {
            record = try env.journal.clientRecord(client.id) ?? ClientRecord(client: client)
            updatedAt = try env.journal.recordVersions(of: client.id).last?.at
            lastVisit = try env.records.flatMap { try LastVisit.find(for: client.id, before: state.id, in: $0, journal: env.journal) }
        } catch {
            record = ClientRecord(client: client)
            updatedAt = nil
            lastVisit = nil
            env.say("Could not read the client's record: \(error)", .error)
        }
    }

    var title: String { "Health history" }
    var keyContext: KeyContext { .historyReview }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .confirmHistory: confirm(record.history, updated: false, env)
        case .confirmLastVisit: confirm(record.history, updated: false, carrying: lastVisit, env)
        case .updateHistory:
            env.show(ClientRecordScreen(record, isNew: false, focus: "conditions") { [self] saved, env in
                if let saved { confirm(saved.history, updated: true, env) } else { env.show(self) }
            })
            env.logAccess(.record, client: record.id)
        case .acknowledgeRedFlags: env.acknowledgeRedFlags()
        case .back: env.closeSession()
        default: break
        }
    }

    /// Records the history as reviewed for this session and moves on to the assessment, which starts
    /// from the history's conditions and medications.
    ///
    /// With `carrying`, a returning client's last visit (complaint, onset, regions, goals, screening
    /// answers) starts today's assessment: what they confirmed as unchanged is not typed again.
    func confirm(_ history: HealthHistory, updated: Bool, carrying last: LastVisit? = nil, _ env: ScreenEnvironment) {
        guard env.execute(.reviewHistory(history)) == nil, let state = env.session else {
            env.show(self)
            return
        }
        var assessment = state.assessment ?? Assessment()
        if assessment.conditions.isEmpty { assessment.conditions = history.conditions }
        if assessment.medications.isEmpty { assessment.medications = history.medications }
        if let last { assessment = last.carried(into: assessment) }
        if assessment != (state.assessment ?? Assessment()) { env.execute(.recordAssessment(assessment)) }
        env.showSessionScreen()
        if let last {
            env.say("History and last visit (\(env.formatting.date(last.startedAt))) confirmed unchanged: "
                    + "complaint, regions, goals and screening answers carried over. Change what is different today.")
            return
        }
        env.say(updated ? "History updated and confirmed. Now the assessment; \(env.keyLabel(.save, in: .form)) begins treatment."
                        : "History confirmed unchanged. Now the assessment; \(env.keyLabel(.save, in: .form)) begins treatment.")
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        Box("Health history · review it with the client").draw(body, into: &canvas)
        let formatting = env.formatting
        let x = body.x + 2
        let valueX = x + 22
        let valueWidth = body.maxX - 2 - valueX
        var y = body.y + 2
        let today = CalendarDate(env.now, in: env.settings.timeZone)
        func row(_ label: String, _ value: String, role: StyleRole = .normal) {
            guard y < body.maxY - 5 else { return }
            canvas.put(label, x: x, y: y, role: .muted, maxWidth: 21)
            let lines = value.isEmpty ? ["—"] : value.split(separator: "\n").map(String.init)
            for line in lines where y < body.maxY - 5 {
                canvas.put(line, x: valueX, y: y, role: value.isEmpty ? .muted : role, maxWidth: valueWidth)
                y += 1
            }
        }
        let h = record.history
        var who = record.client.displayName
        if let born = record.dateOfBirth { who += " · born \(born), \(born.years(until: today))" }
        row("Client", who, role: .title)
        row("Physician", record.physician)
        row("Conditions", h.conditions)
        row("Medications", h.medications)
        let thinners = BloodThinners.standard.found(in: h.medications)
        if !thinners.isEmpty {
            row("", "▲ thins the blood (\(thinners.joined(separator: ", "))): deep pressure asks first", role: .warning)
        }
        row("Allergies", h.allergies)
        row("Surgeries, injuries", h.surgeriesAndInjuries.map(\.line).joined(separator: "\n"))
        row("Pregnant", h.pregnancy.label, role: h.pregnancy == .yes ? .warning : .normal)
        if let lastVisit {
            canvas.put(lastVisit.summary(formatting: formatting), x: x, y: body.maxY - 4, role: .normal, maxWidth: body.width - 4)
        }
        let updated = updatedAt.map { "Record last updated \(formatting.date($0))." } ?? "Record never updated."
        canvas.put(updated, x: x, y: body.maxY - 3, role: .muted, maxWidth: body.width - 4)
        let (unchanged, update) = (env.keyLabel(.confirmHistory, in: .historyReview), env.keyLabel(.updateHistory, in: .historyReview))
        let allUnchanged = env.keyLabel(.confirmLastVisit, in: .historyReview)
        canvas.put(h.isEmpty ? "No health history yet: press \(update) to take it now, or \(unchanged) to go on without."
                   : lastVisit != nil ? "Anything changed? \(unchanged): history unchanged · \(allUnchanged): last visit too · \(update): update"
                   : "Has anything changed? \(unchanged): no, unchanged · \(update): update it.",
                   x: x, y: body.maxY - 2, role: .accent, maxWidth: body.width - 4)
        return nil
    }
}

extension KneadApp {
    /// Shows the client's health history at the start of a session, to confirm or update with one key.
    func startHistoryReview(for state: SessionState) {
        guard let client = state.client else { return }
        show(HistoryReviewScreen(state, client: client, environment))
    }
}
