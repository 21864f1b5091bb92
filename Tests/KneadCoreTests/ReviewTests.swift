import Foundation
import Testing
import KneadCore

/// The figures the day review and the client history compute from a session's events.
@Suite("Session summaries, flags, totals and progress")
struct ReviewTests {
    /// A recorded session: start at base, assess at +5 min, treatment from +6 min: left shoulder
    /// effleurage P3 for 10 min, check-in 5; trigger point P4 for 10 min, check-in 3; end; aftercare 2.
    static func recorded(sign: Bool = true, aftercare: Aftercare = Fixture.aftercare) throws -> Session {
        var s = try Session.treating()
        try s.accept(.startWork(Fixture.work(Fixture.leftShoulder)))
        s.advance(600)
        try s.accept(.checkIn(score: 5, region: nil))
        try s.accept(.changeTechnique(Fixture.triggerPoint))
        try s.accept(.changePressure(.deep, confirmed: false))
        s.advance(600)
        try s.accept(.checkIn(score: 3, region: nil))
        try s.accept(.checkIn(score: 2, region: Fixture.leftShoulder))
        try s.accept(.endTreatment)
        s.advance(120)
        var care = aftercare
        care.postPain = Fixture.score(2)
        try s.accept(.recordAftercare(care))
        if sign { try s.accept(.sign(by: "Sam")) }
        return s
    }

    @Test("A signed session: duration, regions, techniques, pain, check-ins, timed minutes, no flags")
    func signedFigures() throws {
        let summary = SessionSummary(try Self.recorded().state)
        #expect(summary.durationSeconds == 1200)   // treatment begun to treatment ended, not the intake
        #expect(summary.durationMinutes == 20)
        #expect(summary.plannedMinutes == 60)
        #expect(summary.regions == [Fixture.leftShoulder])
        #expect(summary.techniques == [Fixture.effleurage, Fixture.triggerPoint])
        #expect(summary.pressures == [.swedish, .deep])
        #expect(summary.painBefore == Fixture.score(6))
        #expect(summary.painAfter == Fixture.score(2))
        #expect(summary.painChange == -4)
        #expect(summary.isMeaningfulChange)
        #expect(summary.checkInCount == 3)
        #expect(summary.timedMinutes == 20)
        #expect(summary.billingUnits == 1)  // 10 min of 97124 and 10 of 97140: 20 timed minutes, one unit
        #expect(summary.billing().codes.map(\.code) == ["97124", "97140"])
        #expect(summary.flags.isEmpty)
        #expect(!summary.isUnfinished)
    }

