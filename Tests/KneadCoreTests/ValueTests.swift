import Foundation
import Testing
import KneadCore

@Suite("Values: pain scores")
struct PainScoreTests {
    @Test(arguments: [(0, PainScore.Band.none), (1, .mild), (3, .mild), (4, .moderate), (6, .moderate),
                      (7, .severe), (10, .severe)])
    func bands(value: Int, band: PainScore.Band) throws {
        #expect(try #require(PainScore(value)).band == band)
    }

    @Test func everyScoreHasTheDocumentedBand() {
        let bands = (0...10).compactMap { PainScore($0)?.band }
        #expect(bands == [.none, .mild, .mild, .mild, .moderate, .moderate, .moderate, .severe, .severe, .severe, .severe])
    }

    @Test(arguments: [-1, 11, Int.min, Int.max])
    func outsideZeroToTenIsNil(value: Int) {
        #expect(PainScore(value) == nil)
    }

    @Test(arguments: [(5, 7, true), (7, 5, true), (5, 6, false), (6, 5, false), (5, 5, false), (0, 10, true),
                      (10, 8, true), (0, 1, false)])
    func meaningfulChangeIsTwoPointsOrMore(before: Int, after: Int, meaningful: Bool) {
        #expect(PainScore.isMeaningfulChange(from: Fixture.score(before), to: Fixture.score(after)) == meaningful)
    }

    @Test func orderingAndDescription() {
        #expect(Fixture.score(3) < Fixture.score(4))
        #expect(!(Fixture.score(4) < Fixture.score(4)))
        #expect((0...10).compactMap(PainScore.init).max() == Fixture.score(10))
        #expect(Fixture.score(7).description == "7/10")
    }

    @Test func assessmentBaselineIsTheHighestScore() {
        #expect(Fixture.assessment.baseline == Fixture.score(6))
        #expect(Fixture.assessment.baseline(for: Fixture.lumbarSpine) == Fixture.score(4))
        #expect(Fixture.assessment.baseline(for: Fixture.rightShoulder) == nil)
        #expect(Assessment().baseline == nil)
    }
}

@Suite("Values: pressure")
struct PressureTests {
    @Test func levelsAreOrderedStillToDeepest() {
        #expect(Pressure.allCases.map(\.rawValue) == Array(0...5))
        #expect(Pressure.allCases.sorted() == [.still, .light, .lotioning, .swedish, .deep, .deepest])
        #expect(Pressure.still < .light && Pressure.deep < .deepest)
        #expect(Array(Pressure.allCases.reversed()).sorted() == Pressure.allCases)
    }

    @Test func lighterAndFirmerStopAtTheEnds() {
        #expect(Pressure.still.lighter == nil)
        #expect(Pressure.deepest.firmer == nil)
        #expect(Pressure.still.firmer == .light)
        #expect(Pressure.deepest.lighter == .deep)
        #expect(Pressure.swedish.firmer == .deep)
        #expect(Pressure.swedish.lighter == .lotioning)
    }

    @Test(arguments: Pressure.allCases)
    func firmerThenLighterReturns(pressure: Pressure) {
        if let firmer = pressure.firmer {
            #expect(firmer > pressure)
            #expect(firmer.lighter == pressure)
        }
        if let lighter = pressure.lighter {
            #expect(lighter < pressure)
            #expect(lighter.firmer == pressure)
        }
        #expect(pressure.firmer != nil || pressure.lighter != nil)
    }

    @Test func onlyLevelsFourAndFiveAreDeep() {
        #expect(Pressure.allCases.filter(\.isDeep) == [.deep, .deepest])
    }

    @Test func labelsAreDistinctAndDescribed() {
        #expect(Set(Pressure.allCases.map(\.label)).count == 6)
        #expect(Pressure.deep.description == "P4 deep")
    }
}

@Suite("Values: body regions")
struct RegionTests {
    @Test func leftAndRightShoulderAreDistinctRegions() throws {
        let left = try #require(Region(.shoulder, .left))
        let right = try #require(Region(.shoulder, .right))
        #expect(left != right)
        #expect(Region.all.contains(left))
        #expect(Region.all.contains(right))
        #expect(left.name == "left shoulder")
        #expect(right.shortName == "R shoulder")
        #expect(left < right)
    }

    @Test func thereIsNoMidlineShoulder() {
        #expect(Region(.shoulder) == nil)
        #expect(Region(.shoulder, .midline) == nil)
        #expect(!Region.all.contains { $0.area == .shoulder && $0.side == .midline })
    }

    @Test(arguments: [BodyArea.cervicalSpine, .thoracicSpine, .lumbarSpine, .sacrum])
    func spineSegmentsAreMidline(area: BodyArea) throws {
        let region = try #require(Region(area))
        #expect(region.side == .midline)
        #expect(Region.all.contains(region))
        #expect(Region(area, .left) == nil)
        #expect(Region(area, .right) == nil)
        #expect(region.id == area.rawValue)
    }

