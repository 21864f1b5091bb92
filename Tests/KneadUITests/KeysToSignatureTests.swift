import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// Issue 15: from the key that ends treatment to the signature in at most 8 keys, free text
/// aside. Every key pressed is counted, a typed pain score included; only the plan's words are not.
@Suite("Keys from the end of treatment to the signature")
struct KeysToSignatureTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let worked: [(Region, Int)] = [
        (Region(.lowBack, .left)!, 4), (Region(.gluteal, .left)!, 3),
        (Region(.lowBack, .right)!, 2), (Region(.thighBack, .left)!, 5),
    ]

    /// Counts the keys a script presses; text typed into a free-text field is not counted.
    final class Keys {
        let f: AppFixture
        var count = 0
        init(_ f: AppFixture) { self.f = f }
        func press(_ keys: Key...) {
            count += keys.count
            for key in keys { f.press(key) }
        }
        func text(_ words: String) { f.type(words) }
    }

    /// A session of today in treatment, four regions worked, each with a check-in, open on the
    /// treatment screen: for Daniel (ten signed visits under a plan of care) or a new client.
    func inTreatment(returning: Bool) throws -> AppFixture {
        let f = try AppFixture()
        var client = Client(id: ClientID("first-visit"), name: "Ana First")
        if returning {
            try SampleCarePlan.seed(into: f.journal, now: AppFixture.now, zone: Self.utc)
            client = SampleCarePlan.client
        }
        f.press(.character("n"))  // the sample practice's unfinished session: not resumed
        var state = SessionState(id: SessionID("four-regions"))
        var at = AppFixture.now
        try f.journal.perform(.start(client: client, plannedMinutes: 60), on: &state, at: at)
        var steps: [SessionCommand] = [
            .recordAssessment(Assessment(chiefComplaint: "Low back and hamstring", consent: true)),
            .beginTreatment,
        ]
        for (region, score) in Self.worked {
            steps += [.startWork(RegionWork(region: region, technique: Technique("effleurage"), pressure: .swedish)),
                      .checkIn(score: score + 2, region: nil), .checkIn(score: score, region: nil)]
        }
        for command in steps {
            at.addTimeInterval(60)
            try f.journal.perform(command, on: &state, at: at)
        }
        f.clock.set(at.addingTimeInterval(60))
        f.app.carePlans.clear()
        f.app.reloadToday()
        f.app.open(state.id)
        #expect(f.app.screen == .treatment)
        return f
    }

    func signed(_ f: AppFixture) throws -> SessionState {
        let id = try #require(f.app.session?.id)
        let state = SessionState(id: id, replaying: try f.journal.events(of: id))
        #expect(state.phase == .signed)
        return state
    }

    @Test func aReturningClientWithAPlanSignsInSixKeys() throws {
        let f = try inTreatment(returning: true)
        let keys = Keys(f)
        keys.press(.character("a"), .character("y"))   // end treatment, confirmed
        #expect(f.app.screen == .aftercare)
        // The overall pain after is asked first; everything else starts from what is known.
        #expect(f.app.aftercareForm.focused.id == "post")
        keys.press(.character("3"))
        keys.press(.function(2))                        // the note
        #expect(f.app.screen == .note)
        keys.press(.character("s"), .character("y"))   // sign, confirmed
        let state = try signed(f)
        #expect(keys.count == 6)
        #expect(keys.count <= 8)
        let care = try #require(state.aftercare)
        #expect(care.postPain == PainScore(3))
        #expect(care.regionPain == Self.worked.map { RegionPain(region: $0.0, score: PainScore($0.1)!) },
                "each worked region's pain after is its latest check-in")
        #expect(care.advice == [Aftercare.standardAdvice[0]], "the advice chosen last time")
        let plan = try #require(try f.journal.plan(of: SampleCarePlan.client.id))
        #expect(care.plan.hasPrefix(plan.frequency.trimmed) && care.plan.contains("plan of care to"),
                "the plan from the plan of care: \(care.plan)")
    }

    @Test func aNewClientSignsInSevenKeysAndThePlanText() throws {
        let f = try inTreatment(returning: false)
        let keys = Keys(f)
        keys.press(.character("a"), .character("y"))
        #expect(f.app.aftercareForm.focused.id == "post")
        keys.press(.character("4"))
        keys.press(.control("p"))                       // one key reaches the plan
        #expect(f.app.aftercareForm.focused.id == "plan")
        keys.text("Weekly for four weeks")
        keys.press(.function(2), .character("s"), .character("y"))
        let state = try signed(f)
        #expect(keys.count == 7)
        #expect(keys.count <= 8)
        let care = try #require(state.aftercare)
        #expect(care.postPain == PainScore(4))
        #expect(care.plan == "Weekly for four weeks")
        #expect(care.advice.isEmpty, "a first visit has no advice from last time")
        #expect(care.regionPain.map(\.score.value) == Self.worked.map(\.1))
    }

    /// The keys a note with the same fields took on main, where aftercare started empty: every
    /// region's pain typed, the advice ticked by its key, Tab to the plan and the plan typed (typing is not
    /// counted). The script still works here,
    /// a typed digit replacing a drafted score; it is the count quoted for main.
    @Test func mainsFieldByFieldScriptTookTwentyKeysAndStillWorks() throws {
        let f = try inTreatment(returning: true)
        let keys = Keys(f)
        keys.press(.character("a"), .character("y"), .character("3"))
        for (_, score) in Self.worked { keys.press(.tab, .character(Character(String(score + 1)))) }
        keys.press(.tab, .character("1"))               // advice: the first item's own key
        keys.press(.tab, .tab, .tab, .tab)              // home care, heat or cold, self-care, plan
        #expect(f.app.aftercareForm.focused.id == "plan")
        keys.text(" Weekly")                            // main asked for the plan's words; here they add to the draft
        keys.press(.function(2), .character("s"), .character("y"))
        let state = try signed(f)
        #expect(keys.count == 20)
        #expect(state.aftercare?.regionPain.map(\.score.value) == Self.worked.map { $0.1 + 1 })
    }

    @Test func aTypedDigitReplacesADraftedScoreAndMovingOnKeepsIt() throws {
        let f = try inTreatment(returning: false)
        f.press(.character("a"), .character("y"))
        f.press(.tab)                                   // the first region: drafted 4
        #expect(f.app.aftercareForm.text("post.0") == "4")
        f.type("1")
        f.type("0")
        #expect(f.app.aftercareForm.text("post.0") == "10", "the first digit replaces, the next appends")
        f.press(.tab)
        #expect(f.app.aftercareForm.text("post.1") == "3", "moving on keeps the drafted score")
    }

    @Test func theKeyToThePlanActsAndShowsOnlyInAftercare() throws {
        let f = try inTreatment(returning: false)
        f.press(.character("a"), .character("y"))
        #expect(f.app.activeBindings.contains { $0.action == .toPlan })
        #expect(f.frame(80, 24).canvas.text.contains("plan"))
        let f2 = try AppFixture(seeded: false)
        var state = SessionState(id: SessionID("assessing"))
        try f2.journal.perform(.start(client: Client(id: ClientID("c"), name: "Ana First"), plannedMinutes: 60),
                               on: &state, at: AppFixture.now)
        f2.app.open(state.id)
        if f2.app.screen == .historyReview { f2.press(.enter) }
        #expect(f2.app.screen == .assessment)
        #expect(!f2.app.activeBindings.contains { $0.action == .toPlan })
    }
}
