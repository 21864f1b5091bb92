import Foundation
import Testing
import KneadCore

@Suite("Decider: region work, pressure and technique")
struct DeciderWorkTests {
    @Test func startWorkOpensASegment() throws {
        var session = try Session.treating()
        session.advance(30)
        let work = Fixture.work(Fixture.leftShoulder)
        let events = try session.accept(.startWork(work))
        #expect(events == [SessionEvent(at: session.now, .workStarted(work))])
        #expect(session.state.activeWork == work)
    }

    @Test(arguments: [SessionCommand.startWork(Fixture.work(Fixture.leftShoulder)), .endWork,
                      .changePressure(.light, confirmed: false), .changeTechnique(Fixture.petrissage)])
    func workOutsideTreatmentIsRefused(command: SessionCommand) throws {
        let before = try Session.assessed().reject(command)
        #expect(before.reason == "Begin treatment first.")
        let after = try Session.inAftercare().reject(command)
        #expect(after.reason == "Treatment has ended.")
    }

    @Test func sameRegionTwiceIsRefused() throws {
        let session = try Session.working()
        let rejection = try session.reject(.startWork(Fixture.work(Fixture.rightShoulder, Fixture.petrissage, .deep)))
        #expect(rejection.reason.contains("right shoulder"))
    }

    @Test func startingWorkElsewhereEndsTheActiveWorkFirst() throws {
        var session = try Session.working()
        session.advance(90)
        let next = Fixture.work(Fixture.leftShoulder)
        let events = try session.accept(.startWork(next))
        #expect(events == [SessionEvent(at: session.now, .workEnded(Fixture.rightShoulder)),
                           SessionEvent(at: session.now, .workStarted(next))])
        #expect(session.state.activeWork == next)
        #expect(session.state.segments.count == 2)
        #expect(session.state.segments[0].to == session.now)
        #expect(session.state.segments.filter { $0.to == nil }.count == 1)
    }

    @Test func revisitingARegionAfterWorkEndedIsAccepted() throws {
        var session = try Session.working()
        try session.accept(.endWork)
        try session.accept(.startWork(Fixture.work(Fixture.rightShoulder)))
        #expect(session.state.segments.count == 2)
    }

    @Test(arguments: [Pressure.deep, .deepest])
    func deepPressureOnCautionRegionNeedsConfirmation(pressure: Pressure) throws {
        var session = try Session.treating()
        let unconfirmed = Fixture.work(Fixture.leftCalf, Fixture.effleurage, pressure)
        let rejection = try session.reject(.startWork(unconfirmed))
        #expect(rejection.needsConfirmation)
        #expect(rejection.reason.contains("Caution regions (L calf)"))

        let confirmed = Fixture.work(Fixture.leftCalf, Fixture.effleurage, pressure, confirmed: true)
        let events = try session.accept(.startWork(confirmed))
        #expect(events.map(\.change) == [.workStarted(confirmed)])
        #expect(session.state.activeWork?.cautionConfirmed == true)
    }

    @Test(arguments: [Pressure.still, .light, .lotioning, .swedish])
    func lighterPressureOnCautionRegionNeedsNoConfirmation(pressure: Pressure) throws {
        var session = try Session.treating()
        try session.accept(.startWork(Fixture.work(Fixture.leftCalf, Fixture.effleurage, pressure)))
        #expect(session.state.activeWork?.pressure == pressure)
    }

    @Test func deepPressureOnUnflaggedRegionNeedsNoConfirmation() throws {
        var session = try Session.treating()
        try session.accept(.startWork(Fixture.work(Fixture.leftShoulder, Fixture.effleurage, .deepest)))
        #expect(session.state.activeWork?.pressure == .deepest)
    }

    @Test func cautionIsPerSide() throws {
        var session = try Session.treating()
        // Only the left calf is flagged: the right calf takes deep pressure without confirmation.
        try session.accept(.startWork(Fixture.work(Region(.calf, .right)!, Fixture.effleurage, .deep)))
        #expect(session.state.activeWork?.region.side == .right)
    }

    @Test func changePressureSplitsAndRecords() throws {
        var session = try Session.working()
        session.advance(45)
        let events = try session.accept(.changePressure(.deep, confirmed: false))
        #expect(events.map(\.change) == [.pressureChanged(.deep, cautionConfirmed: false)])
        #expect(session.state.activeWork?.pressure == .deep)
    }

    @Test func changePressureToSameLevelIsRefused() throws {
        let rejection = try Session.working().reject(.changePressure(.swedish, confirmed: false))
        #expect(rejection.reason.contains("already"))
    }

    @Test func changePressureWithoutActiveWorkIsRefused() throws {
        let rejection = try Session.treating().reject(.changePressure(.light, confirmed: false))
        #expect(rejection.reason.contains("Start work"))
    }

    @Test func deepPressureChangeOnCautionRegionNeedsConfirmation() throws {
        var session = try Session.treating()
        try session.accept(.startWork(Fixture.work(Fixture.leftCalf, Fixture.effleurage, .swedish)))
        let rejection = try session.reject(.changePressure(.deep, confirmed: false))
        #expect(rejection.needsConfirmation)

        let events = try session.accept(.changePressure(.deep, confirmed: true))
        #expect(events.map(\.change) == [.pressureChanged(.deep, cautionConfirmed: true)])
        #expect(session.state.activeWork?.cautionConfirmed == true)
        #expect(session.state.segments.last?.work.cautionConfirmed == true)
    }

    @Test func confirmationIsNotRecordedForLightPressure() throws {
        var session = try Session.treating()
        try session.accept(.startWork(Fixture.work(Fixture.leftCalf, Fixture.effleurage, .swedish)))
        let events = try session.accept(.changePressure(.light, confirmed: true))
        #expect(events.map(\.change) == [.pressureChanged(.light, cautionConfirmed: false)])
    }

    @Test func changeTechniqueRecordsTheTechnique() throws {
        var session = try Session.working()
        let events = try session.accept(.changeTechnique(Fixture.triggerPoint))
        #expect(events.map(\.change) == [.techniqueChanged(Fixture.triggerPoint)])
        #expect(session.state.activeWork?.technique == Fixture.triggerPoint)
        #expect(session.state.activeWork?.region == Fixture.rightShoulder)
    }

    @Test func changeTechniqueWithoutActiveWorkIsRefused() throws {
        var session = try Session.working()
        try session.accept(.endWork)
        let rejection = try session.reject(.changeTechnique(Fixture.petrissage))
        #expect(rejection.reason.contains("Start work"))
    }

    @Test func changeToTheSameTechniqueIsRefused() throws {
        _ = try Session.working().reject(.changeTechnique(Fixture.effleurage))
    }

    @Test func endWorkClosesTheSegment() throws {
        var session = try Session.working()
        session.advance(200)
        let events = try session.accept(.endWork)
        #expect(events.map(\.change) == [.workEnded(Fixture.rightShoulder)])
        #expect(session.state.activeWork == nil)
        #expect(session.state.segments.last?.to == session.now)
    }

    @Test func endWorkWithNothingActiveIsRefused() throws {
        let rejection = try Session.treating().reject(.endWork)
        #expect(rejection.reason.contains("No region"))
    }
}

