import Foundation
import PropertyBased
import Testing
import KneadCore

/// One random command, described by small numbers so that failures shrink to readable inputs.
struct Step: Sendable, CustomStringConvertible {
    var kind: Int
    var score: Int
    var region: Int
    var pressure: Int
    var flag: Bool
    var seconds: Int

    static let regions = [Fixture.leftShoulder, Fixture.rightShoulder, Fixture.lumbarSpine, Fixture.leftCalf,
                          Fixture.cervicalSpine]
    static let techniques = [Fixture.effleurage, Fixture.petrissage, Fixture.triggerPoint]

    static let generator = zip(Gen.int(in: 0...15), Gen.int(in: -1...11), Gen.int(in: 0...(regions.count - 1)),
                               Gen.int(in: 0...5), Gen.bool, Gen.int(in: 0...600))
        .map { Step(kind: $0.0, score: $0.1, region: $0.2, pressure: $0.3, flag: $0.4, seconds: $0.5) }

    var command: SessionCommand {
        let region = Self.regions[region]
        let pressure = Pressure(rawValue: pressure) ?? .swedish
        let technique = Self.techniques[self.pressure % Self.techniques.count]
        switch kind {
        case 0:
            return .start(client: flag ? Fixture.client : Client(id: ClientID("blank"), name: " "),
                          plannedMinutes: score * 25)
        case 1:
            var pains = PainScore(score).map { [RegionPain(region: region, score: $0)] } ?? []
            if self.pressure == 5 { pains += pains }
            return .recordAssessment(Assessment(painfulRegions: pains, cautionRegions: [Fixture.leftCalf],
                                                consent: flag || self.pressure > 1))
        case 2: return .beginTreatment
        case 3, 4: return .startWork(RegionWork(region: region, technique: technique, pressure: pressure,
                                                cautionConfirmed: flag))
        case 5: return .endWork
        case 6: return .changePressure(pressure, confirmed: flag)
        case 7: return .changeTechnique(Self.techniques[self.region % Self.techniques.count])
        case 8, 9: return .checkIn(score: score, region: flag ? region : nil)
        case 10: return .note(flag ? " note \(score) " : " \n")
        case 11: return .endTreatment
        case 12: return .recordAftercare(Aftercare(postPain: PainScore(score), plan: flag ? "Weekly" : " "))
        case 13: return .sign(by: flag ? "Dana Kim" : "")
        case 15: return .undo
        default:
            return .amend(Amendment(by: flag ? "Dana Kim" : "", reason: score > 0 ? "typo" : "",
                                    text: self.pressure > 0 ? "fix" : " "))
        }
    }

    var description: String { "+\(seconds)s \(command)" }
}

/// Applies commands the way the app does (decide, then fold) and checks the session machine's invariants
/// after every one.
struct InvariantRun {
    var state = SessionState(id: Fixture.sessionID)
    var now = Fixture.base
    var accepted: [SessionEvent] = []

