import Foundation

/// An error a journal reports when it may pass by itself: the disk is full for now.
///
/// The app keeps the events of such a failure and saves them when space returns, instead of
/// dropping what the therapist just did.
public protocol SpaceShortage: Error {
    /// Whether saving failed only for want of disk space.
    var isOutOfSpace: Bool { get }
    /// Whether saving may succeed later without the action being made again: disk space freed,
    /// or data files moved under knead put back. Such actions wait instead of being refused.
    var mayPassByItself: Bool { get }
}

extension SpaceShortage {
    public var mayPassByItself: Bool { isOutOfSpace }
}

/// Actions decided and shown but not saved yet because the disk was full, in the order made.
///
/// Each action's events stay one batch, so that when space returns every action is saved all
/// or nothing, in order, exactly as if the disk had never filled.
public struct WaitingEvents: Hashable, Sendable {
    /// The session the waiting actions belong to.
    public private(set) var session: SessionID?
    /// The waiting actions, oldest first; each is the events of one command.
    public private(set) var actions: [[SessionEvent]] = []
    /// The last reason saving failed, for the message.
    public private(set) var lastFailure: String?
    /// Whether the last failure was for want of disk space (false: the database refused them for
    /// another reason, which ``lastFailure`` gives; they still wait and are still retried).
    public private(set) var waitingForSpace = true

    public init() {}

    /// How many actions wait to be saved.
    public var count: Int { actions.count }
    /// Whether nothing waits.
    public var isEmpty: Bool { actions.isEmpty }

    mutating func keep(_ events: [SessionEvent], of session: SessionID, because failure: any Error, forSpace: Bool? = nil) {
        self.session = session
        actions.append(events)
        lastFailure = String(describing: failure)
        if let forSpace { waitingForSpace = forSpace }
    }

    mutating func failed(_ failure: any Error, forSpace: Bool) {
        lastFailure = String(describing: failure)
        waitingForSpace = forSpace
    }

    mutating func saved() {
        actions.removeFirst()
        if actions.isEmpty {
            session = nil
            lastFailure = nil
            waitingForSpace = true
        }
    }
}

extension SessionJournal {
    /// Like ``perform(_:on:at:)``, but when the disk is full the events are applied to `state`
    /// and kept in `waiting`, to be saved by ``saveWaiting(_:)``, instead of being refused.
    ///
    /// Actions already waiting are saved first, in order; while any still waits, new ones wait
    /// behind them so the journal never sees an action before an earlier one.
    public func perform(_ command: SessionCommand, on state: inout SessionState, at now: Date,
                        waiting: inout WaitingEvents) throws(CommandFailure) {
        let events: [SessionEvent]
        switch decide(command, state, at: now) {
        case .failure(let rejection): throw .rejected(rejection)
        case .success(let decided): events = decided
        }
        if waiting.session != nil, waiting.session != state.id {
            throw .notSaved(WaitingForAnotherSession())
        }
        _ = try? saveWaiting(&waiting)
        if waiting.isEmpty {
            do {
                try append(events, to: state.id)
            } catch let error as SpaceShortage where error.mayPassByItself {
                waiting.keep(events, of: state.id, because: error, forSpace: error.isOutOfSpace)
            } catch {
                throw .notSaved(error)
            }
        } else {
            waiting.keep(events, of: state.id, because: waiting.lastFailure.map(KeptFailure.init) ?? KeptFailure(""))
        }
        for event in events { state.evolve(event) }
    }

    /// Saves the waiting actions in order, stopping at the first that still cannot be saved.
    ///
    /// - Returns: true when nothing waits any more.
    /// - Throws: the error of an action that failed for another reason than space; it stays waiting.
    @discardableResult
    public func saveWaiting(_ waiting: inout WaitingEvents) throws -> Bool {
        while let session = waiting.session, let events = waiting.actions.first {
            do {
                try append(events, to: session)
            } catch let error as SpaceShortage where error.mayPassByItself {
                waiting.failed(error, forSpace: error.isOutOfSpace)
                return false
            } catch {
                waiting.failed(error, forSpace: false)
                throw error
            }
            waiting.saved()
        }
        return true
    }
}

/// New actions on one session while another session's actions wait to be saved.
public struct WaitingForAnotherSession: Error, CustomStringConvertible {
    public var description: String {
        "Actions of another session are still waiting to be saved. Free some disk space first."
    }
}

/// The reason an earlier save failed, kept for actions that waited behind it.
struct KeptFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
