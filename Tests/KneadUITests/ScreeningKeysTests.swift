import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The screening field's keys: `y`/`n` answer and move on, `N` answers "no" to the rest of a
/// group, and the red-flag banner inside the frame.
@Suite("Screening keys and the red-flag banner")
struct ScreeningKeysTests {
    /// A new client's session, on the screening field of the assessment form.
    func newClientOnScreening(_ f: AppFixture) {
        f.press(.character("n"))
        f.type("Zoë Ångström")
        f.press(.enter, .enter)         // the new client's record, the history confirmed
        for _ in 0..<7 { f.press(.tab) }  // complaint … medications, to the screening field
    }

    /// The screening answers and the cursor of the focused field.
    func screeningField(_ f: AppFixture) throws -> (Screening, ScreeningCatalog, Int) {
        guard case .screening(let screening, let catalog, let cursor) = f.app.assessmentForm.focused.value else {
            Issue.record("the screening field has no focus")
            throw CancellationError()
        }
        return (screening, catalog, cursor)
    }

    @Test func yAndNAnswerAndMoveToTheNextQuestion() throws {
        let f = try AppFixture(seeded: false)
        newClientOnScreening(f)
        #expect(try screeningField(f).2 == 0)
        f.press(.character("n"))
        var (screening, catalog, cursor) = try screeningField(f)
        #expect(screening.answer(to: "fever") == .no)
        #expect(cursor == 1, "n moves on")
        f.press(.character("y"))        // contagious illness: whole body, takes no region
        (screening, catalog, cursor) = try screeningField(f)
        #expect(screening.answer(to: "contagious-illness") == .yes)
        #expect(cursor == 2, "y moves on")
        // An answered question is skipped: back to the first, change it, and the cursor goes
        // to the next question not answered yet.
        f.press(.up, .up, .character("y"))
        (screening, catalog, cursor) = try screeningField(f)
        #expect(screening.answer(to: "fever") == .yes)
        #expect(catalog.questions[cursor].id == "unstable-hypertension")
        // "Yes" to a question about a region stays, so that Enter says where.
        for _ in 0..<6 { f.press(.down) }   // open wound
        cursor = try screeningField(f).2
        #expect(catalog.questions[cursor].id == "open-wound")
        f.press(.character("y"))
        cursor = try screeningField(f).2
        #expect(catalog.questions[cursor].id == "open-wound")
        // The last question answered: the cursor stays on it.
        for _ in 0..<30 { f.press(.down) }
        f.press(.character("n"))
        (screening, catalog, cursor) = try screeningField(f)
        #expect(cursor == catalog.questions.count - 1)
        #expect(screening.answer(to: "major-trauma") == .no)
    }

    @Test func capitalNAnswersNoToTheRestOfTheGroupAndKeepsAnswersGiven() throws {
        let f = try AppFixture(seeded: false)
        newClientOnScreening(f)
        f.press(.down, .character("y"))  // contagious illness: yes
        f.press(.character("N"))        // the rest of the whole-body group: no
        let (screening, catalog, cursor) = try screeningField(f)
        #expect(screening.answer(to: "contagious-illness") == .yes, "an answer given stays")
        for question in catalog.questions where question.category == .wholeBody && question.id != "contagious-illness" {
            #expect(screening.answer(to: question.id) == .no, "\(question.id)")
        }
        #expect(catalog.questions.filter { $0.category == .local }.allSatisfy { screening.answer(to: $0.id) == .notAsked })
        #expect(catalog.questions[cursor].id == "inflammation", "the cursor goes to the next group")
        #expect(f.app.activeBindings.contains { $0.action == .answerNoToRest && $0.isHinted })
    }

    /// A new client with nothing to report, every screening question answered "no". Before,
    /// `n` did not move on: `n` and `↓` for each of the 26 questions but the last, 51 keys.
    @Test func aNewClientWithNothingToReportIsScreenedInFourKeys() throws {
        let f = try AppFixture(seeded: false)
        newClientOnScreening(f)
        let catalog = try screeningField(f).1
        var keys = 0
        while try screeningField(f).0.answeredCount(of: catalog) < catalog.questions.count, keys < 100 {
            f.press(.character("N"))
            keys += 1
        }
        let groups = Set(catalog.questions.map(\.category)).count
        #expect(keys == groups)
        #expect(keys == 4)
        let answers = try screeningField(f).0
        #expect(catalog.questions.allSatisfy { answers.answer(to: $0.id) == .no })
        #expect(catalog.questions.count == 26)

        // One question at a time, `n` alone: one key a question, against 51 before.
        let g = try AppFixture(seeded: false)
        newClientOnScreening(g)
        var single = 0
        while try screeningField(g).0.answeredCount(of: catalog) < catalog.questions.count, single < 100 {
            g.press(.character("n"))
            single += 1
        }
        #expect(single == 26)
    }

