import Foundation
import KneadStore
import KneadUI

/// Passes input to the app and, on each tick, lets the journal look after its files: put back
/// data files moved under it, checkpoint the WAL into `knead.sqlite` when idle, and report the
/// full integrity check, which starts in the background on the second tick.
final class FileUpkeepProgram: TerminalProgram {
    let inner: TerminalProgram
    let app: KneadApp
    let journal: SQLiteJournal
    private var ticks = 0

    init(inner: TerminalProgram, app: KneadApp, journal: SQLiteJournal) {
        self.inner = inner
        self.app = app
        self.journal = journal
    }

    func handle(_ input: Input) {
        var notice: String?
        if case .tick = input {
            ticks += 1
            if ticks == 2 { journal.checkIntegrityInBackground() }
            // Before the app's own tick, so that actions waiting on moved files are saved at once.
            notice = journal.maintain()
        }
        inner.handle(input)
        if let notice { app.notify(notice) }
    }

    func frame(width: Int, height: Int) -> Frame { inner.frame(width: width, height: height) }
    var isFinished: Bool { inner.isFinished }
    var theme: Theme { inner.theme }
    func awaitSaved() -> Bool { inner.awaitSaved() }
}
