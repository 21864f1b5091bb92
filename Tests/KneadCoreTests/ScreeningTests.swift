import Foundation
import Testing
import KneadCore

@Suite("Screening: findings, blood thinners and what they do to the session")
struct ScreeningTests {
    static let leftForearm = Region(.forearm, .left)!
    static let leftGluteal = Region(.gluteal, .left)!

    static func assessment(_ answers: [(String, ScreeningAnswer, [Region])] = [], medications: String = "",
                           avoid: [Region] = []) -> Assessment {
        var screening = Screening()
        for (id, answer, regions) in answers { screening.set(answer, for: id, regions: regions) }
        return Assessment(chiefComplaint: "Low back pain", medications: medications, screening: screening,
                          avoidRegions: avoid, consent: true)
    }

    // MARK: Blood thinners

    @Test(arguments: [
        ("Warfarin 5 mg daily", ["warfarin"]),
        ("ELIQUIS twice a day", ["apixaban"]),
        ("xarelto; clopidogrel", ["rivaroxaban", "clopidogrel"]),
        ("enoxaparin injections after surgery", ["enoxaparin"]),
        ("daily aspirin 81 mg", ["aspirin"]),
        ("Dabigatran", ["dabigatran"]),
        ("Edoxaban (Lixiana)", ["edoxaban"]),
    ])
    func bloodThinnersAreFoundByGenericOrBrandName(medications: String, expected: [String]) {
        #expect(BloodThinners.standard.found(in: medications) == expected)
    }

    @Test(arguments: ["", "ibuprofen as needed", "Aspirinate", "metformin, sumatriptan", "heparinoid cream"])
    func otherMedicationsAreNotBloodThinners(medications: String) {
        #expect(BloodThinners.standard.found(in: medications).isEmpty)
    }

    @Test func theListIsData() {
        var list = BloodThinners.standard
        list.medicines["vorapaxar"] = ["zontivity"]
        #expect(list.found(in: "Zontivity") == ["vorapaxar"])
        #expect(BloodThinners.standard.found(in: "Zontivity").isEmpty)
    }

    // MARK: Findings

    @Test func aBloodThinnerAloneRaisesTheDeepPressureCautionEverywhere() {
        let findings = Self.assessment(medications: "Warfarin").findings()
        #expect(findings == [ScreeningFinding(.deepPressureCaution(nil), cause: "Medications: warfarin (thins the blood)")])
        #expect(findings.deepPressureCauses(for: Self.leftGluteal) == ["Medications: warfarin (thins the blood)"])
        #expect(findings.regionsToAvoid.isEmpty)
    }

    @Test func eachCategoryHasItsEffectAndNamesItsCause() {
        let a = Self.assessment([("fever", .yes, []), ("open-wound", .yes, [Self.leftForearm]),
                                 ("bleeding-disorder", .yes, []), ("saddle-anaesthesia", .yes, []),
                                 ("aneurysm", .no, []), ("night-pain", .notAsked, [])])
        let findings = a.findings()
        #expect(findings.wholeBodyCauses == ["Significant fever: yes"])
        #expect(findings.avoidCauses(for: Self.leftForearm) == ["Open wound: yes (L forearm)"])
        #expect(findings.deepPressureCauses(for: Self.leftGluteal) == ["Bleeding disorder: yes"])
        #expect(findings.redFlagCauses == ["Saddle anaesthesia: yes"])
        #expect(findings.count == 4, "no and not-asked answers find nothing")
    }

    @Test func aSiteBoundCautionAppliesToItsRegionsAndAPastClotIsAlsoAvoided() {
        let calf = Region(.calf, .left)!
        let a = Self.assessment([("cancer", .yes, [Self.leftGluteal]), ("past-clot", .yes, [calf])])
        let findings = a.findings()
        #expect(findings.deepPressureCauses(for: Self.leftGluteal) == ["Cancer (needs oncologist's OK): yes (L gluteals)"])
        #expect(findings.deepPressureCauses(for: Self.leftForearm).isEmpty)
        #expect(findings.regionsToAvoid == [calf])
    }

