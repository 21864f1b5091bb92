import Foundation
import KneadCore
import KneadStore
import KneadUI
import Testing
@testable import knead

@Suite("The automatic daily backup while the app runs")
struct DailyBackupTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-daily-\(UUID().uuidString)")
    var location: DataLocation { DataLocation(folder: folder.appendingPathComponent("data")) }

    private func app(_ journal: SQLiteJournal) -> KneadApp {
        KneadApp(journal: journal, clock: testClock(), theme: BuiltInTheme.default,
                 settings: AppSettings(therapistName: "Sam"))
    }

    private func dailyFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: Backups.folder(of: location).path)) ?? [])
            .filter { $0.hasPrefix("daily-") && $0.hasSuffix(".sqlite") }
    }

    /// Waits up to five seconds for a condition the backup thread makes true.
    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test("Nothing on the first two ticks; the third starts the copy; no notice when it works")
    func startsOnTheThirdTick() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SQLiteJournal.open(at: location, clock: testClock())
        defer { try? journal.close() }
        let app = app(journal)
        let program = DailyBackupProgram(inner: app, app: app, backup: DailyBackup(location: location, clock: testClock(),
                                                                                  timeZone: TimeZone(identifier: "UTC")!))
        program.handle(.tick)
        program.handle(.tick)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(dailyFiles().isEmpty, "a quick look at knead makes no copy")
        program.handle(.tick)
        #expect(eventually { dailyFiles().count == 1 })
        #expect(dailyFiles() == ["daily-2026-11-18.sqlite"], "the copy is named for the app clock's day, not the machine's")
        #expect(eventually { (try? journal.accessLog().map(\.action)) == [.backup] }, "the copy is in the access log")
        program.handle(.tick)
        #expect(app.frame(width: 80, height: 24).canvas.text.contains("backup") == false)
    }

    @Test("When the copy cannot be made, the next input shows why, once")
    func failureIsShown() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SQLiteJournal.open(at: location, clock: testClock())
        defer { try? journal.close() }
        // A file where the backups folder should be.
        try Data("in the way".utf8).write(to: Backups.folder(of: location))
        let backup = DailyBackup(location: location, clock: testClock())
        backup.start()
        var notice: String?
        #expect(eventually { notice = backup.takeNotice(); return notice != nil })
        #expect(notice?.hasPrefix("Today's automatic backup could not be made:") == true)
        #expect(notice?.contains("Your data itself is safe.") == true)
        #expect(backup.takeNotice() == nil, "said once")
    }
}
