import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

/// Clients another therapist writes reach this machine's client directory (what the picker lists
/// and matches) with their keys folded, through a real clinic server.
@Suite("Clinic sync and the client directory", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct ClientDirectorySyncTests {
    /// The names of the clients the picker finds on a machine for what is typed.
    static func found(_ typed: String, on therapist: Therapist) throws -> [String] {
        var finder = ClientFinder(try therapist.journal.clientDirectory())
        return finder.matches(typed).map { finder.directory.clients[$0].name }
    }

    @Test("A client saved, renamed and archived on one machine is found, renamed and hidden on the other")
    func pulledClientsReachThePicker() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        let noor = Client(id: ClientID("client-noor-1"), name: "Noor Haddad", preferredName: "Nouri")
        var record = ClientRecord(client: noor, phone: "+961 3 123 456")
        try a.journal.save(record)
        try a.treat(Client(id: ClientID("client-ines-1"), name: "Inès Duarte"))
        _ = try a.sync(server)
        _ = try b.sync(server)
        #expect(try Self.found("nouri", on: b) == ["Noor Haddad"])
        #expect(try Self.found("123 456", on: b) == ["Noor Haddad"])
        #expect(try Self.found("ines", on: b) == ["Inès Duarte"])
        #expect(try b.count("SELECT count(*) FROM client_directory WHERE search_key IS NULL OR phone_digits IS NULL") == 0)

        a.clock.advance(by: 600)
        record.client.name = "Noor Khalil"
        try a.journal.save(record)
        _ = try a.sync(server)
        _ = try b.sync(server)
        #expect(try Self.found("khalil", on: b) == ["Noor Khalil"])
        #expect(try Self.found("haddad", on: b).isEmpty)

        a.clock.advance(by: 600)
        record.archived = true
        try a.journal.save(record)
        _ = try a.sync(server)
        _ = try b.sync(server)
        #expect(try Self.found("noor", on: b).isEmpty)
        #expect(try b.journal.clientDirectory().clients.map(\.name) == b.journal.clientRecords(includingArchived: false).map(\.client.name))
    }
}