    @Test func regionsTheClientDoesNotWantTouchedAreAvoided() {
        let findings = Self.assessment(avoid: [Self.leftForearm]).findings()
        #expect(findings.regionsToAvoid == [Self.leftForearm])
        #expect(findings.avoidCauses(for: Self.leftForearm).first?.contains("Client asked") == true)
    }

    @Test func settingAnAnswerOtherThanYesDropsItsRegions() {
        var screening = Screening()
        screening.set(.yes, for: "open-wound", regions: [Self.leftForearm])
        screening.set(.no, for: "open-wound")
        #expect(screening.response(to: "open-wound") == ScreeningResponse("open-wound", .no))
        screening.set(.yes, for: "open-wound")
        #expect(screening.response(to: "open-wound")?.regions == [])
        #expect(screening.answer(to: "fever") == .notAsked)
    }

    @Test func theCatalogueCoversEveryCategoryWithUniqueIDs() {
        let questions = ScreeningCatalog.standard.questions
        #expect(Set(questions.map(\.id)).count == questions.count)
        #expect(Set(questions.map(\.category)) == Set(ScreeningCategory.allCases))
        #expect(questions.filter { $0.category == .local }.allSatisfy { $0.takesRegions })
        #expect(questions.allSatisfy { $0.label.count <= 34 }, "labels fit beside their answers at 80 columns")
    }

    // MARK: The session machine

    @Test func aWholeBodyContraindicationStopsTreatmentAndSaysWhy() throws {
        let session = try Session.assessed(Self.assessment([("fever", .yes, [])]))
        let rejection = try session.reject(.beginTreatment)
        #expect(rejection.reason.contains("Significant fever: yes"))
        #expect(rejection.reason.contains("override"))
    }

