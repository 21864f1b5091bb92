import Foundation

extension Aftercare {
    /// Aftercare started from what is known, so the therapist confirms instead of typing:
    /// each worked region's "after" pain from its latest check-in, the advice chosen for this
    /// client last time, and the plan from the plan of care, else the last visit's plan.
    ///
    /// The overall pain after treatment is left to ask: it is the client's answer now, not a
    /// guess. Aftercare already recorded for the session is returned as it is.
    public static func draft(for state: SessionState, lastTime previous: Aftercare?, planOfCare: PlanOfCare?) -> Aftercare {
        if let recorded = state.aftercare { return recorded }
        var draft = Aftercare()
        draft.regionPain = state.workedRegions.compactMap { region in
            state.checkIns(for: region).last.map { RegionPain(region: region, score: $0.value.score) }
        }
        draft.advice = previous?.advice ?? []
        if let planOfCare, !planOfCare.frequency.isBlank {
            let end = planOfCare.start.adding(days: planOfCare.durationWeeks * 7)
            draft.plan = "\(planOfCare.frequency.trimmed), plan of care to \(end)"
        } else if let previous, !previous.plan.isBlank {
            draft.plan = previous.plan
        }
        return draft
    }

    /// The aftercare of the client's latest earlier visit that recorded one (signed or not,
    /// rescheduled visits left out), or nil for a first visit.
    public static func lastTime(for client: ClientID, before current: SessionID, records: PracticeRecords,
                                journal: SessionJournal) throws -> Aftercare? {
        let earlier = try records.visits(of: client)
            .filter { $0.id != current && $0.phase >= .aftercare }
            .sorted { $0.startedAt > $1.startedAt }
        for visit in earlier.prefix(5) {
            let state = SessionState(id: visit.id, replaying: try journal.events(of: visit.id))
            if let care = state.aftercare, state.rescheduled == nil { return care }
        }
        return nil
    }
}
