import Foundation
import Testing
import KneadCore

@Suite("Billing units: the 8-minute rule")
struct BillingUnitsTests {
    /// The table of DESIGN.md, with its boundaries.
    @Test(arguments: [(0, 0), (1, 0), (7, 0), (8, 1), (15, 1), (22, 1), (23, 2), (30, 2), (37, 2), (38, 3),
                      (52, 3), (53, 4), (67, 4), (68, 5), (82, 5), (83, 6), (97, 6), (98, 7)])
    func totalMinutesToUnits(minutes: Int, units: Int) {
        #expect(BillingUnits.units(forTotalMinutes: minutes) == units)
        let one = BillingUnits(minutesByCode: ["97124": minutes])
        #expect(one.totalUnits == units)
        #expect(one.totalMinutes == minutes)
    }

    @Test func aCodeGetsItsWholeFifteensThenTheLargestRemainderTakesWhatIsLeft() {
        // 33 + 7 = 40 minutes → 3 units: 97124 has two whole 15s (3 left over), 97140's 7 is the larger remainder.
        let units = BillingUnits(minutesByCode: ["97124": 33, "97140": 7])
        #expect(units.codes == [BilledCode(code: "97124", minutes: 33, units: 2),
                                BilledCode(code: "97140", minutes: 7, units: 1)])
    }

    @Test func remaindersOfSeveralCodesCombineIntoAUnit() {
        // 5 + 5 = 10 minutes: no code reaches 8 on its own, together they make one unit.
        let units = BillingUnits(minutesByCode: ["97112": 5, "97140": 5])
        #expect(units.totalUnits == 1)
        #expect(units.codes == [BilledCode(code: "97112", minutes: 5, units: 1),
                                BilledCode(code: "97140", minutes: 5, units: 0)])
        // 24 + 23 = 47 → 3 units: one whole 15 each, the third to the larger remainder (9 over 8).
        let three = BillingUnits(minutesByCode: ["97140": 23, "97112": 24])
        #expect(three.codes == [BilledCode(code: "97112", minutes: 24, units: 2),
                                BilledCode(code: "97140", minutes: 23, units: 1)])
        // 10 + 10 + 10 = 30 → 2 units over three codes with equal remainders: the first two codes by number.
        let equal = BillingUnits(minutesByCode: ["97140": 10, "97124": 10, "97112": 10])
        #expect(equal.codes.map(\.units) == [1, 1, 0])
        #expect(equal.codes.map(\.code) == ["97112", "97124", "97140"])
        // 7 + 7 + 7 = 21 → 1 unit; 8 + 8 + 8 = 24 → 2 units.
        #expect(BillingUnits(minutesByCode: ["97112": 7, "97124": 7, "97140": 7]).totalUnits == 1)
        #expect(BillingUnits(minutesByCode: ["97112": 8, "97124": 8, "97140": 8]).totalUnits == 2)
    }

    @Test func unitsNeverExceedTheRuleAndEveryCodeGetsItsWholeFifteens() {
        for a in stride(from: 0, through: 60, by: 1) {
            for b in [0, 3, 7, 8, 14, 15, 22, 29] {
                let units = BillingUnits(minutesByCode: ["97124": a, "97140": b])
                #expect(units.totalUnits == BillingUnits.units(forTotalMinutes: a + b))
                for line in units.codes { #expect(line.units >= line.minutes / 15) }
            }
        }
    }

    @Test func secondsAreAddedPerCodeThenRoundedDownToWholeMinutes() {
        let effleurage = Technique("effleurage"), petrissage = Technique("petrissage")
        // 4:30 + 3:30 of massage is 8 whole minutes → 1 unit.
        let eight = BillingUnits(secondsByTechnique: [effleurage: 270, petrissage: 210])
        #expect(eight.codes == [BilledCode(code: "97124", minutes: 8, units: 1)])
        // 7:59 is 7 whole minutes → no unit.
        let short = BillingUnits(secondsByTechnique: [effleurage: 479])
        #expect(short.codes == [BilledCode(code: "97124", minutes: 7, units: 0)])
        #expect(short.totalUnits == 0)
        // 22:59 → 22 minutes, 1 unit; 23:00 → 2 units.
        #expect(BillingUnits(secondsByTechnique: [effleurage: 22 * 60 + 59]).totalUnits == 1)
        #expect(BillingUnits(secondsByTechnique: [effleurage: 23 * 60]).totalUnits == 2)
    }

    @Test func theMappingIsDataAndUnknownTechniquesAreListedUnbilled() {
        let reiki = Technique("reiki"), effleurage = Technique("effleurage")
        let standard = BillingUnits(secondsByTechnique: [reiki: 600, effleurage: 600])
        #expect(standard.codes == [BilledCode(code: "97124", minutes: 10, units: 1)])
        #expect(standard.unbilledTechniques == [reiki])
        // A payer that bills effleurage as manual therapy.
        let payer = BillingCodes([effleurage: "97140"])
        #expect(BillingUnits(secondsByTechnique: [effleurage: 600], codes: payer).codes.map(\.code) == ["97140"])
    }

    @Test func theStandardMappingFollowsTheClinicalReference() {
        let codes = BillingCodes.standard
        for id in ["effleurage", "petrissage", "tapotement"] { #expect(codes.code(for: Technique(id)) == "97124") }
        for id in ["myofascial-release", "lymphatic-drainage", "mobilisation"] { #expect(codes.code(for: Technique(id)) == "97140") }
        #expect(codes.code(for: Technique("neuromuscular")) == "97112")
        for entry in TechniqueCatalog.standard.entries { #expect(codes.code(for: entry.technique) == entry.billingCode) }
    }

    @Test func aSessionsSegmentsBill() throws {
        var session = try Session.working()  // right shoulder, effleurage
        session.advance(10 * 60)
        try session.accept(.changeTechnique(Fixture.triggerPoint))
        session.advance(14 * 60)
        try session.accept(.endTreatment)
        let units = BillingUnits(secondsByTechnique: session.state.secondsByTechnique(upTo: session.now))
        // 10 min massage + 14 min manual therapy = 24 → 2 units: none has a whole 15, both get one.
        #expect(units.codes == [BilledCode(code: "97124", minutes: 10, units: 1),
                                BilledCode(code: "97140", minutes: 14, units: 1)])
    }
}