    @Test func allIsComplete() {
        let paired = BodyArea.allCases.filter(\.isPaired)
        let midline = BodyArea.allCases.filter { !$0.isPaired }
        #expect(Region.all.count == paired.count * 2 + midline.count)
        #expect(Set(Region.all).count == Region.all.count)
        #expect(Set(Region.all.map(\.id)).count == Region.all.count)
        for area in paired {
            #expect(Region.all.contains(Region(area, .left)!))
            #expect(Region.all.contains(Region(area, .right)!))
        }
        #expect(Region.all.first == Region(.head))
        #expect(Array(Region.all.reversed()).sorted() == Region.all)
    }

    @Test func designVocabularyIsPresent() {
        let areas: [BodyArea] = [.head, .jaw, .neck, .shoulder, .upperBack, .midBack, .lowBack, .chest, .abdomen,
                                 .upperArm, .forearm, .handWrist, .hip, .gluteal, .thighFront, .thighBack, .knee,
                                 .calf, .shin, .footAnkle]
        for area in areas {
            #expect(Region.all.contains { $0.area == area }, "\(area)")
        }
    }

    @Test(arguments: Region.all)
    func idRoundTrips(region: Region) {
        #expect(Region(id: region.id) == region)
    }

    @Test(arguments: ["", ".", "shoulder", "shoulder.midline", "shoulder.", ".left", "lumbarSpine.left",
                      "shoulder.left.extra", "elbow.left", "Shoulder.left", "shoulder.LEFT", " shoulder.left"])
    func malformedIDsAreNil(id: String) {
        #expect(Region(id: id) == nil)
    }
}

@Suite("Values: clients and techniques")
struct ClientAndTechniqueTests {
    @Test(arguments: [("María José García", "M.J.G."), ("김민지", "김."), ("Cher", "C."), ("  Ölaf  ", "Ö."),
                      ("jean-luc picard", "J.L.P."), ("Ana María de la Cruz", "A.M.D."), ("", "?"), ("   \t", "?")])
    func initials(name: String, expected: String) {
        #expect(Client(id: ClientID("c"), name: name).initials == expected)
    }

    @Test func initialsNeverContainTheName() {
        let client = Fixture.client
        #expect(!client.initials.contains("María"))
    }

    @Test func displayNameUsesThePreferredName() {
        #expect(Fixture.client.displayName == "Majo (María José García)")
        #expect(Client(id: ClientID("c"), name: "Ana", preferredName: "").displayName == "Ana")
        #expect(Client(id: ClientID("c"), name: "Ana").displayName == "Ana")
    }

    @Test func catalogueKeysAndIDsAreUnique() {
        let entries = TechniqueCatalog.standard.entries
        #expect(Set(entries.map(\.key)).count == entries.count)
        #expect(Set(entries.map(\.technique)).count == entries.count)
        #expect(Set(entries.map(\.billingCode)).isSubset(of: ["97124", "97140", "97112"]))
    }

    @Test func catalogueLookups() {
        let catalog = TechniqueCatalog.standard
        #expect(catalog.info(key: "e")?.technique == Fixture.effleurage)
        #expect(catalog.info(key: "z") == nil)
        #expect(catalog.info(Fixture.triggerPoint)?.name == "trigger point therapy")
        #expect(catalog.name(of: Technique("reiki")) == "reiki")
        #expect(catalog.name(of: Technique("deep-tissue")) == "deep tissue")
    }

    @Test func standardAdviceIsOffered() {
        #expect(Aftercare.standardAdvice.count == 10)
        #expect(Set(Aftercare.standardAdvice).count == Aftercare.standardAdvice.count)
    }

    @Test func manualClockMovesOnlyByHand() {
        let clock = ManualClock(Fixture.base)
        #expect(clock.now() == Fixture.base)
        clock.advance(by: 90)
        #expect(clock.now() == Fixture.at(90))
        clock.set(Fixture.at(5))
        #expect(clock.now() == Fixture.at(5))
    }
}

@Suite("Lighter-pressure cue")
struct LighterPressureCueTests {
    func state(baseline: [(Region, Int)]) -> SessionState {
        let id = SessionID("cue")
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let assessment = Assessment(painfulRegions: baseline.map { RegionPain(region: $0.0, score: PainScore($0.1)!) }, consent: true)
        return SessionState(id: id, replaying: [
            SessionEvent(at: start, .started(SessionStart(client: Client(id: ClientID("c"), name: "A B"), plannedMinutes: 60))),
            SessionEvent(at: start, .assessed(assessment)),
        ])
    }

    @Test func sevenOrMoreAlwaysCues() {
        let s = state(baseline: [])
        #expect(!s.suggestsLighterPressure(score: 6, region: nil))
        #expect(s.suggestsLighterPressure(score: 7, region: nil))
        #expect(s.suggestsLighterPressure(score: 10, region: nil))
    }

    @Test func twoAboveTheRegionBaselineCues() {
        let shoulder = Region(.shoulder, .left)!, calf = Region(.calf, .right)!
        let s = state(baseline: [(shoulder, 2), (calf, 5)])
        #expect(!s.suggestsLighterPressure(score: 3, region: shoulder))
        #expect(s.suggestsLighterPressure(score: 4, region: shoulder))
        // An uncharted region is measured against the session's baseline, the highest score (5).
        #expect(!s.suggestsLighterPressure(score: 6, region: Region(.knee, .left)))
        #expect(s.suggestsLighterPressure(score: 6, region: calf) == false)
    }
}