    @discardableResult
    mutating func apply(_ command: SessionCommand, after seconds: Int = 0) -> Bool {
        now = now.addingTimeInterval(TimeInterval(seconds))
        let before = state
        let result = decide(command, state, at: now)
        #expect(decide(command, state, at: now) == result, "deciding is pure")
        switch result {
        case .failure(let rejection):
            #expect(!rejection.reason.isEmpty)
            #expect(state == before, "a rejection changes nothing")
            if before.phase == .signed, !command.isAmendment {
                #expect(rejection.reason.contains("signed"), "\(command) after signing: \(rejection.reason)")
            }
            if rejection.needsConfirmation {
                if let confirmed = command.confirmed {
                    #expect((try? decide(confirmed, state, at: now).get()) != nil,
                            "\(command) confirmed is accepted")
                } else {
                    Issue.record("only deep-pressure commands ask for confirmation, not \(command)")
                }
            }
            return false
        case .success(let events):
            #expect(!events.isEmpty)
            #expect(events.allSatisfy { $0.at == now })
            if before.phase == .signed {
                #expect(command.isAmendment, "only amendments are accepted after signing, not \(command)")
                #expect(events.allSatisfy { if case .amended = $0.change { true } else { false } })
            }
            state = events.reduce(state, evolve)
            accepted += events
            checkState(after: before)
            return true
        }
    }

    func checkState(after before: SessionState) {
        #expect(state.phase >= before.phase, "phase went back from \(before.phase) to \(state.phase)")
        #expect(!before.isStarted || state.isStarted)
        // Pain scores stored are on the 0–10 scale.
        var scores = state.checkIns.map(\.value.score)
        scores += state.assessment?.painfulRegions.map(\.score) ?? []
        scores += [state.aftercare?.postPain].compactMap { $0 }
        #expect(scores.allSatisfy { (0...10).contains($0.value) })
        // At most one open segment, and only the last one.
        #expect(state.segments.filter { $0.to == nil }.count <= 1)
        #expect(state.segments.dropLast().allSatisfy { $0.to != nil })
        #expect(state.segments.allSatisfy { segment in segment.to.map { $0 >= segment.from } ?? true })
        #expect(zip(state.segments, state.segments.dropFirst()).allSatisfy { pair in pair.0.to.map { $0 <= pair.1.from } ?? false })
        if state.phase >= .aftercare { #expect(state.activeWork == nil) }
        if state.activeWork != nil { #expect(state.phase == .treatment) }
        // Signed notes only grow by amendments.
        if before.phase == .signed {
            #expect(state.signature == before.signature)
            #expect(state.segments == before.segments)
            #expect(state.checkIns == before.checkIns)
            #expect(state.notes == before.notes)
            #expect(state.aftercare == before.aftercare)
            #expect(state.assessment == before.assessment)
            #expect(state.amendments.count == before.amendments.count + 1)
        }
    }

    /// Replaying every accepted event from scratch reproduces the state.
    func checkReplay() {
        #expect(state.events == accepted)
        #expect(SessionState(id: Fixture.sessionID, replaying: accepted) == state)
    }

    /// Issues the commands that move the session one phase on; they must all be accepted.
    mutating func progress() {
        switch (state.isStarted, state.phase) {
        case (false, _):
            #expect(apply(.start(client: Fixture.client, plannedMinutes: 60), after: 1))
        case (true, .assessment):
            #expect(apply(.recordAssessment(Fixture.assessment), after: 60))
            #expect(apply(.beginTreatment, after: 5))
        case (true, .treatment):
            let region = state.activeWork?.region == Fixture.leftShoulder ? Fixture.rightShoulder : Fixture.leftShoulder
            #expect(apply(.startWork(Fixture.work(region)), after: 5))
            #expect(apply(.endTreatment, after: 600))
        case (true, .aftercare):
            #expect(apply(.recordAftercare(Fixture.aftercare), after: 30))
            #expect(apply(.sign(by: "Dana Kim, LMT"), after: 30))
        case (true, .signed):
            break
        }
    }
}

extension SessionCommand {
    var isAmendment: Bool { if case .amend = self { true } else { false } }

    /// The same command with deep pressure confirmed, for the commands that can ask for it.
    var confirmed: SessionCommand? {
        switch self {
        case .startWork(var work):
            work.cautionConfirmed = true
            return .startWork(work)
        case .changePressure(let pressure, _):
            return .changePressure(pressure, confirmed: true)
        default:
            return nil
        }
    }
}

@Suite("Session machine properties")
struct SessionPropertyTests {
    @Test func randomCommandSequencesKeepTheInvariants() async {
        await propertyCheck(count: 300, input: Step.generator.array(of: 0...80)) { steps in
            var run = InvariantRun()
            for step in steps { run.apply(step.command, after: step.seconds) }
            run.checkReplay()
        }
    }

    @Test func everyPhaseSurvivesRandomCommands() async {
        // Random commands between the steps that move the session on, so that every phase, signed included,
        // meets random input; after signing only amendments may be accepted.
        await propertyCheck(count: 200, input: Step.generator.array(of: 0...20).array(of: 5)) { chunks in
            var run = InvariantRun()
            for (index, chunk) in chunks.enumerated() {
                for step in chunk { run.apply(step.command, after: step.seconds) }
                if index < 4 { run.progress() }
            }
            #expect(run.state.phase == .signed)
            run.checkReplay()
        }
    }

    @Test func acceptedEventsSurviveJSON() async throws {
        await propertyCheck(count: 100, input: Step.generator.array(of: 0...60)) { steps in
            var run = InvariantRun()
            run.progress()
            run.progress()
            for step in steps { run.apply(step.command, after: step.seconds) }
            let data = try JSONEncoder().encode(run.accepted)
            let decoded = try JSONDecoder().decode([SessionEvent].self, from: data)
            #expect(decoded == run.accepted)
            #expect(SessionState(id: Fixture.sessionID, replaying: decoded) == run.state)
        }
    }

    @Test func treatmentTimeAddsUpToTheSegments() async {
        await propertyCheck(count: 100, input: Step.generator.array(of: 0...60)) { steps in
            var run = InvariantRun()
            run.progress()
            run.progress()
            for step in steps { run.apply(step.command, after: step.seconds) }
            let later = run.now.addingTimeInterval(100)
            let total = run.state.segments.reduce(0) { $0 + $1.seconds(upTo: later) }
            let byRegion = run.state.secondsByRegion(upTo: later).values.reduce(0, +)
            let byTechnique = run.state.secondsByTechnique(upTo: later).values.reduce(0, +)
            #expect(byRegion == total)
            #expect(byTechnique == total)
            #expect(Set(run.state.workedRegions) == Set(run.state.segments.map(\.work.region)))
            if let began = run.state.treatmentBeganAt {
                #expect(total <= (run.state.treatmentEndedAt ?? later).timeIntervalSince(began))
            }
        }
    }
}