    /// Saddle anaesthesia needs same-day emergency care; severe night pain, a physician.
    @Test func theRedFlagBannerSitsInsideTheFrameAndSaysWhichCareIsNeeded() throws {
        let f = try AppFixture(seeded: false)
        newClientOnScreening(f)
        for _ in 0..<23 { f.press(.down) }  // severe night pain
        f.press(.character("y"))
        var rows = f.frame(80, 24).canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[2].contains("⚑ Refer to a physician: Severe night pain: yes"))
        #expect(!rows[2].contains("emergency"))
        f.press(.up, .up, .up, .up, .up, .character("y"))  // saddle anaesthesia
        for (w, h) in [(80, 24), (120, 40)] {
            rows = f.frame(w, h).canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(rows[1].hasPrefix("┌"), "the frame's top border shows at \(w)x\(h): \(rows[1])")
            #expect(rows[2].hasPrefix("│") && rows[2].hasSuffix("│"), "the banner leaves the side borders: \(rows[2])")
            #expect(rows[2].contains("⚑ Same-day emergency care: Saddle anaesthesia: yes"))
            #expect(rows[2].contains("F7 acknowledges"), "the key shows even when the causes are cut: \(rows[2])")
        }
        #expect(rows[2].contains("Refer to a physician: Severe night pain: yes"))
        f.press(.function(7))
        let after = f.frame(120, 40).canvas.text
        #expect(!after.contains("⚑ Same-day emergency care:"), "acknowledged: the banner goes")
        #expect(after.contains("⚑ Same-day emergency care — Saddle anaesthesia: yes"))
        #expect(after.contains("⚑ Referred to a physician — Severe night pain: yes"))
        #expect(!after.contains("Referred to a physician — Saddle"), "an emergency is not called a referral")
    }

    @Test func onTreatmentTheBannerSitsInsideTheNowPanel() throws {
        let f = try AppFixture(seeded: false)
        newClientOnScreening(f)
        for _ in 0..<23 { f.press(.down) }  // severe night pain
        f.press(.character("y"))
        for _ in 0..<6 { f.press(.tab) }    // screening notes, do not touch, objective, goals, pressure, consent
        f.press(.character("y"), .function(2))
        #expect(f.app.screen == .treatment)
        for (w, h) in [(80, 24), (120, 40)] {
            let rows = f.frame(w, h).canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let y = try #require(rows.firstIndex { $0.contains("⚑") }, "a banner at \(w)x\(h)")
            #expect(rows[y].hasPrefix("│ ⚑ Refer to a physician: Se"), "\(rows[y])")
            #expect(rows[y].filter { $0 == "│" }.count == 4, "both panels keep their side borders: \(rows[y])")
            #expect(rows[y].contains("! acknowledges"), "\(rows[y])")
            #expect(rows[1].hasPrefix("┌") && rows[1].hasSuffix("┐"), "the top borders show: \(rows[1])")
            #expect(rows[y + 1].hasPrefix("│") || rows[y + 1].hasPrefix("└") || rows[y + 1].hasPrefix("├"))
            #expect(rows.contains { $0.contains("Region") }, "the Now panel keeps its region line")
        }
    }

    /// `a` on the history review: the last visit's answers fill the questions not answered
    /// today, today's answers stay, and an answer the record derived is not carried.
    @Test func aReturningClientsLastAnswersFillOnlyTheQuestionsNotAnsweredToday() throws {
        var lastAssessment = Assessment()
        lastAssessment.screening = Screening([
            ScreeningResponse("fever", .no), ScreeningResponse("varicose-veins", .yes),
            ScreeningResponse("anticoagulant", .yes, derivedFrom: "warfarin (medications)"),
        ])
        let last = LastVisit(startedAt: AppFixture.now, assessment: lastAssessment)
        var today = Assessment()
        today.screening = Screening([ScreeningResponse("fever", .yes)])
        let carried = last.carried(into: today).screening
        #expect(carried.answer(to: "fever") == .yes, "today's answer stays")
        #expect(carried.answer(to: "varicose-veins") == .yes, "carried although today has an answer")
        #expect(carried.answer(to: "anticoagulant") == .notAsked, "the record answers it again today")
    }
}
