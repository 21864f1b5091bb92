import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// A whole session driven by keys through the app, checked against what the journal holds.
@Suite("Session flow by keys")
struct SessionFlowTests {
    func startNewSession(_ f: AppFixture, name: String = "Zoë Ångström") {
        f.press(.character("n"))
        f.type(name)
        f.press(.enter)                 // the session starts with the client's health history
        f.press(.enter)                 // confirmed as it is
    }

    @Test func aWholeSessionFromAssessmentToASignedNote() throws {
        let f = try AppFixture(seeded: false)
        startNewSession(f)
        #expect(f.app.screen == .assessment)
        f.type("Low back aches after gardening")
        f.press(.tab, .tab, .tab, .tab, .enter)  // onset, worse, better; painful regions: open the finder
        f.type("l low")
        f.press(.enter)
        f.type("7")                     // score
        f.press(.tab)
        f.type("Mild hypertension")
        f.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab)  // medications, screening, notes, do not touch, objective, goals, pressure
        f.press(.tab)                   // consent
        f.press(.character(" "))
        f.press(.function(2))
        // No screening answered: treatment does not begin before the therapist says why.
        #expect(f.app.screen == .assessment)
        #expect(f.frame(80, 24).canvas.text.contains("Not screened today?"))
        f.press(.enter)                 // no reason: refused, still asking
        #expect(f.app.session?.phase == .assessment)
        f.type("Screened by phone yesterday")
        f.press(.enter)
        #expect(f.app.screen == .treatment)
        #expect(f.app.session?.screeningSkipped?.value == "Screened by phone yesterday")

        // Highlight starts on the first painful region; work there, log pain, change things.
        f.press(.enter)
        f.type("6")
        f.press(.character("t"), .character("m"))
        f.press(.character("+"))
        f.press(.character("n"))
        f.type("Trigger point L QL refers to hip")
        f.press(.enter)
        f.press(.character("x"))
        f.press(.character("a"), .character("y"))
        #expect(f.app.screen == .aftercare)

        f.type("3")
        f.press(.tab)                   // the worked region's pain after
        f.type("2")
        f.press(.tab, .character("1"), .tab)  // advice: its own key ticks the first item
        f.type("Cat-cow, twice daily")
        f.press(.tab, .tab, .tab)       // heat or cold, self-care, plan
        f.type("Weekly for four weeks")
        f.press(.function(2))
        #expect(f.app.screen == .note)
        #expect(f.frame(80, 24).canvas.text.contains("Note preview"))
        f.press(.character("s"), .character("y"))

