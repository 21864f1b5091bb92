import Foundation
import GRDB
import KneadCore
@testable import KneadStore
@testable import KneadSync

/// A therapist's machine for the tests: a data folder, a journal on a manual clock, a name.
final class Therapist {
    let folder: URL
    let clock: ManualClock
    let journal: SQLiteJournal
    let name: String

    init(_ name: String, at start: Date = Date(timeIntervalSinceReferenceDate: 815_000_000.25)) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-sync-\(UUID().uuidString.prefix(8))")
        clock = ManualClock(start)
        journal = try SQLiteJournal.open(folder: folder, clock: clock)
        self.name = name
    }

    deinit {
        try? journal.close()
        try? FileManager.default.removeItem(at: folder)
    }

    func sync(_ server: String, batchSize: Int = 2_000, afterServerCommit: (() throws -> Void)? = nil) throws -> ClinicSync.Outcome {
        var sync = ClinicSync(journal: journal, address: try ServerAddress(server, source: .option), therapist: name)
        sync.batchSize = batchSize
        sync.afterServerCommit = afterServerCommit
        return try sync.run()
    }

    /// Runs a whole session for a client, start to signature; returns its id.
    @discardableResult
    func treat(_ client: Client, note: String = "Taut band along the left quadratus lumborum", signed: Bool = true) throws -> SessionID {
        let session = SessionID.make()
        var state = SessionState(id: session)
        var commands = try wholeSession(client: client, note: note)
        if !signed { commands.removeLast(3) }
        for command in commands {
            clock.advance(by: 61.000_000_123)
            switch decide(command, state, at: clock.now()) {
            case .success(let events):
                try journal.append(events, to: session)
                for event in events { state.evolve(event) }
            case .failure(let rejection):
                throw SyncTestFailure("The decider refused \(command): \(rejection.reason)")
            }
        }
        return session
    }

    /// Rows of the local database, through SQL.
    func count(_ sql: String) throws -> Int {
        try journal.dbPool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}

/// One client edited on two machines while apart: Dana saves the record and both sync (then
/// `whenShared` runs); Dana changes the phone, Lee (later) the e-mail, offline; then both sync, Dana
/// last, so both machines hold both versions.
func editApart(_ client: Client, on a: Therapist, and b: Therapist, server: String,
               whenShared: () throws -> Void = {}) throws {
    try a.journal.save(ClientRecord(client: client, phone: "555 0100"))
    _ = try a.sync(server)
    _ = try b.sync(server)
    try whenShared()
    a.clock.advance(by: 600)
    b.clock.advance(by: 1_200)
    guard var onA = try a.journal.clientRecord(client.id), var onB = try b.journal.clientRecord(client.id) else {
        throw SyncTestFailure("the client's record did not reach both machines")
    }
    onA.phone = "555 0111"
    try a.journal.save(onA)
    onB.email = "noor@example.org"
    try b.journal.save(onB)
    _ = try a.sync(server)
    _ = try b.sync(server)
    _ = try a.sync(server)
}

struct SyncTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A whole session, start to signature.
func wholeSession(client: Client, note: String) throws -> [SessionCommand] {
    guard let lowBack = Region(.lowBack, .left), let six = PainScore(6), let post = PainScore(3)
    else { throw SyncTestFailure("test vocabulary is missing") }
    let assessment = Assessment(
        chiefComplaint: "Aching low back after gardening",
        painfulRegions: [RegionPain(region: lowBack, score: six)],
        conditions: "none", medications: "", contraindications: "",
        cautionRegions: [], goals: "garden without pain", pressurePreference: .swedish, consent: true)
    return [
        .start(client: client, plannedMinutes: 60),
        .recordAssessment(assessment),
        .beginTreatment,
        .startWork(RegionWork(region: lowBack, technique: Technique("effleurage"), pressure: .swedish)),
        .checkIn(score: 5, region: nil),
        .note(note),
        .endTreatment,
        .recordAftercare(Aftercare(postPain: post, advice: [Aftercare.standardAdvice[0]],
                                   homeCare: "Knee-to-chest stretch", plan: "Weekly")),
        .sign(by: "LMT"),
    ]
}

/// One value from the server.
func serverValue(_ url: String, _ sql: String) throws -> String? {
    try TestCluster.admin(url, sql).first?.first ?? nil
}

func serverCount(_ url: String, _ sql: String) throws -> Int {
    Int(try serverValue(url, sql) ?? "") ?? -1
}
