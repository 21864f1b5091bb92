import Foundation
import GRDB
import KneadCore

/// Referrals and plans of care: every version in `referral_changes` and `plan_of_care_changes`,
/// the latest one current. The client must be known to the practice first.
extension SQLiteJournal: CarePlanRecords {
    public func save(_ referral: Referral, for client: ClientID) throws {
        try appendVersion(of: referral, for: client, table: "referral_changes", column: "referral")
    }

    public func referralVersions(of client: ClientID) throws -> [Timed<Referral>] {
        try versions(for: client, table: "referral_changes", column: "referral", what: "referral")
    }

    public func save(_ plan: PlanOfCare, for client: ClientID) throws {
        try appendVersion(of: plan, for: client, table: "plan_of_care_changes", column: "plan")
    }

    public func planVersions(of client: ClientID) throws -> [Timed<PlanOfCare>] {
        try versions(for: client, table: "plan_of_care_changes", column: "plan", what: "plan of care")
    }

    private func appendVersion(of value: some Encodable, for client: ClientID, table: String, column: String) throws {
        let now = clock.now().timeIntervalSinceReferenceDate
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = String(data: try encoder.encode(value), encoding: .utf8) else {
            throw StoreError.failed(reason: "a care plan could not be written as text")
        }
        try translate {
            try dbPool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM clients WHERE id = ?", arguments: [client.rawValue]) != nil else {
                    throw StoreError.failed(reason: "there is no client \(client); save the client's record first")
                }
                try db.execute(sql: "INSERT INTO \(table) (client_id, at, \(column)) VALUES (?, ?, ?)",
                               arguments: [client.rawValue, now, json])
            }
        }
    }

    private func versions<Value: Decodable & Hashable & Sendable>(for client: ClientID, table: String, column: String,
                                                                 what: String) throws -> [Timed<Value>] {
        try translate {
            try dbPool.read { db in
                try Row.fetchAll(db, sql: "SELECT at, \(column) FROM \(table) WHERE client_id = ? ORDER BY at, rowid",
                                 arguments: [client.rawValue]).map { row in
                    let at = Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 0))
                    do {
                        let value = try JSONDecoder().decode(Value.self, from: Data(try row.decode(String.self, atIndex: 1).utf8))
                        return Timed(value, at: at)
                    } catch {
                        throw StoreError.failed(reason: "the \(what) of client \(client) cannot be read")
                    }
                }
            }
        }
    }
}

extension SQLiteJournal {
    /// The progress report of a client as the records stand: every session replayed, the
    /// referral and plan as last saved. `since` narrows the visits described, not those counted.
    public func progressReport(for record: ClientRecord, since: CalendarDate?, now: Date, zone: TimeZone,
                               catalog: TechniqueCatalog) throws -> ProgressReport {
        let sessions = try sessions(startedFrom: .distantPast, to: .distantFuture)
            .filter { $0.client.id == record.id }
            .map { SessionState(id: $0.id, replaying: try events(of: $0.id)) }
        return ProgressReport(record: record, referral: try referral(of: record.id), plan: try plan(of: record.id),
                              sessions: sessions, since: since, now: now, zone: zone, catalog: catalog)
    }
}
