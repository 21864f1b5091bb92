import Foundation

/// One entry of the access log: who looked at or copied what, and when.
///
/// Health data is read on screen, printed, exported and copied; the access log keeps a line for
/// each of these so that a practice can answer "who saw this client's record, and when". Entries
/// are only ever added.
public struct AccessEntry: Sendable, Equatable {
    /// What was done.
    public enum Action: String, Sendable, CaseIterable {
        case record, history, export, handout, review, search, backup, restore, audit, report
    }

    public var at: Date
    /// The therapist or login name that did it.
    public var who: String
    public var action: Action
    /// The client concerned, when the access was about one client.
    public var client: ClientID?
    /// What exactly: a session id, a day, the words searched for, a file.
    public var detail: String

    public init(at: Date, who: String, action: Action, client: ClientID? = nil, detail: String = "") {
        self.at = at
        self.who = who
        self.action = action
        self.client = client
        self.detail = detail
    }
}

/// Where accesses are recorded; the app records views through it (KneadStore implements it).
public protocol AccessRecording: Sendable {
    /// Appends one entry; throws when it cannot be recorded.
    func recordAccess(_ entry: AccessEntry) throws
}
