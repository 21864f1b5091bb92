import Foundation
import KneadCore
import KneadStore
@testable import KneadUI

/// An app on a real SQLite file in a fresh temporary folder, filled with the sample practice,
/// at a fixed moment in UTC so that every frame is the same on every run.
final class AppFixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 ~ midday UTC
    let folder: URL
    let journal: SQLiteJournal
    let clock: ManualClock
    let app: KneadApp

    init(seeded: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-ui-\(UUID().uuidString)")
        clock = ManualClock(AppFixture.now)
        journal = try SQLiteJournal.open(folder: folder, clock: clock)
        if seeded { try SamplePractice.seed(into: journal, now: AppFixture.now) }
        let settings = AppSettings(therapistName: "Sam Rivera, LMT", timeZone: TimeZone(identifier: "UTC")!)
        app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default, settings: settings)
    }

    /// An app like ``app`` on another journal (a test's wrapper around this fixture's), reading
    /// the practice's records from this fixture's journal.
    func app(on other: SessionJournal) -> KneadApp {
        KneadApp(journal: other, clock: clock, theme: BuiltInTheme.default,
                 settings: AppSettings(therapistName: "Sam Rivera, LMT", timeZone: TimeZone(identifier: "UTC")!),
                 records: journal)
    }

    deinit {
        try? journal.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sends keys, given as a string of characters or as Key values.
    func press(_ keys: Key...) { for key in keys { app.handle(.key(key)) } }
    func type(_ text: String) { for c in text { app.handle(.key(.character(c))) } }

    func frame(_ width: Int, _ height: Int) -> Frame {
        app.handle(.resized(width: width, height: height))
        return app.frame(width: width, height: height)
    }
}
