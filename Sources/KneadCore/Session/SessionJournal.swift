import Foundation

/// A session as a list shows it, without replaying its events.
public struct SessionListing: Hashable, Sendable {
    public var id: SessionID
    public var client: Client
    public var startedAt: Date
    public var plannedMinutes: Int
    public var phase: Phase
    public init(id: SessionID, client: Client, startedAt: Date, plannedMinutes: Int, phase: Phase) {
        self.id = id
        self.client = client
        self.startedAt = startedAt
        self.plannedMinutes = plannedMinutes
        self.phase = phase
    }
}

/// Durable storage of session events and clients. KneadStore implements it over SQLite.
///
/// Every method is synchronous: when `append` returns, the events are on disk.
public protocol SessionJournal: AnyObject, Sendable {
    /// Appends events to a session, all or none, durably. The first event of a session must be `.started`.
    /// A journal told to overlap its syncs with drawing (SQLite's, under the terminal) may return
    /// once the events are committed and before they are synced: ``waitUntilSaved()`` then waits.
    func append(_ events: [SessionEvent], to session: SessionID) throws
    /// Returns once every event appended so far is on disk; throws when a sync failed.
    func waitUntilSaved() throws
    /// Every event of a session in the order appended.
    func events(of session: SessionID) throws -> [SessionEvent]
    /// Sessions started in `[from, to)`, oldest first.
    func sessions(startedFrom from: Date, to: Date) throws -> [SessionListing]
    /// Sessions not yet signed, oldest first.
    func unfinishedSessions() throws -> [SessionListing]
    /// Adds a client or updates the name of one with the same id, keeping the rest of its record.
    func save(_ client: Client) throws
    /// Every client not archived, by name, with the search keys find-as-you-type matches; the
    /// store keeps them folded, so that a long list opens without reading every record.
    func clientDirectory() throws -> ClientDirectory
    /// Client records by name; archived ones too when asked.
    func clientRecords(includingArchived: Bool) throws -> [ClientRecord]
    /// One client's record, or nil when there is no such client.
    func clientRecord(_ id: ClientID) throws -> ClientRecord?
    /// Saves a client record. Earlier versions stay, each with the time it was saved.
    func save(_ record: ClientRecord) throws
    /// Every saved version of a client's record, oldest first.
    func recordVersions(of id: ClientID) throws -> [Timed<ClientRecord>]
}

/// Why a command changed nothing: the session machine refused it, or its events could not be saved.
public enum CommandFailure: Error, Sendable, CustomStringConvertible {
    case rejected(Rejection)
    case notSaved(any Error)

    public var description: String {
        switch self {
        case .rejected(let rejection): rejection.reason
        case .notSaved(let error): "Could not save: \(error). Nothing was changed; try again."
        }
    }
}

extension SessionJournal {
    /// Decides a command, appends its events durably, and only then applies them to `state`.
    /// On failure `state` is unchanged.
    public func perform(_ command: SessionCommand, on state: inout SessionState, at now: Date) throws(CommandFailure) {
        let events: [SessionEvent]
        switch decide(command, state, at: now) {
        case .failure(let rejection): throw .rejected(rejection)
        case .success(let decided): events = decided
        }
        do {
            try append(events, to: state.id)
        } catch {
            throw .notSaved(error)
        }
        for event in events { state.evolve(event) }
    }
}

public extension SessionJournal {
    /// Every client not archived, by name: the directory's clients.
    func clients() throws -> [Client] { try clientDirectory().clients }
}