    @Test func anOverrideNeedsAReasonThenTreatmentMayBegin() throws {
        var session = try Session.assessed(Self.assessment([("fever", .yes, [])]))
        #expect(try session.reject(.overrideContraindication(reason: "  ")).reason.contains("Significant fever"))
        let events = try session.accept(.overrideContraindication(reason: " Physician cleared it "))
        #expect(events.map(\.change) == [.contraindicationOverridden(
            ContraindicationOverride(reason: "Physician cleared it", causes: ["Significant fever: yes"]))])
        try session.accept(.beginTreatment)
        #expect(session.state.phase == .treatment)
    }

    @Test func anOverrideCoversOnlyWhatItNamed() throws {
        var session = try Session.assessed(Self.assessment([("fever", .yes, [])]))
        try session.accept(.overrideContraindication(reason: "Cleared"))
        try session.accept(.recordAssessment(Self.assessment([("fever", .yes, []), ("suspected-clot", .yes, [])])))
        #expect(try session.reject(.beginTreatment).reason.contains("Suspected/recent blood clot"))
    }

    @Test func nothingToOverrideIsRefused() throws {
        let session = try Session.assessed(Self.assessment())
        #expect(try session.reject(.overrideContraindication(reason: "x")).reason.contains("no whole-body"))
    }

    @Test func reschedulingEndsTheSessionSignedWithItsReason() throws {
        var session = try Session.assessed(Self.assessment([("contagious-illness", .yes, [])]))
        #expect(try session.reject(.reschedule(reason: "", by: "Sam")).reason.contains("why"))
        try session.accept(.reschedule(reason: "Has the flu; rebooked for next week", by: "Sam Rivera, LMT"))
        #expect(session.state.phase == .signed)
        #expect(session.state.rescheduled?.value == "Has the flu; rebooked for next week")
        #expect(try Session.treating().reject(.reschedule(reason: "late", by: "Sam")).reason.contains("has not begun"))
    }

    @Test func workOnAnAvoidedRegionAsksAndTheEventRecordsTheConfirmation() throws {
        var session = try Session.treating(Self.assessment([("open-wound", .yes, [Self.leftForearm])]))
        let ask = try session.reject(.startWork(Fixture.work(Self.leftForearm)))
        #expect(ask.needsConfirmation)
        #expect(ask.reason.contains("Open wound: yes (L forearm)"))
        let events = try session.accept(.startWork(Fixture.work(Self.leftForearm, confirmed: true)))
        guard case .workStarted(let work) = events.last?.change else { Issue.record("no work started"); return }
        #expect(work.avoidConfirmed)
        #expect(!work.cautionConfirmed, "Swedish pressure needs no deep-pressure confirmation")
    }

    @Test func aBloodThinnerMakesDeepPressureAskOnAnyRegionAndSaysWhy() throws {
        var session = try Session.treating(Self.assessment(medications: "Apixaban 5 mg"))
        try session.accept(.startWork(Fixture.work(Self.leftGluteal)))
        let ask = try session.reject(.changePressure(.deepest, confirmed: false))
        #expect(ask.needsConfirmation)
        #expect(ask.reason.contains("Takes a blood thinner: apixaban (medications)"))
        try session.accept(.changePressure(.deepest, confirmed: true))
        #expect(session.state.activeWork?.cautionConfirmed == true)
        #expect(session.state.activeWork?.pressure == .deepest)
    }

    @Test func withoutFindingsDeepPressureNeedsNoConfirmation() throws {
        var session = try Session.treating(Self.assessment())
        try session.accept(.startWork(Fixture.work(Self.leftGluteal, Fixture.effleurage, .deepest)))
        #expect(session.state.activeWork?.cautionConfirmed == false)
    }

    @Test func redFlagsWaitUntilAcknowledged() throws {
        var session = try Session.assessed(Self.assessment([("saddle-anaesthesia", .yes, [])]))
        #expect(session.state.unacknowledgedRedFlags == ["Saddle anaesthesia: yes"])
        try session.accept(.acknowledgeRedFlags)
        #expect(session.state.unacknowledgedRedFlags.isEmpty)
        #expect(try session.reject(.acknowledgeRedFlags).reason.contains("No red flag"))
        // A new red flag shows again.
        try session.accept(.recordAssessment(Self.assessment([("saddle-anaesthesia", .yes, []), ("major-trauma", .yes, [])])))
        #expect(session.state.unacknowledgedRedFlags == ["Major trauma: yes"])
    }

    @Test func theHistoryIsReviewedBeforeTreatmentOnly() throws {
        var session = try Session.started()
        let history = HealthHistory(conditions: "Osteoporosis", medications: "Alendronate")
        try session.accept(.reviewHistory(history))
        #expect(session.state.reviewedHistory?.value == history)
        #expect(try Session.treating().reject(.reviewHistory(history)).reason.contains("before treatment"))
    }
}

@Suite("Screening in the day review")
struct ScreeningReviewFlagTests {
    @Test func redFlagsOverridesAndDeepPressureOnACautionAreFlagged() throws {
        var screening = Screening()
        screening.set(.yes, for: "fever")
        screening.set(.yes, for: "major-trauma")
        var session = try Session.assessed(Assessment(chiefComplaint: "Back", medications: "Xarelto",
                                                      screening: screening, consent: true))
        try session.accept(.overrideContraindication(reason: "Cleared by physician"))
        try session.accept(.beginTreatment)
        try session.accept(.startWork(Fixture.work(ScreeningTests.leftGluteal, Fixture.effleurage, .deep, confirmed: true)))
        let flags = ReviewFlag.flags(of: session.state)
        #expect(flags.contains(.redFlag))
        #expect(flags.contains(.override))
        #expect(flags.contains(.deepPressureDespiteCaution))
    }

    @Test func aSessionWithoutFindingsRaisesNoScreeningFlag() throws {
        var session = try Session.treating(ScreeningTests.assessment())
        try session.accept(.startWork(Fixture.work(ScreeningTests.leftGluteal, Fixture.effleurage, .deepest)))
        let flags = ReviewFlag.flags(of: session.state)
        #expect(!flags.contains(.redFlag) && !flags.contains(.override) && !flags.contains(.deepPressureDespiteCaution))
    }
}
