import Foundation
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

@Suite("Clients with conflicting versions, for the record screen and knead sync --status", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct ConflictingVersionsTests {
    let noor = Client(id: ClientID("client-conflict-1"), name: "Noor Haddad", preferredName: "Noor")

    @Test("Two offline edits of one client: the query gives both versions, the shown one first, who saved each, the fields that differ and a sentence; --status lists them; a save clears it")
    func conflictingVersions() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        try editApart(noor, on: a, and: b, server: server) {
            let shared = try a.journal.clientsWithConflictingVersions()
            #expect(shared.isEmpty)
        }

        let seenOnA = try a.journal.clientsWithConflictingVersions()
        #expect(seenOnA.count == 1)
        let conflict = try #require(seenOnA.first)
        #expect(conflict.client == noor.id)
        #expect(conflict.versions.map(\.savedBy) == ["Lee", nil])   // Lee's (later) shows; the other was saved here
        #expect(conflict.versions.map(\.record.email) == ["noor@example.org", ""])
        #expect(conflict.versions.map(\.record.phone) == ["555 0100", "555 0111"])
        #expect(conflict.differingFields == ["email", "phone"])
        #expect(try a.journal.conflictingVersions(of: noor.id) == conflict)
        let records: any PracticeRecords = a.journal   // what the client record screen reaches
        #expect(try records.conflictingVersions(of: noor.id) == conflict)
        let sentence = conflict.sentence { _ in "14:02" }
        #expect(sentence == "Edited on two machines apart: the version saved by Lee at 14:02 shows; another differs in email, phone. Check the record and save it to reconcile.")
        #expect(try b.journal.conflictingVersions(of: noor.id)?.versions.map(\.savedBy) == [nil, "Dana"])

        // knead sync --status lists the client, its versions and what to do.
        let status = try syncStatus(a)
        #expect(status.contains("Clients edited on two machines apart, to reconcile: 1"))
        #expect(status.contains("Noor Haddad: 2 versions, differing in email, phone"))
        #expect(status.contains("by Lee (shows)") && status.contains("by this machine"))
        #expect(status.contains("save it to reconcile"))

        a.clock.advance(by: 3_600)
        try a.journal.save(try #require(try a.journal.clientRecord(noor.id)))
        #expect(try a.journal.clientsWithConflictingVersions().isEmpty)
        #expect(try a.journal.conflictingVersions(of: noor.id) == nil)
        #expect(try !syncStatus(a).contains("to reconcile"))
    }

    func syncStatus(_ machine: Therapist) throws -> String { try syncStatusOutput(machine) }
}

/// What `knead sync --status` prints for a machine.
func syncStatusOutput(_ machine: Therapist) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try builtKnead())
    process.arguments = ["sync", "--status", "--data-dir", machine.folder.path]
    process.environment = ["HOME": machine.folder.path, "PATH": "/usr/bin:/bin", "TZ": "UTC",
                           "XDG_CONFIG_HOME": machine.folder.appendingPathComponent("config").path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
