import Foundation
import KneadCore
import KneadStore
import KneadUI
import Testing
@testable import knead

@Suite("Looking after the data files while the app runs")
struct FileUpkeepTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-upkeep-\(UUID().uuidString)")
    var location: DataLocation { DataLocation(folder: folder.appendingPathComponent("data")) }

    @Test("The second tick starts the full integrity check; damage it finds is shown on the next tick and stops saving")
    func integrityCheckOnTheSecondTick() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock(Date(timeIntervalSinceReferenceDate: 800_000_000))
        let journal = try SQLiteJournal.open(at: location, clock: clock)
        defer { try? journal.close() }
        try SamplePractice.seed(into: journal, now: clock.now())
        let app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default,
                           settings: AppSettings(therapistName: "Sam"))
        let program = FileUpkeepProgram(inner: app, app: app, journal: journal)
        program.handle(.tick)
        try journal.checkpoint()
        // Bytes flipped in the middle of the file, behind the open journal's back.
        let handle = try FileHandle(forUpdating: location.databaseFile)
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: (size / 4096 / 2) * 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        #expect(!journal.isDamaged)
        program.handle(.tick)
        let deadline = Date().addingTimeInterval(10)
        while !journal.isDamaged, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(journal.isDamaged)
        program.handle(.tick)
        // The status line wraps: read it as words.
        let screen = app.frame(width: 240, height: 40).canvas.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(screen.contains("knead.sqlite is") && screen.contains("damaged, so knead does not write into it"), "\(screen)")
        #expect(throws: StoreError.self) {
            try journal.append([SessionEvent(at: clock.now(), .started(SessionStart(client: Client(id: ClientID("c"), name: "Late"),
                                                                                       plannedMinutes: 30)))], to: SessionID("late"))
        }
    }
}
