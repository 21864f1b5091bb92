import Foundation
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

@Suite("knead review --clinic: the owner's day across therapists", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct ClinicReviewTests {
    let noor = Client(id: ClientID("client-review-1"), name: "Noor Haddad", preferredName: nil)
    let ines = Client(id: ClientID("client-review-2"), name: "Ines Duarte", preferredName: nil)

    /// A session opened with a red flag in screening and left unsigned.
    func redFlagSession(on machine: Therapist) throws {
        var screening = Screening()
        screening.set(.yes, for: "major-trauma")
        let session = SessionID.make()
        var state = SessionState(id: session)
        for command: SessionCommand in [.start(client: ines, plannedMinutes: 45),
                                        .recordAssessment(Assessment(chiefComplaint: "Back after a fall", screening: screening, consent: true))] {
            machine.clock.advance(by: 60)
            guard case .success(let events) = decide(command, state, at: machine.clock.now()) else {
                throw SyncTestFailure("The decider refused \(command)")
            }
            try machine.journal.append(events, to: session)
            for event in events { state.evolve(event) }
        }
    }

    func review(_ machine: Therapist, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try builtKnead())
        process.arguments = ["review", "--clinic", "--data-dir", machine.folder.path, "--therapist", machine.name] + arguments
        process.environment = ["HOME": machine.folder.path, "PATH": "/usr/bin:/bin", "TZ": "UTC",
                               "XDG_CONFIG_HOME": machine.folder.appendingPathComponent("config").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("Each therapist's sessions, minutes, unsigned notes and red flags, from what was pulled, then the clinic's totals")
    func clinicDay() throws {
        let server = try TestPostgres.freshDatabase()
        let dana = try Therapist("Dana"), lee = try Therapist("Lee")
        try dana.treat(noor)
        try dana.treat(noor)
        try lee.treat(ines)
        try redFlagSession(on: lee)
        _ = try lee.sync(server)
        _ = try dana.sync(server)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let c = utc.dateComponents([.year, .month, .day], from: dana.clock.now())
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)

        let text = try review(dana, ["--date", day])
        #expect(text.status == 0)
        let lines = text.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Clinic day: ") == true && lines.first?.contains(day) == true)
        let danaLine = try #require(lines.first { $0.hasPrefix("Dana: ") })
        let leeLine = try #require(lines.first { $0.hasPrefix("Lee: ") })
        #expect(danaLine.hasPrefix("Dana: 2 sessions,") && danaLine.hasSuffix(" 0 unsigned, 0 red flags"), "\(danaLine)")
        #expect(leeLine.hasPrefix("Lee: 2 sessions,") && leeLine.hasSuffix(" 1 unsigned, 1 red flag"), "\(leeLine)")
        #expect(try #require(lines.last).hasPrefix("Clinic: 2 therapists, 4 sessions,"))
        #expect(try #require(lines.last).hasSuffix("1 unsigned, 1 red flag"))
        #expect(lines.contains { $0.contains("Ines Duarte") && $0.contains("unsigned") && $0.contains("red flag") })
        #expect(lines.firstIndex(of: danaLine)! < lines.firstIndex(of: leeLine)!)

        let json = try review(dana, ["--date", day, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let therapists = try #require(object["therapists"] as? [[String: Any]])
        #expect(therapists.map { $0["name"] as? String } == ["Dana", "Lee"])
        #expect(therapists.map { $0["unsigned"] as? Int } == [0, 1])
        #expect(therapists.map { $0["redFlags"] as? Int } == [0, 1])
        #expect((object["sessions"] as? [Any])?.count == 4)

        // Lee's machine sees the same day from its side.
        _ = try lee.sync(server)
        let fromLee = try review(lee, ["--date", day])
        #expect(fromLee.output.contains("Dana: 2 sessions,") && fromLee.output.contains("Lee: 2 sessions,"))
    }
}

/// `knead` beside the test bundle in the build folder.
func builtKnead() throws -> String {
    if let override = ProcessInfo.processInfo.environment["KNEAD_BINARY"] { return override }
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: me).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("knead").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    throw SyncTestFailure("The knead binary was not found beside the test bundle; run swift build first or set KNEAD_BINARY.")
}
