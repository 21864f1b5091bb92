import Foundation
import KneadCore
@testable import KneadStore

/// A fresh folder under the system temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("knead-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A data folder inside, not yet created.
    var dataFolder: URL { url.appendingPathComponent("data", isDirectory: true) }

    /// The database file the store uses in ``dataFolder``.
    var databaseFile: URL { DataLocation(folder: dataFolder).databaseFile }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The permission bits of a file or folder.
func permissions(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    guard let mode = attributes[.posixPermissions] as? NSNumber else { return -1 }
    return mode.intValue & 0o777
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// A client for tests.
let ada = Client(id: ClientID("client-ada"), name: "Ada Byron", preferredName: "Ada")

/// A moment whose lowest bit is set: it does not survive a trip through seconds since 1970.
let awkwardMoment = Date(timeIntervalSinceReferenceDate: 797_000_000.123_456_7)

/// Runs commands through the decider, appending each command's events to the journal as the app would.
///
/// Returns the state folded in memory. The clock moves on by an irregular fraction of a second
/// between commands so that stored times are not round numbers.
@discardableResult
func run(_ commands: [SessionCommand], in session: SessionID, journal: SQLiteJournal,
         from state: SessionState? = nil, clock: ManualClock) throws -> SessionState {
    var state = state ?? SessionState(id: session)
    for command in commands {
        clock.advance(by: 61.000_000_123)
        switch decide(command, state, at: clock.now()) {
        case .success(let events):
            try journal.append(events, to: session)
            for event in events { state.evolve(event) }
        case .failure(let rejection):
            throw TestFailure(description: "The decider refused \(command): \(rejection.reason)")
        }
    }
    return state
}

/// A whole session, start to signature, as a therapist would run it.
func wholeSession(client: Client = ada) throws -> [SessionCommand] {
    guard let lowBack = Region(.lowBack, .left), let glute = Region(.gluteal, .right),
          let calf = Region(.calf, .left), let six = PainScore(6), let four = PainScore(4),
          let post = PainScore(3)
    else { throw TestFailure(description: "test vocabulary is missing") }
    let assessment = Assessment(
        chiefComplaint: "Aching low back after gardening",
        painfulRegions: [RegionPain(region: lowBack, score: six), RegionPain(region: glute, score: four)],
        conditions: "none", medications: "ibuprofen", contraindications: "varicose veins, left calf",
        cautionRegions: [calf], goals: "garden without pain", pressurePreference: .deep, consent: true)
    return [
        .start(client: client, plannedMinutes: 60),
        .recordAssessment(assessment),
        .beginTreatment,
        .startWork(RegionWork(region: lowBack, technique: Technique("effleurage"), pressure: .swedish)),
        .checkIn(score: 5, region: nil),
        .changePressure(.deep, confirmed: false),
        .changeTechnique(Technique("trigger-point")),
        .note("Taut band along the left quadratus lumborum"),
        .startWork(RegionWork(region: glute, technique: Technique("myofascial-release"), pressure: .deep)),
        .checkIn(score: 3, region: glute),
        .endTreatment,
        .recordAftercare(Aftercare(postPain: post, advice: [Aftercare.standardAdvice[0]],
                                   homeCare: "Knee-to-chest stretch twice a day", plan: "Weekly for four weeks")),
        .sign(by: "Sam Rivera, LMT"),
    ]
}

/// A client and session start without the rest, for listing tests.
func startOnly(_ client: Client, minutes: Int = 30) -> [SessionCommand] {
    [.start(client: client, plannedMinutes: minutes)]
}
