import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The client directory, the record form, the health-history review and screening.
@Suite("Client records and screening screens")
struct ClientScreensTests {
    func snap(_ f: AppFixture, _ name: String) {
        for (w, h) in [(80, 24), (120, 40)] { assertSnapshot(f.frame(w, h), named: "\(name)-\(w)x\(h)") }
    }

    /// From Today (resume declined): a session with the sample client found by `search`, history confirmed.
    func startSession(_ f: AppFixture, search: String) {
        f.press(.character("n"), .character("n"))
        f.type(search)
        f.press(.enter)
    }

    @Test func clientListSortsAndFinds() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("c"))
        #expect(f.app.screen == .clients)
        snap(f, "clients")
        f.type("612 345")                // Majo's phone, spaced differently from the record
        #expect((f.app.current as? ClientsScreen)?.rows.map(\.client.name) == ["María José García"])
        f.press(.function(21))            // an unbound key changes nothing
        #expect(f.app.screen == .clients)
    }

    @Test func recordForm() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("c"))
        f.type("amira")
        f.press(.enter)
        #expect(f.app.screen == .clientRecord)
        snap(f, "client-record")
    }

    @Test func aBadRecordIsRefusedAtItsFieldsAndNothingIsSaved() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("c"), .function(5))
        f.press(.tab, .tab)
        f.type("2023-02-29")
        f.press(.tab)
        f.type("call\u{1B}[2J me")           // an escape sequence pasted into a field
        f.press(.function(2))
        #expect(f.app.screen == .clientRecord)
        let text = f.frame(100, 30).canvas.text
        #expect(text.contains("A client needs a name."))
        #expect(text.contains("“2023-02-29” is not a date"))
        #expect(!text.contains("\u{1B}"))
        #expect(try f.journal.clientRecords(includingArchived: true).count == SamplePractice.records.count)
        snap(f, "client-record-problems")
    }

    @Test func aNewClientIsSavedAndFound() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("c"))
        f.type("Søren")
        f.press(.function(5))               // the typed name starts the new record
        f.type(" Kierkegaard")
        f.press(.tab, .tab)
        f.type("1813-05-05")                // too long ago
        f.press(.function(2))
        #expect(f.app.screen == .clientRecord)
        f.press(.backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace,
                .backspace, .backspace)
        f.type("1983-05-05")
        f.press(.tab)
        f.type("+45 33 12 34 56")
        f.press(.function(2))
        #expect(f.app.screen == .clients)
        let saved = try #require(try f.journal.clientRecords(includingArchived: false).first { $0.client.name == "Søren Kierkegaard" })
        #expect(saved.dateOfBirth == CalendarDate(year: 1983, month: 5, day: 5))
        #expect(saved.phone == "+45 33 12 34 56")
    }

    @Test func archivingHidesAClientFromNewSessionsAndRestoringBringsThemBack() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("c"))
        f.type("tom")
        f.press(.function(8))
        #expect(try f.journal.clientRecord(ClientID("demo-tom"))?.archived == true)
        // The list of the same typed text follows: archived, Tom goes from it at once.
        #expect((f.app.current as? ClientsScreen)?.rows.contains { $0.client.id == ClientID("demo-tom") } == false)
        f.press(.function(6))
        #expect((f.app.current as? ClientsScreen)?.rows.contains { $0.client.id == ClientID("demo-tom") } == true)
        f.press(.function(6))
        #expect((f.app.current as? ClientsScreen)?.rows.contains { $0.client.id == ClientID("demo-tom") } == false)
        f.press(.escape, .character("n"))
        #expect(f.app.picker?.clients.contains { $0.id == ClientID("demo-tom") } == false)
        f.press(.escape, .character("c"), .function(6))
        f.type("tom")
        #expect(f.frame(80, 24).canvas.text.contains("Tom O'Brien (archived)"))
        f.press(.function(8))
        #expect(try f.journal.clientRecord(ClientID("demo-tom"))?.archived == false)
    }

    @Test func aReturningClientsLastVisitIsConfirmedWithOneKey() throws {
        let f = try AppFixture()
        startSession(f, search: "tom")
        #expect(f.app.screen == .historyReview)
        let shown = f.frame(100, 30).canvas.text
        #expect(shown.contains("Last visit 17 Nov 2026: \"My lower back seizes up after long drives.\"") || shown.contains("Last visit"))
        #expect(shown.contains("a: last visit too"))
        f.press(.character("a"))                // one key: history and last visit unchanged
        #expect(f.app.screen == .assessment)
        let assessment = try #require(f.app.session?.assessment)
        #expect(assessment.chiefComplaint == "My lower back seizes up after long drives.")
        #expect(assessment.goals == "Drive without stopping")
        #expect(assessment.painfulRegions.map(\.region) == [Region(.lowBack, .left)!, Region(.lumbarSpine, .midline)!])
        #expect(assessment.medications == SamplePractice.records[2].history.medications, "medications come from today's history")
        #expect(assessment.consent == false, "consent is asked again at every visit")
        #expect(f.frame(80, 24).canvas.text.contains("carried over"))
    }

    @Test func enterConfirmsTheHistoryOnlyAndStartsTheAssessmentBlank() throws {
        let f = try AppFixture()
        startSession(f, search: "tom")
        f.press(.enter)
        #expect(f.app.screen == .assessment)
        #expect(f.app.session?.assessment?.chiefComplaint ?? "" == "")
    }

    @Test func historyReviewShowsTheRecordAndConfirmsWithOneKey() throws {
        let f = try AppFixture()
        startSession(f, search: "amira")
        #expect(f.app.screen == .historyReview)
        snap(f, "history-review")
        f.press(.enter)
        #expect(f.app.screen == .assessment)
        let state = try #require(f.app.session)
        #expect(state.reviewedHistory?.value == SamplePractice.records[3].history)
        #expect(state.assessment?.medications == "Apixaban 5 mg twice daily", "the assessment starts from the history")
        #expect(state.isCautionRegion(Region(.neck, .left)!), "apixaban alone raises the deep-pressure caution")
        snap(f, "assessment-blood-thinner")
    }

    @Test func updatingTheHistoryKeepsTheOldVersionAndRecordsTheReview() throws {
        let f = try AppFixture()
        startSession(f, search: "lena")
        f.press(.character("e"))
        #expect(f.app.screen == .clientRecord)
        f.press(.tab)                       // conditions → medications
        f.press(.end)
        f.type(", clopidogrel 75 mg")
        f.press(.function(2))
        #expect(f.app.screen == .assessment)
        let id = ClientID("demo-lena")
        #expect(try f.journal.recordVersions(of: id).map(\.value.history.medications)
                == ["Alendronate weekly", "Alendronate weekly, clopidogrel 75 mg"])
        let sessionID = try #require(f.app.session?.id)
        let kinds = try f.journal.events(of: sessionID).map(\.change.kind)
        #expect(kinds.prefix(2) == ["started", "historyReviewed"])
    }

    /// Tabs from the complaint to the screening field of the assessment form.
    func toScreening(_ f: AppFixture) {
        for _ in 0..<7 { f.press(.tab) }
    }

    @Test func screeningAnswersRaiseFindingsThatNameTheirCause() throws {
        let f = try AppFixture()
        startSession(f, search: "tom")
        f.press(.enter)
        toScreening(f)
        for _ in 0..<8 { f.press(.down) }   // Open wound
        f.press(.character("y"), .function(3))
        f.type("l forearm")
        f.press(.enter)
        #expect(f.frame(80, 24).canvas.text.contains("▲ Avoid L forearm — Open wound: yes (L forearm)"))
        for _ in 0..<11 { f.press(.down) }   // Saddle anaesthesia
        f.press(.character("y"))
        snap(f, "screening-red-flag")
        #expect(f.frame(80, 24).canvas.text.contains("⚑ Same-day emergency care: Saddle anaesthesia: yes"))
        f.press(.function(7))
        #expect(!f.frame(80, 24).canvas.text.contains("⚑ Same-day emergency care:"))
        #expect(f.app.session?.acknowledgedRedFlags == ["Saddle anaesthesia: yes"])
    }

    @Test func aWholeBodyContraindicationAsksForAnOverrideOrAReschedule() throws {
        let f = try AppFixture()
        startSession(f, search: "tom")
        f.press(.enter)
        toScreening(f)
        f.press(.character("y"))            // Significant fever
        for _ in 0..<6 { f.press(.tab) }    // screening notes, do not touch, objective, goals, pressure, consent
        f.press(.character("y"), .function(2))
        #expect(f.app.screen == .assessment)
        snap(f, "whole-body-prompt")
        f.press(.character("o"), .enter)    // no reason: refused
        #expect(f.app.session?.phase == .assessment)
        f.type("Fever broke yesterday; physician cleared")
        f.press(.enter)
        #expect(f.app.screen == .treatment)
        #expect(f.app.session?.overrides.first?.value.reason == "Fever broke yesterday; physician cleared")
    }

    @Test func reschedulingSignsTheSessionWithItsReason() throws {
        let f = try AppFixture()
        startSession(f, search: "tom")
        f.press(.enter)
        toScreening(f)
        f.press(.down, .character("y"))     // contagious illness
        for _ in 0..<6 { f.press(.tab) }
        f.press(.character("y"), .function(2), .character("r"))
        f.type("Has the flu; rebooked for Friday")
        f.press(.enter)
        #expect(f.app.session?.phase == .signed)
        #expect(f.app.session?.rescheduled?.value == "Has the flu; rebooked for Friday")
        #expect(f.app.screen == .note)
    }
}
