import Foundation
import KneadCore
import KneadStore

/// Writes the demo practice in one transaction: the sessions are decided event by event as
/// always, collected in memory, then imported together, so the demo's first frame does not wait
/// for a disk sync per event (some 600 of them). Records, referrals and plans go straight through.
final class DemoSeeding: SessionJournal, CarePlanRecords, @unchecked Sendable {
    private let store: SQLiteJournal
    private let lock = NSLock()
    private var collected: [(id: SessionID, events: [SessionEvent])] = []

    init(into store: SQLiteJournal) { self.store = store }

    /// Seeds the demo practice at `now` into the store.
    static func seed(_ store: SQLiteJournal, now: Date, zone: TimeZone) throws {
        let seeding = DemoSeeding(into: store)
        try DemoPractice.seed(into: seeding, now: now, zone: zone)
        try store.importSessions(seeding.lock.withLock { seeding.collected })
    }

    func append(_ events: [SessionEvent], to session: SessionID) throws {
        lock.withLock {
            if let i = collected.firstIndex(where: { $0.id == session }) {
                collected[i].events += events
            } else {
                collected.append((session, events))
            }
        }
    }

    func waitUntilSaved() throws { try store.waitUntilSaved() }

    func events(of session: SessionID) throws -> [SessionEvent] {
        lock.withLock { collected.first { $0.id == session }?.events ?? [] }
    }

    func sessions(startedFrom from: Date, to: Date) throws -> [SessionListing] { try store.sessions(startedFrom: from, to: to) }
    func unfinishedSessions() throws -> [SessionListing] { try store.unfinishedSessions() }
    func clientDirectory() throws -> ClientDirectory { try store.clientDirectory() }
    func save(_ client: Client) throws { try store.save(client) }
    func clientRecords(includingArchived: Bool) throws -> [ClientRecord] { try store.clientRecords(includingArchived: includingArchived) }
    func clientRecord(_ id: ClientID) throws -> ClientRecord? { try store.clientRecord(id) }
    func save(_ record: ClientRecord) throws { try store.save(record) }
    func recordVersions(of id: ClientID) throws -> [Timed<ClientRecord>] { try store.recordVersions(of: id) }
    func save(_ referral: Referral, for client: ClientID) throws { try store.save(referral, for: client) }
    func referralVersions(of client: ClientID) throws -> [Timed<Referral>] { try store.referralVersions(of: client) }
    func save(_ plan: PlanOfCare, for client: ClientID) throws { try store.save(plan, for: client) }
    func planVersions(of client: ClientID) throws -> [Timed<PlanOfCare>] { try store.planVersions(of: client) }
}
