import Foundation

/// Durable storage of referrals and plans of care, every version kept with its time like the
/// client record. KneadStore implements it over SQLite.
public protocol CarePlanRecords: AnyObject, Sendable {
    /// Saves a client's referral. Earlier versions stay, each with the time it was saved.
    func save(_ referral: Referral, for client: ClientID) throws
    /// Every saved version of a client's referral, oldest first.
    func referralVersions(of client: ClientID) throws -> [Timed<Referral>]
    /// Saves a client's plan of care. Earlier versions stay, each with the time it was saved.
    func save(_ plan: PlanOfCare, for client: ClientID) throws
    /// Every saved version of a client's plan of care, oldest first.
    func planVersions(of client: ClientID) throws -> [Timed<PlanOfCare>]
}

extension CarePlanRecords {
    /// The client's referral as last saved, if any.
    public func referral(of client: ClientID) throws -> Referral? { try referralVersions(of: client).last?.value }
    /// The client's plan of care as last saved, if any.
    public func plan(of client: ClientID) throws -> PlanOfCare? { try planVersions(of: client).last?.value }
}
