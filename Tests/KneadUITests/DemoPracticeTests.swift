import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// The practice `knead demo` opens on, on a real SQLite file at a fixed moment: the snapshots hold
/// the fixture's date, never the machine's.
@Suite("The demo practice")
struct DemoPracticeTests {
    static let now = AppFixture.now  // 2026-11-18 ~ midday UTC

    final class Demo {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-demo-test-\(UUID().uuidString)")
        let journal: SQLiteJournal
        let app: KneadApp

        init() throws {
            let clock = ManualClock(DemoPracticeTests.now)
            journal = try SQLiteJournal.open(folder: folder, clock: clock)
            try DemoPractice.seed(into: journal, now: DemoPracticeTests.now, zone: TimeZone(identifier: "UTC")!)
            let settings = AppSettings(therapistName: "Sam Rivera, LMT", timeZone: TimeZone(identifier: "UTC")!)
            app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default, settings: settings)
        }

        deinit {
            try? journal.close()
            try? FileManager.default.removeItem(at: folder)
        }

        func frame(_ width: Int, _ height: Int) -> Frame {
            app.handle(.resized(width: width, height: height))
            return app.frame(width: width, height: height)
        }
    }

    @Test("It opens on Today with this morning's sessions, no question asked")
    func opensOnToday() throws {
        let demo = try Demo()
        #expect(try demo.journal.unfinishedSessions().isEmpty, "nothing to resume")
        assertSnapshot(demo.frame(80, 24), named: "demo-today-80x24")
        assertSnapshot(demo.frame(120, 40), named: "demo-today-120x40")
        #expect(demo.app.screen == .today)
        demo.app.handle(.key(.character("r")))
        assertSnapshot(demo.frame(80, 24), named: "demo-day-review-80x24")
        assertSnapshot(demo.frame(120, 40), named: "demo-day-review-120x40")
        demo.app.handle(.key(.character("h")))
        assertSnapshot(demo.frame(80, 24), named: "demo-client-history-80x24")
        assertSnapshot(demo.frame(100, 30), named: "demo-client-history-100x30")
        assertSnapshot(demo.frame(120, 40), named: "demo-client-history-120x40")
    }

    @Test("Eight weeks of visits, a referral, plans of care and outcome scores, all dated from the clock")
    func lived() throws {
        let demo = try Demo()
        let from = Self.now.addingTimeInterval(-70 * 86_400)
        let sessions = try demo.journal.sessionSummaries(startedFrom: from, to: Self.now)
        #expect(sessions.allSatisfy { $0.phase == .signed && $0.startedAt < Self.now })
        #expect(Set(sessions.map(\.client.id)).count == 6, "six clients seen")
        let tom = try demo.journal.visits(of: ClientID("demo-tom"))
        #expect(tom.count == 8)
        #expect((tom.last?.startedAt.timeIntervalSince(tom.first?.startedAt ?? Self.now) ?? 0) == 49 * 86_400)
        #expect(try demo.journal.plan(of: ClientID("demo-tom")) != nil)
        #expect(try demo.journal.referral(of: ClientID("demo-amira")) != nil)
        #expect(try demo.journal.referral(of: SampleCarePlan.client.id) != nil)
        #expect(!(try demo.journal.search(NoteSearch("piriformis")).isEmpty))
        // Another day: the same practice, moved with the clock.
        let later = Self.now.addingTimeInterval(400 * 86_400)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-demo-later-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try SQLiteJournal.open(folder: folder, clock: ManualClock(later))
        defer { try? other.close() }
        try DemoPractice.seed(into: other, now: later, zone: TimeZone(identifier: "UTC")!)
        let moved = try other.visits(of: ClientID("demo-tom")).map { $0.startedAt.timeIntervalSince(later) }
        #expect(moved == tom.map { $0.startedAt.timeIntervalSince(Self.now) })
    }
}

/// `knead demo` at any hour: its day of sessions is never in the future. From midnight until
/// 04:30 the morning's three cannot be today's, so they are yesterday's and the demo says so.
@Suite("The demo practice at any hour")
struct DemoPracticeHourTests {
    /// A moment given as local wall time in a zone.
    static func moment(_ text: String, _ zone: String) -> (Date, TimeZone) {
        let timeZone = TimeZone(identifier: zone)!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return (formatter.date(from: text)!, timeZone)
    }

    @Test("Today's sessions from 04:30, yesterday's before; all of them signed before now",
          arguments: [
              ("2026-11-30 00:01:00", "UTC", false),
              ("2026-11-30 04:29:59", "UTC", false),
              ("2026-11-30 04:30:00", "UTC", true),
              ("2027-06-15 23:59:00", "Pacific/Auckland", true),
              ("2027-03-14 04:45:00", "America/New_York", false),  // the clocks went forward at 02:00: 3 h 45 min into the day
              ("2027-11-07 04:00:00", "America/New_York", true),  // back at 02:00: 5 h into the day
          ])
    func anyHour(_ text: String, _ zone: String, today: Bool) throws {
        let (now, timeZone) = Self.moment(text, zone)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-demo-hour-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SQLiteJournal.open(folder: folder, clock: ManualClock(now))
        defer { try? journal.close() }
        try DemoPractice.seed(into: journal, now: now, zone: timeZone)

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let dayStart = calendar.startOfDay(for: now)
        let yesterday = try #require(calendar.date(byAdding: .day, value: -1, to: dayStart))
        let all = try journal.sessions(startedFrom: now.addingTimeInterval(-90 * 86_400), to: now.addingTimeInterval(90 * 86_400))
        #expect(all.count > 20)
        for session in all {
            let last = try #require(try journal.events(of: session.id).last)
            #expect(session.phase == .signed && last.at <= now, "\(session.client.name) signed before now")
        }
        let todays = all.filter { $0.startedAt >= dayStart }
        let yesterdays = all.filter { $0.startedAt >= yesterday && $0.startedAt < dayStart }
        #expect(todays.count == (today ? 3 : 0))
        let morning: Set = ["demo-tom", "demo-maria", "demo-minji"]
        #expect(Set((today ? todays : yesterdays).map(\.client.id.rawValue)).isSuperset(of: morning), "the morning's three on the demo's day")
        #expect((DemoPractice.notice(now: now, zone: timeZone) == nil) == today)
    }
}
