import Foundation
import Testing
import KneadCore

/// A new client on warfarin with sciatica, through a whole 50-minute session with every field of
/// the note filled: multi-line fields, a region scored only after, a technique passed through for
/// 0 seconds, a pain rise and what the therapist did about it.
enum FullSession {
    static let composer = NoteComposer(timeZone: TimeZone(identifier: "UTC")!)
    static let gluteal = Region(.gluteal, .left)!
    static let thigh = Region(.thighBack, .left)!
    static let lowBack = Region(.lowBack, .left)!
    static let calf = Region(.calf, .left)!

    static let assessment: Assessment = {
        var screening = Screening()
        screening.set(.no, for: "fever")
        screening.set(.no, for: "suspected-clot")
        screening.set(.no, for: "saddle-anaesthesia")
        screening.set(.no, for: "bladder-bowel")
        return Assessment(
            chiefComplaint: "Shooting pain down the left leg.\nWorse at night.",
            onset: "Three weeks ago, lifting a sofa",
            worseWith: "Sitting over 20 minutes\nBending forward",
            betterWith: "Walking; lying on the right side",
            painfulRegions: [RegionPain(region: gluteal, score: Fixture.score(7)),
                             RegionPain(region: lowBack, score: Fixture.score(5))],
            conditions: "Atrial fibrillation",
            medications: "Warfarin 5 mg daily",
            screening: screening,
            contraindications: "Bruises easily",
            avoidRegions: [Region(.calf, .right)!],
            goals: "Sit through a work meeting",
            pressurePreference: .lotioning,
            consent: true,
            objectiveFindings: "Posture: antalgic lean to the right\nSLR left positive at 40°\n  - slump test positive\nPalpation: taut band, L piriformis")
    }()

    static func session() throws -> Session {
        var session = try Session.started(minutes: 50)
        session.advance(240)
        try session.accept(.recordAssessment(assessment))
        session.advance(60)
        try session.accept(.beginTreatment)
        try session.accept(.startWork(RegionWork(region: lowBack, technique: Fixture.effleurage, pressure: .lotioning)))
        session.advance(2 * 60)
        try session.accept(.changeTechnique(Technique("friction")))          // passed through: 0 s
        try session.accept(.changeTechnique(Fixture.petrissage))
        session.advance(6 * 60)
        try session.accept(.checkIn(score: 4, region: nil))
        try session.accept(.startWork(RegionWork(region: gluteal, technique: Technique("myofascial-release"), pressure: .swedish)))
        session.advance(6 * 60)
        try session.accept(.checkIn(score: 5, region: nil))
        session.advance(4 * 60)
        try session.accept(.checkIn(score: 7, region: nil))                    // up 2 over the previous check-in
        try session.accept(.changePressure(.lotioning, confirmed: false))       // the therapist lightens
        session.advance(6 * 60)
        try session.accept(.checkIn(score: 4, region: nil))
        try session.accept(.note("Piriformis tight and tender\n  refers to the posterior thigh"))
        try session.accept(.startWork(RegionWork(region: thigh, technique: Technique("trigger-point"), pressure: .lotioning)))
        session.advance(12 * 60)
        try session.accept(.endTreatment)
        session.advance(120)
        try session.accept(.recordAftercare(Aftercare(
            postPain: Fixture.score(4),
            regionPain: [RegionPain(region: gluteal, score: Fixture.score(3)),
                         RegionPain(region: calf, score: Fixture.score(2))],           // scored only after
            advice: [Aftercare.standardAdvice[0]],
            homeCare: "Piriformis stretch:\n  3 × 30 s, each side\n  twice a day",
            heatOrCold: .heat, selfCare: "Stand up every 20 minutes",
            plan: "Weekly for 4 weeks", nextFocus: "Left gluteals and hamstrings",
            referral: "GP: review INR; physiotherapist for sciatica",
            freeText: "Client asked about\n1. stretching\n2. sleeping positions",
            additions: NoteAdditions(subjective: "Sleeps badly.", objective: "Gait: shortened left stride.",
                                     assessment: "Sciatic pattern eased with lighter pressure.", plan: "Re-test SLR at visit 3."))))
        session.advance(60)
        try session.accept(.sign(by: "Dana Kim, LMT"))
        session.advance(3600)
        try session.accept(.amend(Amendment(by: "Dana Kim, LMT", reason: "Dose missed at intake",
                                            text: "Warfarin 5 mg, not 2.5 mg.")))
        return session
    }
}

@Suite("The signed note is a faithful record")
struct FaithfulNoteTests {
    @Test("A full session with every field filled composes to the snapshot Markdown and text")
    func fullSessionSnapshot() throws {
        let session = try FullSession.session()
        let note = FullSession.composer.compose(session.state, now: session.now)
        assertTextSnapshot(NoteDocument.markdown(note), named: "full-session-note.md")
        assertTextSnapshot(NoteDocument.text(note), named: "full-session-note.txt")
    }