@Suite("Decider: check-ins, notes and ending treatment")
struct DeciderCheckInTests {
    @Test(arguments: [-1, 11, -100, 100, Int.max])
    func outOfRangeScoreIsRefused(score: Int) throws {
        let rejection = try Session.working().reject(.checkIn(score: score, region: nil))
        #expect(rejection.reason.contains("0 to 10"))
    }

    @Test(arguments: [0, 5, 10])
    func scoresFromZeroToTenAreAccepted(score: Int) throws {
        var session = try Session.treating()
        let events = try session.accept(.checkIn(score: score, region: Fixture.lumbarSpine))
        #expect(events.map(\.change) == [.checkedIn(PainCheckIn(score: Fixture.score(score), region: Fixture.lumbarSpine))])
        #expect(session.state.checkIns.map(\.value.score.value) == [score])
        #expect(session.state.checkIns.last?.at == session.now)
    }

    @Test func regionDefaultsToTheActiveWork() throws {
        var session = try Session.working()
        try session.accept(.checkIn(score: 4, region: nil))
        #expect(session.state.checkIns.last?.value.region == Fixture.rightShoulder)
    }

    @Test func explicitRegionWinsOverActiveWork() throws {
        var session = try Session.working()
        try session.accept(.checkIn(score: 4, region: Fixture.lumbarSpine))
        #expect(session.state.checkIns.last?.value.region == Fixture.lumbarSpine)
    }

    @Test func withoutActiveWorkAndRegionTheCheckInHasNoRegion() throws {
        var session = try Session.treating()
        try session.accept(.checkIn(score: 4, region: nil))
        #expect(session.state.checkIns.count == 1)
        #expect(session.state.checkIns.last?.value.region == nil)
    }

    @Test func checkInOutsideTreatmentIsRefused() throws {
        _ = try Session.assessed().reject(.checkIn(score: 3, region: nil))
        _ = try Session.inAftercare().reject(.checkIn(score: 3, region: nil))
    }

    @Test(arguments: ["", " ", "\n\t  \n"])
    func emptyNoteIsRefused(text: String) throws {
        let rejection = try Session.working().reject(.note(text))
        #expect(rejection.reason.contains("empty"))
    }

    @Test func noteIsTrimmed() throws {
        var session = try Session.working()
        let events = try session.accept(.note("  Trigger point, upper trapezius \n"))
        #expect(events.map(\.change) == [.noted("Trigger point, upper trapezius")])
        #expect(session.state.notes.map(\.value) == ["Trigger point, upper trapezius"])
    }

    @Test func endTreatmentClosesActiveWork() throws {
        var session = try Session.working()
        session.advance(1200)
        let events = try session.accept(.endTreatment)
        #expect(events == [SessionEvent(at: session.now, .workEnded(Fixture.rightShoulder)),
                           SessionEvent(at: session.now, .treatmentEnded)])
        #expect(session.state.phase == .aftercare)
        #expect(session.state.activeWork == nil)
        #expect(session.state.treatmentEndedAt == session.now)
        #expect(session.state.segments.allSatisfy { $0.to != nil })
    }

    @Test func endTreatmentWithoutActiveWorkIsOneEvent() throws {
        var session = try Session.treating()
        let events = try session.accept(.endTreatment)
        #expect(events.map(\.change) == [.treatmentEnded])
    }

    @Test func endTreatmentOutsideTreatmentIsRefused() throws {
        _ = try Session.assessed().reject(.endTreatment)
        _ = try Session.inAftercare().reject(.endTreatment)
    }
}
