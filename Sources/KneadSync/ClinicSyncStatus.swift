import Foundation
import KneadStore

/// What the clinic sync looks like from this machine: a snapshot the title bar and
/// `knead sync --status` read, made from what the journal records of each sync.
public struct ClinicSyncStatus: Equatable, Sendable {
    /// Where the sync stands.
    public enum State: Equatable, Sendable {
        /// No sync has completed on this machine yet, and none has failed.
        case notYet
        /// The last sync completed at that time.
        case synced(at: Date)
        /// No sync has completed since that time; `reason` is the last failure, as a sentence
        /// (the server down, a wrong password, a newer server schema, its disk full…).
        case offline(since: Date, reason: String)
    }

    public var state: State
    /// Rows written here that the server does not hold yet.
    public var waiting: Int
    /// Rows the server refused, kept here.
    public var refused: Int
    /// Clients edited on two machines apart, waiting to be reconciled.
    public var clientsToReconcile: Int
    /// A sentence when this machine's clock is far from the server's, else nil.
    public var clockNotice: String?

    public init(state: State, waiting: Int = 0, refused: Int = 0, clientsToReconcile: Int = 0, clockNotice: String? = nil) {
        self.state = state
        self.waiting = waiting
        self.refused = refused
        self.clientsToReconcile = clientsToReconcile
        self.clockNotice = clockNotice
    }

    /// The status as the journal records it.
    public init(_ local: LocalSyncStatus, clockNotice: String? = nil) {
        let state: State
        if let since = local.offlineSince {
            state = .offline(since: since, reason: local.lastError ?? "The last sync did not complete.")
        } else if let success = local.lastSuccess {
            state = .synced(at: success)
        } else {
            state = .notYet
        }
        self.init(state: state, waiting: local.waiting, refused: local.refused.count,
                  clientsToReconcile: local.clientsToReconcile, clockNotice: clockNotice)
    }

    /// The few words for the title bar: "synced 14:02", "offline since 13:40 · 3 waiting".
    /// `time` formats a moment as the app shows times (HH:MM in the practice's zone).
    public func shortText(time: (Date) -> String) -> String {
        let waitingText = waiting > 0 ? "\(waiting) waiting" : nil
        let head: String? = switch state {
        case .notYet: waitingText == nil ? "not synced yet" : nil
        case .synced(let at): "synced \(time(at))"
        case .offline(let since, _): "offline since \(time(since))"
        }
        return [head, waitingText].compactMap { $0 }.joined(separator: " · ")
    }

    /// The reason the last sync failed, as a sentence; nil when it did not fail.
    public var reason: String? {
        if case .offline(_, let reason) = state { return reason }
        return nil
    }
}
