import Foundation
import GRDB
import Synchronization

/// The check of the entries added since the last open, run on its own thread after the first
/// frame: on a large journal just upgraded it reads millions of entries, which must not keep
/// the therapist from the screen.
///
/// It reads on a connection of its own, in one snapshot, so appends go on meanwhile and quitting
/// never waits for it. Only when it has finished is the checkpoint moved on (to the last entry of
/// that snapshot), so a check cut short by quitting is done again, whole, at the next open:
/// nothing is lost, and a finding is said once.
public final class NewEntriesCheck: Sendable {
    /// How a check ended.
    public enum Outcome: Hashable, Sendable {
        /// Every new entry is as knead wrote it.
        case intact
        /// What was changed, removed or inserted outside knead, oldest first.
        case found([JournalFinding])
        /// The check could not run; the sentence says why (no client data).
        case failed(String)
    }

    private let journal: SQLiteJournal
    private let state = Mutex<(started: Bool, finished: Bool, outcome: Outcome?)>((false, false, nil))

    public init(journal: SQLiteJournal) {
        self.journal = journal
    }

    /// Starts the check on its own thread, once; later calls do nothing.
    public func start() {
        let begin = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        guard begin else { return }
        Thread.detachNewThread { [self] in
            let outcome: Outcome
            do {
                let findings = try journal.checkNewEntriesOnOwnConnection()
                outcome = findings.isEmpty ? .intact : .found(findings)
            } catch {
                outcome = .failed("\(error)")
            }
            state.withLock {
                $0.outcome = outcome
                $0.finished = true
            }
        }
    }

    /// The outcome once the check has finished, given once; nil before (or after it was taken).
    public func takeOutcome() -> Outcome? {
        state.withLock { state in
            defer { state.outcome = nil }
            return state.outcome
        }
    }

    /// Lets a finished check run again, e.g. after it could not run (a file moved under knead
    /// for a moment): its outcome, if not taken, is dropped.
    public func reset() {
        state.withLock { state in
            if state.finished { state = (false, false, nil) }
        }
    }

    /// Whether the check was started.
    public var isStarted: Bool { state.withLock { $0.started } }

    /// Waits until a started check has finished, leaving its outcome to ``takeOutcome()``.
    /// Returns at once when none was started.
    public func waitUntilFinished() {
        while state.withLock({ $0.started && !$0.finished }) { usleep(2_000) }
    }
}

extension SQLiteJournal {
    /// Checks, on a read-only connection of its own, what was added since the last check, then
    /// moves the checkpoint on to what that snapshot held. The journal's own connections are
    /// used only for the short write of the checkpoint.
    /// - Parameter afterReading: for tests, run between the read and the checkpoint's write.
    func checkNewEntriesOnOwnConnection(afterReading: (() throws -> Void)? = nil) throws -> [JournalFinding] {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let reader = try translate { try DatabaseQueue(path: databasePath, configuration: configuration) }
        defer { try? reader.close() }
        let (findings, checkpoint) = try translate {
            try reader.inDatabase { db in
                // One snapshot: the checkpoint is exactly what was read.
                var outcome: ([JournalFinding], JournalVerifier.Checkpoint)?
                try db.inTransaction(.deferred) {
                    outcome = try Self.checkNewEntries(db)
                    return .commit
                }
                guard let outcome else { throw StoreError.failed(reason: "the check of new entries did not run") }
                return outcome
            }
        }
        try afterReading?()
        guard !isReadOnly else { return findings }
        try translate {
            try dbPool.write { db in try Self.save(checkpoint, db) }
        }
        return findings
    }

    /// What the last check reached, the findings since, and how far this check reached: all in
    /// one read transaction, so the checkpoint covers exactly what was checked.
    static func checkNewEntries(_ db: Database) throws -> ([JournalFinding], JournalVerifier.Checkpoint) {
        let last = try db.tableExists("journal_checks") ? try Row.fetchOne(db, sql: """
            SELECT events_through, client_changes_through, ledger_through, ledger_hash FROM journal_checks WHERE id = 1
            """) : nil
        let since = JournalVerifier.Checkpoint(events: last?[0] ?? 0, clientChanges: last?[1] ?? 0,
                                               ledger: last?[2] ?? 0, ledgerHash: last?[3] ?? JournalHash.genesis)
        var verifier = JournalVerifier(db: db, since: since)
        let result = try verifier.run()
        let ledger = try Row.fetchOne(db, sql: "SELECT position, hash FROM session_ledger ORDER BY position DESC LIMIT 1")
        let reached = JournalVerifier.Checkpoint(
            events: try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM events") ?? 0,
            clientChanges: try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM client_changes") ?? 0,
            ledger: ledger?[0] as Int64? ?? 0, ledgerHash: ledger?[1] as String? ?? JournalHash.genesis)
        return (result.findings, reached)
    }

    /// Remembers how far the journal has been checked.
    static func save(_ checkpoint: JournalVerifier.Checkpoint, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO journal_checks (id, events_through, client_changes_through, ledger_through, ledger_hash)
            VALUES (1, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET events_through = excluded.events_through,
                client_changes_through = excluded.client_changes_through,
                ledger_through = excluded.ledger_through, ledger_hash = excluded.ledger_hash
            """, arguments: [checkpoint.events, checkpoint.clientChanges, checkpoint.ledger, checkpoint.ledgerHash])
    }
}