    @Test("S holds complaint, onset, worse and better, history, medications, goals; O the objective findings")
    func subjectiveAndObjective() throws {
        let note = FullSession.composer.compose(try FullSession.session().state, now: Fixture.at(9000))
        #expect(note.subjective.contains("Onset: Three weeks ago, lifting a sofa"))
        #expect(note.subjective.contains("Worse with: Sitting over 20 minutes\nBending forward"))
        #expect(note.subjective.contains("Better with: Walking; lying on the right side"))
        #expect(note.objective.first == "Findings on assessment: " + FullSession.assessment.objectiveFindings)
        #expect(!note.subjective.joined().contains("SLR"), "objective findings are not in S")
    }

    @Test("Every line of a multi-line field keeps its own line, indentation included, in text and Markdown")
    func multiLineFieldsKeepTheirLines() throws {
        let note = FullSession.composer.compose(try FullSession.session().state, now: Fixture.at(9000))
        let text = NoteDocument.text(note)
        #expect(text.contains("  Home care: Piriformis stretch:\n      3 × 30 s, each side\n      twice a day\n"))
        let markdown = NoteDocument.markdown(note)
        #expect(markdown.contains("- Home care: Piriformis stretch:\\\n  \u{A0}\u{A0}3 × 30 s, each side\\\n  \u{A0}\u{A0}twice a day\n"))
        // A line that would start a list or an ordered list is escaped, so it stays a line of the item.
        #expect(markdown.contains("  1\\. stretching\\\n  2\\. sleeping positions\n"))
        #expect(markdown.contains("  \u{A0}\u{A0}\\- slump test positive\\\n"))
    }

    @Test("A region scored only after treatment appears in A")
    func afterOnlyRegionInA() throws {
        let note = FullSession.composer.compose(try FullSession.session().state, now: Fixture.at(9000))
        #expect(note.assessment.contains("left calf: 2 after treatment; not scored before"))
    }

    @Test("A technique passed through for 0 seconds is not in the note; the events keep it")
    func zeroSecondTechnique() throws {
        let session = try FullSession.session()
        let note = FullSession.composer.compose(session.state, now: session.now)
        #expect(note.objective.contains("left low back: effleurage, petrissage; pressure 2; 8 min"))
        #expect(!note.lines.joined().contains("friction"))
        #expect(session.state.events.contains { $0.change == .techniqueChanged(Technique("friction")) })
    }

    @Test("A pain rise asks to lighten the pressure; the note records the rise and the response")
    func painRiseIsRecorded() throws {
        let session = try FullSession.session()
        // 5 then 7 on the left gluteals (baseline 7): a rise of 2 over the previous check-in.
        #expect(session.state.painRises.map { $0.checkIn.value.score.value } == [7])
        let note = FullSession.composer.compose(session.state, now: session.now)
        #expect(note.assessment.contains("Pain rose to 7/10 from 5 in the left gluteals at 15:29; pressure lightened from 3 to 2."))
        // Asked before logging: the previous reading is the region's latest check-in, not its baseline.
        var s = try Session.working()                      // right shoulder, not charted
        try s.accept(.checkIn(score: 2, region: nil))
        #expect(!s.state.suggestsLighterPressure(score: 3, region: Fixture.rightShoulder))
        #expect(s.state.suggestsLighterPressure(score: 4, region: Fixture.rightShoulder))
        try s.accept(.checkIn(score: 4, region: nil))
        s.advance(30)
        try s.accept(.checkIn(score: 3, region: nil))
        let kept = FullSession.composer.compose(s.state, now: s.now)
        #expect(kept.assessment.contains { $0.hasPrefix("Pain rose to 4/10 from 2 in the right shoulder") && $0.hasSuffix("pressure kept at 3.") })
    }

    @Test("One treatment time: the timer, the note and the day review all count from treatment begun")
    func oneTreatmentTime() throws {
        let session = try FullSession.session()
        let state = session.state
        let seconds = try #require(state.treatmentEndedAt).timeIntervalSince(try #require(state.treatmentBeganAt))
        #expect(seconds == 36 * 60)
        #expect(state.elapsedSeconds(at: session.now) == seconds)
        #expect(SessionSummary(state).durationSeconds == seconds)
        let note = FullSession.composer.compose(state, now: session.now)
        #expect(note.objective.contains("Treatment time: 36 min of 50 planned"))
    }

