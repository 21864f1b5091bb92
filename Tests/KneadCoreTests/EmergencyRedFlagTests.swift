import Foundation
import Testing
import KneadCore

/// Red flags of a possible cauda equina need same-day emergency care, distinct from a referral.
@Suite("Red flags that need same-day emergency care")
struct EmergencyRedFlagTests {
    static let emergencyIDs: Set<String> = ["saddle-anaesthesia", "bladder-bowel", "leg-weakness"]

    @Test("The catalogue: the three cauda equina signs are emergencies, the other red flags referrals")
    func catalogue() {
        for question in ScreeningCatalog.standard.questions {
            switch question.category {
            case .redFlag:
                #expect(question.urgency == (Self.emergencyIDs.contains(question.id) ? .sameDayEmergency : .referToPhysician),
                        "\(question.id)")
            default:
                #expect(question.urgency == nil, "\(question.id)")
            }
        }
        #expect(ScreeningCatalog.standard.questions.filter { $0.urgency == .sameDayEmergency }.count == 3)
    }

    @Test("Findings and the banner: emergencies first, each kind under its own heading")
    func banner() {
        let a = ScreeningTests.assessment([("night-pain", .yes, []), ("saddle-anaesthesia", .yes, []),
                                           ("bladder-bowel", .yes, []), ("leg-weakness", .no, [])])
        let findings = a.findings()
        #expect(findings.emergencyCauses == ["Saddle anaesthesia: yes", "New bladder or bowel dysfunction: yes"])
        #expect(findings.referralCauses == ["Severe night pain: yes"])
        #expect(findings.redFlagCauses == findings.emergencyCauses + findings.referralCauses)
        let banner = findings.redFlagBanner()
        #expect(banner?.isEmergency == true)
        #expect(banner?.text == "Same-day emergency care: Saddle anaesthesia: yes; New bladder or bowel dysfunction: yes"
                + " · Refer to a physician: Severe night pain: yes")
        // Acknowledged causes leave the banner; a referral alone says so and nothing of an emergency.
        let referralOnly = findings.redFlagBanner(acknowledged: Set(findings.emergencyCauses))
        #expect(referralOnly?.isEmergency == false)
        #expect(referralOnly?.text == "Refer to a physician: Severe night pain: yes")
        #expect(findings.redFlagBanner(acknowledged: Set(findings.redFlagCauses)) == nil)
        #expect(ScreeningTests.assessment().findings().redFlagBanner() == nil)
    }

    @Test("The decider: an emergency stops treatment until overridden; a referral does not")
    func decider() throws {
        var session = try Session.assessed(ScreeningTests.assessment([("leg-weakness", .yes, [])]))
        #expect(session.state.redFlagBanner?.text == "Same-day emergency care: Progressive leg weakness: yes")
        let rejection = try session.reject(.beginTreatment)
        #expect(rejection.reason.contains("No massage today: Progressive leg weakness: yes."))
        #expect(rejection.reason.contains("Same-day emergency care: send the client to an emergency department today."))
        try session.accept(.acknowledgeRedFlags)
        #expect(session.state.redFlagBanner == nil)
        #expect(try session.reject(.beginTreatment).reason.contains("No massage today"), "acknowledging is not an override")
        try session.accept(.overrideContraindication(reason: "Seen in the emergency department this morning; cleared"))
        try session.accept(.beginTreatment)

        var referral = try Session.assessed(ScreeningTests.assessment([("major-trauma", .yes, [])]))
        #expect(referral.state.redFlagBanner?.text == "Refer to a physician: Major trauma: yes")
        #expect(referral.state.unresolvedWholeBodyCauses.isEmpty)
        try referral.accept(.beginTreatment)
    }

    @Test("The note: emergencies and referrals each say what they are; an override is recorded")
    func note() throws {
        var session = try Session.assessed(ScreeningTests.assessment([("saddle-anaesthesia", .yes, []), ("night-pain", .yes, [])]))
        try session.accept(.acknowledgeRedFlags)
        try session.accept(.overrideContraindication(reason: "Cleared by the emergency department"))
        let lines = NoteComposer(timeZone: TimeZone(identifier: "UTC")!).screening(session.state).subjective
        #expect(lines.contains("RED FLAG — same-day emergency care: Saddle anaesthesia: yes (acknowledged by the therapist);"
                               + " treated after an override: Cleared by the emergency department"))
        #expect(lines.contains("RED FLAG — refer to a physician: Severe night pain: yes (acknowledged by the therapist)"))
    }
}
