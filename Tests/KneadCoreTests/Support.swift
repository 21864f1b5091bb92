import Foundation
import Testing
import KneadCore

/// Fixed moments and clinical values shared by the KneadCore tests. Never the wall clock.
enum Fixture {
    /// 2025-06-15 15:06:40 UTC; every test time is this plus an offset.
    static let base = Date(timeIntervalSince1970: 1_750_000_000)

    /// The moment `seconds` after ``base``.
    static func at(_ seconds: TimeInterval) -> Date { base.addingTimeInterval(seconds) }

    static let sessionID = SessionID("session-1")
    static let client = Client(id: ClientID("client-1"), name: "María José García", preferredName: "Majo")

    static let leftShoulder = Region(.shoulder, .left)!
    static let rightShoulder = Region(.shoulder, .right)!
    static let lumbarSpine = Region(.lumbarSpine)!
    static let cervicalSpine = Region(.cervicalSpine)!
    static let leftCalf = Region(.calf, .left)!

    static let effleurage = Technique("effleurage")
    static let petrissage = Technique("petrissage")
    static let triggerPoint = Technique("trigger-point")

    static func score(_ value: Int) -> PainScore { PainScore(value)! }

    /// An assessment with consent: left shoulder 6/10, lumbar spine 4/10; the left calf flagged for deep pressure.
    static let assessment = Assessment(
        chiefComplaint: "Shoulder aches when I lift the baby.",
        painfulRegions: [RegionPain(region: leftShoulder, score: score(6)),
                         RegionPain(region: lumbarSpine, score: score(4))],
        medications: "ibuprofen as needed",
        contraindications: "past clot in the left calf",
        cautionRegions: [leftCalf],
        goals: "Lift without pain",
        pressurePreference: .swedish,
        consent: true)

    static let aftercare = Aftercare(postPain: score(3), advice: [Aftercare.standardAdvice[0]],
                                     homeCare: "Heat 10 minutes nightly", plan: "Weekly for 4 weeks, shoulder focus")

    static func work(_ region: Region, _ technique: Technique = effleurage, _ pressure: Pressure = .swedish,
                     confirmed: Bool = false) -> RegionWork {
        RegionWork(region: region, technique: technique, pressure: pressure, cautionConfirmed: confirmed)
    }
}

/// A command that was expected to be accepted was refused (the issue is already recorded).
struct UnexpectedRejection: Error {}
/// A command that was expected to be refused was accepted (the issue is already recorded).
struct UnexpectedAcceptance: Error {}

/// A session under test: its state and a hand-moved clock.
struct Session {
    var state = SessionState(id: Fixture.sessionID)
    var now = Fixture.base

    /// Moves the clock forward.
    mutating func advance(_ seconds: TimeInterval) { now = now.addingTimeInterval(seconds) }

    /// Decides `command`, requires it to be accepted, and folds the events into the state.
    @discardableResult
    mutating func accept(_ command: SessionCommand, sourceLocation: SourceLocation = #_sourceLocation) throws -> [SessionEvent] {
        switch decide(command, state, at: now) {
        case .success(let events):
            #expect(!events.isEmpty, "an accepted command produces events", sourceLocation: sourceLocation)
            state = events.reduce(state, evolve)
            return events
        case .failure(let rejection):
            Issue.record("\(command) was refused: \(rejection.reason)", sourceLocation: sourceLocation)
            throw UnexpectedRejection()
        }
    }

    /// Decides `command`, requires it to be refused, and checks that the refusal changes nothing.
    func reject(_ command: SessionCommand, sourceLocation: SourceLocation = #_sourceLocation) throws -> Rejection {
        let before = state
        let result = decide(command, state, at: now)
        switch result {
        case .success(let events):
            Issue.record("\(command) was accepted with \(events.map(\.change.kind))", sourceLocation: sourceLocation)
            throw UnexpectedAcceptance()
        case .failure(let rejection):
            #expect(!rejection.reason.isEmpty, "a rejection says why", sourceLocation: sourceLocation)
            // Deciding is pure: asked again, it answers the same, and there is nothing to fold.
            #expect(decide(command, state, at: now) == result, sourceLocation: sourceLocation)
            let folded = [SessionEvent]().reduce(state, evolve)
            #expect(folded == before, sourceLocation: sourceLocation)
            #expect(state == before, sourceLocation: sourceLocation)
            return rejection
        }
    }

    // MARK: Sessions in each phase

    static func started(minutes: Int = 60) throws -> Session {
        var session = Session()
        try session.accept(.start(client: Fixture.client, plannedMinutes: minutes))
        return session
    }

    static func assessed(_ assessment: Assessment = Fixture.assessment) throws -> Session {
        var session = try started()
        session.advance(300)
        try session.accept(.recordAssessment(assessment))
        return session
    }

    static func treating(_ assessment: Assessment = Fixture.assessment) throws -> Session {
        var session = try assessed(assessment)
        session.advance(60)
        try session.accept(.beginTreatment)
        return session
    }

    /// In treatment, working the right shoulder with effleurage at Swedish pressure.
    static func working() throws -> Session {
        var session = try treating()
        try session.accept(.startWork(Fixture.work(Fixture.rightShoulder)))
        return session
    }

    static func inAftercare() throws -> Session {
        var session = try working()
        session.advance(1800)
        try session.accept(.endTreatment)
        return session
    }

    static func readyToSign() throws -> Session {
        var session = try inAftercare()
        session.advance(120)
        try session.accept(.recordAftercare(Fixture.aftercare))
        return session
    }

    static func signed() throws -> Session {
        var session = try readyToSign()
        session.advance(60)
        try session.accept(.sign(by: "Dana Kim, LMT"))
        return session
    }
}