    @Test("Pain drops are credited to the technique and pressure worked longest before them")
    func painDrops() throws {
        let summary = SessionSummary(try Self.recorded().state)
        // 6 → 5 during effleurage P3, 5 → 3 during trigger point P4, 3 → 2 (post) after the end.
        #expect(summary.painDrops == [
            PainDrop(technique: Fixture.effleurage, pressure: .swedish, points: 1),
            PainDrop(technique: Fixture.triggerPoint, pressure: .deep, points: 2),
        ])
    }

    @Test("Flags: unsigned, aftercare missing, deep pressure on a caution region")
    func flags() throws {
        let unsigned = SessionSummary(try Self.recorded(sign: false).state)
        #expect(unsigned.flags == [.unsigned])
        let noAdvice = SessionSummary(try Self.recorded(sign: false, aftercare: Aftercare(plan: "Weekly")).state)
        #expect(noAdvice.flags == [.unsigned, .aftercareMissing])

        var s = try Session.treating()
        try s.accept(.startWork(Fixture.work(Fixture.leftCalf, Fixture.effleurage, .deep, confirmed: true)))
        s.advance(300)
        let deep = SessionSummary(s.state)
        #expect(deep.flags == [.unsigned, .deepPressureDespiteCaution])
        #expect(deep.flags.contains { $0.isClinical })
        // In treatment: no aftercare yet, so it is not missing; duration runs to the last event.
        #expect(deep.durationSeconds == 0)
        #expect(deep.painAfter == nil)
    }

    @Test("Totals add the sessions up; the review lists unfinished sessions first")
    func totalsAndOrder() throws {
        let signed = SessionSummary(try Self.recorded().state)
        var later = try Self.recorded(sign: false)
        later.state = SessionState(id: SessionID("session-2"), replaying: later.state.events.map { event in
            SessionEvent(at: event.at.addingTimeInterval(3600), event.change)
        })
        let open = SessionSummary(later.state)
        let ordered = [signed, open].reviewOrder()
        #expect(ordered.map(\.id) == [SessionID("session-2"), Fixture.sessionID])
        let totals = DayTotals(ordered)
        #expect(totals.sessions == 2)
        #expect(totals.unfinished == 1)
        #expect(totals.minutes == 40)
        #expect(totals.plannedMinutes == 120)
        #expect(totals.timedMinutes == 40)
        #expect(totals.billingUnits == 2)
        #expect(totals.checkIns == 6)
        #expect(totals.meaningfulChanges == 2)
        #expect(totals.flagCounts == [.unsigned: 1])
    }

    @Test("Progress across visits: oldest first, regions by minutes, drop leaders by points")
    func progress() throws {
        let first = SessionSummary(try Self.recorded().state)
        var second = SessionSummary(try Self.recorded().state)
        second.id = SessionID("session-2")
        second.startedAt = first.startedAt.addingTimeInterval(7 * 86_400)
        let progress = ClientProgress(visits: [second, first])
        #expect(progress.visits.map(\.id) == [Fixture.sessionID, SessionID("session-2")])
        #expect(progress.regionsWorkedMost.map(\.region) == [Fixture.leftShoulder])
        #expect(progress.regionsWorkedMost.first?.visits == 2)
        #expect(progress.regionsWorkedMost.first?.seconds == 2400)
        #expect(progress.dropLeaders.first?.technique == Fixture.triggerPoint)
        #expect(progress.dropLeaders.first?.points == 4)
        #expect(progress.dropLeaders.first?.drops == 2)
        #expect(progress.averageChange == -4)
    }

    @Test("Typed dates: YYYY-MM-DD always, MM-DD and DD when allowed; impossible dates refused")
    func typedDates() throws {
        let calendar = ReviewCalendar(timeZone: TimeZone(identifier: "UTC")!)
        let today = Fixture.base  // 2025-06-15
        let day = { (y: Int, m: Int, d: Int) in
            calendar.calendar.date(from: DateComponents(year: y, month: m, day: d))
        }
        #expect(calendar.parse("2024-02-29", today: today) == day(2024, 2, 29))
        #expect(calendar.parse("06-01", today: today, allowShort: true) == day(2025, 6, 1))
        #expect(calendar.parse("3", today: today, allowShort: true) == day(2025, 6, 3))
        #expect(calendar.parse("06-01", today: today) == nil)
        for bad in ["2025-02-29", "2025-13-01", "2025-00-10", "2025-1-32", "yesterday", "", "2025/06/01", "2025-06-01x", "-1"] {
            #expect(calendar.parse(bad, today: today, allowShort: true) == nil, "\(bad)")
        }
        #expect(calendar.day(1, after: today) == day(2025, 6, 16))
        #expect(calendar.span(of: today).to.timeIntervalSince(calendar.span(of: today).from) == 86_400)
    }

    @Test("Search words: letters and digits, lowercased; punctuation separates")
    func searchWords() {
        #expect(NoteSearch("Trigger-point, L4/L5!").words == ["trigger", "point", "l4", "l5"])
        #expect(NoteSearch("  \"*\" OR ").words == ["or"])
        #expect(NoteSearch("손목이 아파요").words == ["손목이", "아파요"])
    }
}

@Suite("Search snippets")
struct NoteSnippetTests {
    func render(_ parts: [NoteSearchHit.Part]) -> String {
        parts.map { $0.isMatch ? "[\($0.text)]" : $0.text }.joined()
    }

    @Test("Matched words are marked: prefix, any case, without accents; lines become one")
    func marks() {
        let parts = NoteSnippet.parts(of: "Crème on the GLUTEUS medius;\nglute tender", matching: ["creme", "glut"])
        #expect(render(parts) == "[Crème] on the [GLUTEUS] medius; [glute] tender")
        #expect(parts.filter(\.isMatch).count == 3)
    }

    @Test("A long text is cut around the first match, with … where it was cut")
    func cut() {
        let text = (1...40).map { "w\($0)" }.joined(separator: " ") + " trigger point " + (41...80).map { "w\($0)" }.joined(separator: " ")
        let snippet = render(NoteSnippet.parts(of: text, matching: ["trigger"], words: 8))
        #expect(snippet == "…w38 w39 w40 [trigger] point w41 w42 w43…")
        #expect(render(NoteSnippet.parts(of: "손목이 아파요 — wrist", matching: ["손목"])) == "[손목이] 아파요 — wrist")
        #expect(render(NoteSnippet.parts(of: "...", matching: ["x"])) == "...")
    }
}
