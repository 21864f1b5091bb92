import Foundation
import KneadCore

extension KneadApp {
    /// Shows the client's health history at the start of a session, to confirm or update with one key.
    func startHistoryReview(for state: SessionState) {
        guard let client = state.client else { return }
        do {
            reviewRecord = try journal.clientRecord(client.id) ?? ClientRecord(client: client)
            reviewUpdatedAt = try journal.recordVersions(of: client.id).last?.at
            lastVisit = try records.flatMap { try LastVisit.find(for: client.id, before: state.id, in: $0, journal: journal) }
        } catch {
            reviewRecord = ClientRecord(client: client)
            reviewUpdatedAt = nil
            lastVisit = nil
            status = StatusMessage(text: "Could not read the client's record: \(error)", kind: .error)
        }
        screen = .historyReview
    }

    func historyReviewAction(_ action: Action) {
        guard let record = reviewRecord else { return }
        switch action {
        case .confirmHistory: confirmHistory(record.history, updated: false)
        case .confirmLastVisit: confirmHistory(record.history, updated: false, carrying: lastVisit)
        case .updateHistory: editRecord(record, isNew: false, returnTo: .historyReview)
        case .acknowledgeRedFlags: acknowledgeRedFlags()
        case .back: closeSession()
        default: break
        }
    }

    /// Records the history as reviewed for this session and moves on to the assessment, which starts
    /// from the history's conditions and medications.
    ///
    /// With `carrying`, a returning client's last visit (complaint, onset, regions, goals, screening
    /// answers) starts today's assessment: what they confirmed as unchanged is not typed again.
    func confirmHistory(_ history: HealthHistory, updated: Bool, carrying last: LastVisit? = nil) {
        guard execute(.reviewHistory(history)) == nil, let state = session else {
            screen = .historyReview
            return
        }
        var assessment = state.assessment ?? Assessment()
        if assessment.conditions.isEmpty { assessment.conditions = history.conditions }
        if assessment.medications.isEmpty { assessment.medications = history.medications }
        if let last { assessment = last.carried(into: assessment) }
        if assessment != (state.assessment ?? Assessment()) { execute(.recordAssessment(assessment)) }
        show(AssessmentScreen(session?.assessment))
        if let last {
            status = StatusMessage(text: "History and last visit (\(formatting.date(last.startedAt))) confirmed unchanged: "
                                   + "complaint, regions, goals and screening answers carried over. Change what is different today.",
                                   kind: .info)
            return
        }
        status = StatusMessage(text: updated ? "History updated and confirmed. Now the assessment; \(keyLabel(.save, in: .form)) begins treatment."
                                             : "History confirmed unchanged. Now the assessment; \(keyLabel(.save, in: .form)) begins treatment.", kind: .info)
    }

    func renderHistoryReview(into canvas: inout Canvas, _ body: Rect) {
        drawBox(body, title: "Health history · review it with the client", into: &canvas)
        guard let record = reviewRecord else { return }
        let x = body.x + 2
        let valueX = x + 22
        let valueWidth = body.maxX - 2 - valueX
        var y = body.y + 2
        let today = CalendarDate(clock.now(), in: settings.timeZone)
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
        let updated = reviewUpdatedAt.map { "Record last updated \(formatting.date($0))." } ?? "Record never updated."
        canvas.put(updated, x: x, y: body.maxY - 3, role: .muted, maxWidth: body.width - 4)
        let (unchanged, update) = (keyLabel(.confirmHistory, in: .historyReview), keyLabel(.updateHistory, in: .historyReview))
        let allUnchanged = keyLabel(.confirmLastVisit, in: .historyReview)
        canvas.put(h.isEmpty ? "No health history yet: press \(update) to take it now, or \(unchanged) to go on without."
                   : lastVisit != nil ? "Anything changed? \(unchanged): history unchanged · \(allUnchanged): last visit too · \(update): update"
                   : "Has anything changed? \(unchanged): no, unchanged · \(update): update it.",
                   x: x, y: body.maxY - 2, role: .accent, maxWidth: body.width - 4)
    }
}