    @Test("A signed note keeps its technique names and codes whatever the vocabulary says later")
    func signedNoteDoesNotChange() throws {
        let session = try FullSession.session()
        let before = FullSession.composer.compose(session.state, now: session.now)
        // Later, the practice renames petrissage and moves it to another code.
        let renamed = TechniqueCatalog(entries: TechniqueCatalog.standard.entries.map { entry in
            entry.technique.id == "petrissage" ? TechniqueInfo("petrissage", name: "kneading", key: "p", billingCode: "97140") : entry
        })
        let later = NoteComposer(catalog: renamed, billingCodes: BillingCodes(catalog: renamed), timeZone: TimeZone(identifier: "UTC")!)
        let after = later.compose(session.state, now: session.now.addingTimeInterval(86_400))
        #expect(after == before)
        #expect(SessionSummary(session.state).billing(codes: BillingCodes(catalog: renamed))
                == SessionSummary(session.state).billing(codes: .standard))
        // An unsigned note follows the vocabulary of now.
        var open = try Session.working()
        open.advance(600)
        try open.accept(.changeTechnique(Fixture.petrissage))
        open.advance(600)
        #expect(later.compose(open.state, now: open.now).objective.contains { $0.contains("kneading") })
    }

    @Test("A note signed before signatures kept their words shows the built-in standard vocabulary")
    func oldSignaturesUseTheStandardVocabulary() throws {
        var session = try Session.readyToSign()
        session.advance(60)
        // As an old database holds it: a signature with no vocabulary.
        session.state = evolve(session.state, SessionEvent(at: session.now, .signed(Signature(by: "Dana Kim, LMT"))))
        let renamed = TechniqueCatalog(entries: [TechniqueInfo("effleurage", name: "gliding", key: "e", billingCode: "97140")])
        let note = NoteComposer(catalog: renamed, billingCodes: BillingCodes(catalog: renamed)).compose(session.state, now: session.now)
        #expect(note.objective.contains { $0.hasPrefix("right shoulder: effleurage;") })
        #expect(note.billing.codes.map(\.code) == ["97124"])
    }
}

@Suite("Screening cannot silently be skipped; the record answers what it already knows")
struct ScreeningSkippedTests {
    static let unscreened = Assessment(chiefComplaint: "Neck", painfulRegions: [], consent: true)

    @Test("Going on without screening needs a reason; the note and the day review flag it")
    func skippingNeedsAReasonAndIsFlagged() throws {
        var session = try Session.assessed(Self.unscreened)
        #expect(session.state.isScreeningUnanswered)
        _ = try session.reject(.skipScreening(reason: "  "))
        try session.accept(.skipScreening(reason: "Client in a hurry; asked verbally"))
        try session.accept(.beginTreatment)
        _ = try session.reject(.skipScreening(reason: "again"))
        let note = NoteComposer().compose(session.state, now: session.now)
        #expect(note.subjective.contains("NOT SCREENED TODAY — contraindication screening skipped: Client in a hurry; asked verbally"))
        #expect(ReviewFlag.flags(of: session.state).contains(.notScreened))
        #expect(ReviewFlag.notScreened.isClinical)
    }

    @Test("A screening with an answer has nothing to skip; derived answers are not a screening")
    func answeredScreeningCannotBeSkipped() throws {
        var answered = Self.unscreened
        answered.screening.set(.no, for: "fever")
        _ = try Session.assessed(answered).reject(.skipScreening(reason: "x"))
        var derivedOnly = Self.unscreened
        derivedOnly.medications = "Eliquis 5 mg"
        let session = try Session.assessed(derivedOnly)
        #expect(session.state.isScreeningUnanswered)
    }

    @Test("A blood thinner in the medications answers 'takes a blood thinner' itself, naming it")
    func bloodThinnerIsDerived() throws {
        var assessment = Self.unscreened
        assessment.medications = "Warfarin 5 mg daily"
        assessment.conditions = "Hemophilia A"
        let session = try Session.assessed(assessment)
        let screening = try #require(session.state.assessment?.screening)
        #expect(screening.response(to: "anticoagulant") == ScreeningResponse("anticoagulant", .yes, derivedFrom: "warfarin (medications)"))
        #expect(screening.response(to: "bleeding-disorder")?.derivedFrom == "hemophilia (conditions)")
        #expect(session.state.findings.contains { $0.cause == "Takes a blood thinner: warfarin (medications)" })
        // One caution for the blood thinner, not two.
        #expect(session.state.findings.filter { $0.cause.localizedCaseInsensitiveContains("warfarin") }.count == 1)
        // The medication taken off the list takes the derived answer back.
        var s = session
        assessment.medications = "None"
        try s.accept(.recordAssessment(assessment))
        #expect(s.state.assessment?.screening.response(to: "anticoagulant") == nil)
    }
}
