import Foundation
import KneadCore
import KneadStore

/// Runs the clinic sync in the background, on a thread of its own, so that nothing on a screen
/// waits for the network.
///
/// It syncs at start, every `interval` seconds, and soon after the app writes (it looks at the
/// outbox every `poll` seconds and syncs when something waits and `afterWrites` seconds have
/// passed since the last sync; after a failure it waits the full interval before trying again).
/// Each sync is ``ClinicSync``: every local write it makes is one short transaction (a page of
/// pulled rows, or a cursor), so the app's own writes wait at most that long. The status is a
/// snapshot behind a lock, safe to read from any thread. Times come from the injected clock; a
/// clock moved back makes the next sync due at once rather than never.
public final class ClinicSyncWorker: @unchecked Sendable {
    private let journal: SQLiteJournal
    private let address: ServerAddress
    private let therapist: String
    private let interval: TimeInterval
    private let poll: TimeInterval
    private let afterWrites: TimeInterval
    private let clock: any Clock
    /// Rows per page: small, so that the journal's write lock is held briefly.
    private let batchSize: Int

    private let condition = NSCondition()
    /// Wakes the thread before its poll interval (a write, or stop). Its timeout runs on the
    /// monotonic clock: how long to wait is not a time of day, so it never reads the wall clock.
    private let wake = DispatchSemaphore(value: 0)
    private var current: ClinicSyncStatus
    private var lastAttempt: Date?
    private var lastFailed = false
    private var stopping = false
    private var wakeRequested = false
    private var running = false
    private var finished = true
    /// Syncs tried so far (for tests: a failing server is not tried before the interval).
    private(set) var attempts = 0

    /// - Parameters:
    ///   - interval: seconds between syncs when nothing is written (`[clinic] interval`).
    ///   - poll: seconds between looks at the outbox for the app's new writes.
    ///   - afterWrites: the least seconds between two syncs brought on by writes, so that a
    ///     treatment's stream of check-ins makes one sync every few seconds, not one per key.
    public init(journal: SQLiteJournal, address: ServerAddress, therapist: String, interval: TimeInterval,
                clock: any Clock, poll: TimeInterval = 1, afterWrites: TimeInterval = 5, batchSize: Int = 500) {
        self.afterWrites = afterWrites
        self.journal = journal
        self.address = address
        self.therapist = therapist
        self.interval = max(1, interval)
        self.poll = max(0.01, poll)
        self.clock = clock
        self.batchSize = batchSize
        current = (try? journal.localSyncStatus()).map { ClinicSyncStatus($0) } ?? ClinicSyncStatus(state: .notYet)
    }

    /// The latest status (thread-safe).
    public var status: ClinicSyncStatus {
        condition.lock()
        defer { condition.unlock() }
        return current
    }

    /// Starts the background thread; a second call does nothing.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        finished = false
        stopping = false
        let thread = Thread { [self] in loop() }
        thread.name = "knead clinic sync"
        thread.start()
    }

    /// Stops the thread, after the sync it is running (if any) ends, and waits for it.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        wake.signal()
        while running && !finished { condition.wait() }
        running = false
        condition.unlock()
    }

    /// Asks for a sync now rather than at the next interval.
    public func syncSoon() {
        condition.lock()
        wakeRequested = true
        condition.broadcast()
        condition.unlock()
        wake.signal()
    }

    private func loop() {
        while true {
            condition.lock()
            if stopping {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
            tick()
            condition.lock()
            let idle = !stopping && !wakeRequested
            condition.unlock()
            if idle { _ = wake.wait(timeout: .now() + poll) }
        }
    }

    /// One look: syncs when a sync is due, then publishes the status; otherwise brings the count
    /// of what waits up to date. The thread calls it every `poll` seconds; tests call it directly.
    @discardableResult
    public func tick() -> ClinicSyncStatus {
        let now = clock.now()
        condition.lock()
        let woken = wakeRequested
        wakeRequested = false
        let due = woken || isDue(now: now)
        condition.unlock()
        guard due else {
            // Not syncing now: the count of what waits still follows the app's writes.
            let waiting = try? journal.syncWaiting()
            condition.lock()
            defer { condition.unlock() }
            if let waiting { current.waiting = waiting }
            return current
        }
        return syncOnce(at: now)
    }

    private func isDue(now: Date) -> Bool {
        guard let lastAttempt else { return true }
        if now < lastAttempt { return true }   // the clock was moved back
        if now.timeIntervalSince(lastAttempt) >= interval { return true }
        // After the app's writes, without waiting for the interval (not while the server is failing).
        guard !lastFailed, now.timeIntervalSince(lastAttempt) >= afterWrites else { return false }
        return ((try? journal.syncWaiting()) ?? 0) > 0
    }

    /// Runs one sync now and publishes the status.
    @discardableResult
    public func syncOnce(at now: Date? = nil) -> ClinicSyncStatus {
        var sync = ClinicSync(journal: journal, address: address, therapist: therapist)
        sync.batchSize = batchSize
        var clockNotice: String?
        var failed = false
        do {
            let outcome = try sync.run()
            clockNotice = outcome.clockNotice
        } catch {
            failed = true
        }
        let local = (try? journal.localSyncStatus()).map { ClinicSyncStatus($0, clockNotice: clockNotice) }
        condition.lock()
        lastAttempt = now ?? clock.now()
        lastFailed = failed
        attempts += 1
        if let local { current = local }
        let snapshot = current
        condition.unlock()
        return snapshot
    }
}