        let id = try #require(f.app.session?.id)
        let events = try f.journal.events(of: id)
        let kinds = events.map(\.change.kind)
        // Forms are saved as they change, so assessment and aftercare may be recorded more than once.
        #expect(kinds.filter { $0 != "assessed" && $0 != "aftercareRecorded" } == [
            "started", "historyReviewed", "screeningSkipped", "treatmentBegan", "workStarted", "checkedIn", "techniqueChanged", "pressureChanged",
            "noted", "checkedIn", "workEnded", "treatmentEnded", "signed",
        ])
        #expect(kinds.contains("assessed") && kinds.contains("aftercareRecorded"))
        let state = SessionState(id: id, replaying: events)
        #expect(state.phase == .signed)
        #expect(state.assessment?.chiefComplaint == "Low back aches after gardening")
        #expect(state.assessment?.painfulRegions == [RegionPain(region: Region(.lowBack, .left)!, score: PainScore(7)!)])
        #expect(state.checkIns.map(\.value.score.value) == [6, 10])
        #expect(state.checkIns.allSatisfy { $0.value.region == Region(.lowBack, .left) })
        #expect(state.segments.last?.work.technique == Technique("myofascial-release"))
        #expect(state.segments.last?.work.pressure == .deep)
        #expect(state.notes.map(\.value) == ["Trigger point L QL refers to hip"])
        #expect(state.aftercare?.postPain == PainScore(3))
        #expect(state.aftercare?.advice == [Aftercare.standardAdvice[0]])
        #expect(state.aftercare?.plan == "Weekly for four weeks")
        #expect(state.aftercare?.regionPain == [RegionPain(region: Region(.lowBack, .left)!, score: PainScore(2)!)])
        #expect(state.aftercare?.homeCare == "Cat-cow, twice daily")
        #expect(state.signature?.value.by == "Sam Rivera, LMT")
        // What was on screen is what the journal holds.
        #expect(f.app.session == state)
    }

    @Test func treatmentCannotBeginWithoutConsent() throws {
        let f = try AppFixture(seeded: false)
        startNewSession(f)
        f.type("Neck")
        f.press(.function(2))
        #expect(f.app.screen == .assessment)
        #expect(f.frame(80, 24).canvas.text.contains("consent"))
        let id = try #require(f.app.session?.id)
        #expect(try f.journal.events(of: id).map(\.change.kind).contains("treatmentBegan") == false)
    }

    @Test func aSignedNoteCannotBeSignedAgainButCanBeAmended() throws {
        let f = try AppFixture()
        f.press(.character("n"), .enter)   // decline resume; open Majo's signed note
        #expect(f.app.session?.phase == .signed)
        let id = try #require(f.app.session?.id)
        let before = try f.journal.events(of: id).count
        f.press(.character("s"))
        #expect(f.frame(80, 24).canvas.text.contains("already signed"))
        f.press(.character("m"))
        #expect(f.app.screen == .amendment)
        f.press(.function(2))               // empty: refused at the field
        #expect(f.app.screen == .amendment)
        #expect(try f.journal.events(of: id).count == before)
        f.type("Wrong side recorded")
        f.press(.tab)
        f.type("The trigger point was on the left, not the right.")
        f.press(.function(2))
        #expect(f.app.screen == .note)
        #expect(try f.journal.events(of: id).count == before + 1)
        let text = f.frame(120, 40).canvas.text
        #expect(text.contains("Signed by Sam Rivera"))
        #expect(text.contains("Amendment 1 by Sam Rivera, LMT at 2026-11-18 11:06 — reason: Wrong side recorded"))
        #expect(text.contains("The trigger point was on the left, not the right."))
        // The original stays readable above it.
        f.press(.pageUp, .pageUp, .pageUp)
        #expect(f.frame(120, 40).canvas.text.contains("Complaint: \"Tension headaches by the end of the work day.\""))
    }

    @Test func deepPressureOnAFlaggedRegionAsksFirstAndIsRecorded() throws {
        let f = try AppFixture()
        f.press(.character("y"))            // resume Amira, working the flagged left gluteals at 3
        f.press(.character("+"))
        #expect(f.frame(80, 24).canvas.text.contains("Takes a blood thinner: apixaban (medications)"))
        f.press(.character("n"))            // declined: nothing changes
        #expect(f.app.session?.activeWork?.pressure == .swedish)
        f.press(.character("+"), .character("y"))
        #expect(f.app.session?.activeWork?.pressure == .deep)
        #expect(f.app.session?.activeWork?.cautionConfirmed == true)
        let id = try #require(f.app.session?.id)
        let replayed = SessionState(id: id, replaying: try f.journal.events(of: id))
        #expect(replayed.activeWork?.cautionConfirmed == true)
    }

    @Test func digitsOutsideTreatmentDoNotLogPain() throws {
        let f = try AppFixture()
        f.press(.character("n"))
        f.type("7")
        #expect(f.app.screen == .today)
        let checkIns = try f.journal.unfinishedSessions().map { try f.journal.events(of: $0.id) }
            .flatMap { $0 }.filter { $0.change.kind == "checkedIn" }.count
        #expect(checkIns == 3)  // the sample practice's own
    }

    @Test func terminateSavesTheFormBeingTyped() throws {
        let f = try AppFixture(seeded: false)
        startNewSession(f)
        f.type("Sharp pain in the right knee")
        f.app.handle(.terminate)
        #expect(f.app.isFinished)
        let id = try #require(f.app.session?.id)
        let state = SessionState(id: id, replaying: try f.journal.events(of: id))
        #expect(state.assessment?.chiefComplaint == "Sharp pain in the right knee")
    }

    @Test func theAftercareFormScrollsToItsLastField() throws {
        let f = try AppFixture()
        f.press(.character("n"), .down, .enter)
        for _ in 0..<13 { f.press(.tab) }  // past post, one region, advice, home, heat, self, plan, focus, referral, free, S, O, A
        assertSnapshot(f.frame(80, 24), named: "aftercare-last-field-80x24")
    }
}
