import Foundation
import KneadCore

/// What a returning client said and was asked at their last visit, offered at the start of the
/// next one so that "unchanged" is one key instead of a form typed again from blank.
struct LastVisit: Equatable {
    /// When the last visit started.
    var startedAt: Date
    /// Its assessment: complaint, onset, what makes it worse and better, regions, goals,
    /// screening answers, pressure preference.
    var assessment: Assessment

    /// The client's most recent earlier session that has an assessment, if any.
    static func find(for client: ClientID, before current: SessionID, in records: PracticeRecords,
                     journal: SessionJournal) throws -> LastVisit? {
        let earlier = try records.visits(of: client)
            .filter { $0.id != current && $0.phase != .assessment }
            .sorted { $0.startedAt > $1.startedAt }
        for visit in earlier.prefix(5) {
            let state = SessionState(id: visit.id, replaying: try journal.events(of: visit.id))
            if let assessment = state.assessment, state.rescheduled == nil {
                return LastVisit(startedAt: visit.startedAt, assessment: assessment)
            }
        }
        return nil
    }

    /// Today's assessment started from the last visit's: what the client confirms as unchanged.
    /// Conditions and medications come from the health history just reviewed, never from here;
    /// consent is asked again every visit, and fields already filled today are kept.
    func carried(into today: Assessment) -> Assessment {
        var next = today
        let last = assessment
        if next.chiefComplaint.isEmpty { next.chiefComplaint = last.chiefComplaint }
        if next.onset.isEmpty { next.onset = last.onset }
        if next.worseWith.isEmpty { next.worseWith = last.worseWith }
        if next.betterWith.isEmpty { next.betterWith = last.betterWith }
        if next.painfulRegions.isEmpty { next.painfulRegions = last.painfulRegions }
        if next.goals.isEmpty { next.goals = last.goals }
        // Questions not answered today take the last visit's answers; answers derived from the
        // record are worked out again from today's record.
        next.screening.confirmUnchanged(from: last.screening)
        if next.cautionRegions.isEmpty { next.cautionRegions = last.cautionRegions }
        if next.avoidRegions.isEmpty { next.avoidRegions = last.avoidRegions }
        next.pressurePreference = today == Assessment() ? last.pressurePreference : today.pressurePreference
        return next
    }

    /// One line for the history review: what "unchanged" will carry over.
    func summary(formatting: Formatting) -> String {
        var parts: [String] = []
        let complaint = assessment.chiefComplaint.split(separator: "\n").first.map(String.init) ?? ""
        if !complaint.isEmpty { parts.append("\"\(complaint)\"") }
        if !assessment.painfulRegions.isEmpty {
            parts.append(assessment.painfulRegions.map { "\($0.region.shortName) \($0.score.value)" }.joined(separator: ", "))
        }
        let goals = assessment.goals.split(separator: "\n").first.map(String.init) ?? ""
        if !goals.isEmpty { parts.append("goals: \(goals)") }
        let answered = assessment.screening.responses.filter { $0.derivedFrom == nil }.count
        if answered > 0 { parts.append("\(answered) screening answers") }
        return "Last visit \(formatting.date(startedAt)): " + (parts.isEmpty ? "nothing recorded" : parts.joined(separator: " · "))
    }
}
