import Foundation
import KneadCore
import KneadStore

/// A journal that hands every call to a real SQLite journal: a test's wrapper implements only
/// the calls it counts or makes fail, and gets the rest from here.
protocol ForwardingJournal: SessionJournal {
    var base: SQLiteJournal { get }
}

extension ForwardingJournal {
    func append(_ events: [SessionEvent], to session: SessionID) throws { try base.append(events, to: session) }
    func waitUntilSaved() throws { try base.waitUntilSaved() }
    func events(of session: SessionID) throws -> [SessionEvent] { try base.events(of: session) }
    func sessions(startedFrom from: Date, to: Date) throws -> [SessionListing] { try base.sessions(startedFrom: from, to: to) }
    func unfinishedSessions() throws -> [SessionListing] { try base.unfinishedSessions() }
    func clientDirectory() throws -> ClientDirectory { try base.clientDirectory() }
    func save(_ client: Client) throws { try base.save(client) }
    func clientRecords(includingArchived: Bool) throws -> [ClientRecord] { try base.clientRecords(includingArchived: includingArchived) }
    func clientRecord(_ id: ClientID) throws -> ClientRecord? { try base.clientRecord(id) }
    func save(_ record: ClientRecord) throws { try base.save(record) }
    func recordVersions(of id: ClientID) throws -> [Timed<ClientRecord>] { try base.recordVersions(of: id) }
}
