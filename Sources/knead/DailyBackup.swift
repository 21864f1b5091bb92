import Foundation
import KneadCore
import KneadStore
import KneadUI
import Synchronization

/// The automatic daily backup, taken in the background once the app has been up a few seconds
/// (so a quick look that opens and closes knead costs nothing), with a notice when it fails.
final class DailyBackup: Sendable {
    private let location: DataLocation
    private let timeZone: TimeZone
    private let clock: any Clock
    private let state = Mutex<(started: Bool, notice: String?)>((false, nil))

    init(location: DataLocation, clock: any Clock, timeZone: TimeZone = .current) {
        self.location = location
        self.clock = clock
        self.timeZone = timeZone
    }

    /// Starts the backup of the clock's day on its own thread, once.
    func start() {
        let now = clock.now()
        let begin = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        guard begin else { return }
        Thread.detachNewThread { [self] in
            do {
                if let made = try Backups.takeDailyBackup(of: location, now: now, timeZone: timeZone) {
                    // The copy is an access like any other (best effort: the copy itself is made).
                    try? SQLiteJournal.recordAccess(AccessEntry(at: now, who: "knead (daily backup)", action: .backup,
                                                                detail: made.file.path), at: location)
                }
            } catch {
                let notice = "Today's automatic backup could not be made: \(error) Your data itself is safe."
                state.withLock { $0.notice = notice }
            }
        }
    }

    /// A notice to show, once.
    func takeNotice() -> String? {
        state.withLock { state in
            defer { state.notice = nil }
            return state.notice
        }
    }
}

/// Passes input to the app, starting the daily backup on the third tick (two to three seconds
/// after start) and showing its notice.
final class DailyBackupProgram: TerminalProgram {
    let inner: TerminalProgram
    let app: KneadApp
    let backup: DailyBackup
    private var ticks = 0

    init(inner: TerminalProgram, app: KneadApp, backup: DailyBackup) {
        self.inner = inner
        self.app = app
        self.backup = backup
    }

    func handle(_ input: Input) {
        if case .tick = input {
            ticks += 1
            if ticks == 3 { backup.start() }
        }
        inner.handle(input)
        if let notice = backup.takeNotice() { app.notify(notice) }
    }

    func frame(width: Int, height: Int) -> Frame { inner.frame(width: width, height: height) }
    var isFinished: Bool { inner.isFinished }
    var theme: Theme { inner.theme }
    func awaitSaved() -> Bool { inner.awaitSaved() }
}
