import Foundation
import KneadCore
import KneadStore
import Synchronization
import Testing
@testable import KneadUI

@Suite("The clinic sync's status in the title bar")
struct ClinicStatusTitleTests {
    /// The app of the fixture, made again with a clinic status provider whose text the test sets.
    final class StatusSource: Sendable {
        let text = Mutex<String?>(nil)
        var provider: @Sendable () -> String? { { [self] in text.withLock { $0 } } }
        /// The same, as the app's title bar asks for it (the app's way of writing a time is unused).
        var statusProvider: ClinicStatusProvider { { [self] _ in text.withLock { $0 } } }
    }

    /// The fixture's journal in an app with the clinic's providers, the sample practice's resume
    /// question declined.
    static func app(of fixture: AppFixture, clinicStatus: ClinicStatusProvider? = nil,
                    clinicNotice: (@Sendable () -> String?)? = nil) -> KneadApp {
        let settings = AppSettings(therapistName: "Sam Rivera, LMT", timeZone: TimeZone(identifier: "UTC")!)
        let app = KneadApp(journal: fixture.journal, clock: fixture.clock, theme: BuiltInTheme.default, settings: settings,
                           clinicStatus: clinicStatus, clinicNotice: clinicNotice)
        app.handle(.key(.character("n")))
        return app
    }

    @Test("The title bar shows the provider's words before the time, as they change, at 80 columns and wider; none without a provider")
    func titleShowsStatus() throws {
        let fixture = try AppFixture()
        let source = StatusSource()
        let app = Self.app(of: fixture, clinicStatus: source.statusProvider)
        let time = Formatting(zone: TimeZone(identifier: "UTC")!).time(fixture.clock.now())

        source.text.withLock { $0 = "synced 14:02" }
        app.handle(.resized(width: 80, height: 24))
        var title = app.frame(width: 80, height: 24).canvas.lines[0]
        #expect(title.hasSuffix("synced 14:02 · \(time) "), "\(title)")
        #expect(title.hasPrefix(" Knead · Today"))

        source.text.withLock { $0 = "offline since 13:40 · 3 waiting" }
        title = app.frame(width: 80, height: 24).canvas.lines[0]
        #expect(title.hasSuffix("offline since 13:40 · 3 waiting · \(time) "), "\(title)")
        #expect(title.hasPrefix(" Knead · Today"))
        app.handle(.resized(width: 120, height: 40))
        #expect(app.frame(width: 120, height: 40).canvas.lines[0].hasSuffix("offline since 13:40 · 3 waiting · \(time) "))

        // No provider (no clinic server), or a provider with nothing to say: the time alone.
        source.text.withLock { $0 = nil }
        app.handle(.resized(width: 80, height: 24))
        let quiet = app.frame(width: 80, height: 24).canvas.lines[0]
        #expect(quiet.hasPrefix(" Knead · Today") && quiet.hasSuffix("   \(time) ") && !quiet.contains("synced"), "\(quiet)")
        let plain = fixture.frame(80, 24).canvas.lines[0]
        #expect(!plain.contains("synced") && !plain.contains("offline"))
        #expect(plain.hasSuffix(" \(time) "))
    }

    @Test("The status's times are written as the app writes them, in the time zone the settings have now")
    func statusTimesFollowTheSettings() throws {
        let fixture = try AppFixture()
        let synced = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00 UTC
        let app = Self.app(of: fixture, clinicStatus: { time in "synced " + time(synced) })
        app.handle(.resized(width: 80, height: 24))
        #expect(app.frame(width: 80, height: 24).canvas.lines[0].contains("synced 08:00 · "))
        app.settings.timeZone = try #require(TimeZone(identifier: "Asia/Kathmandu"))  // UTC+5:45
        #expect(app.frame(width: 80, height: 24).canvas.lines[0].contains("synced 13:45 · "))
    }

    @Test("The clinic sync's clock notice shows once as a warning under the screen, again only when it changes or comes back")
    func clockNoticeShowsOnce() throws {
        let fixture = try AppFixture()
        let notice = StatusSource()
        let app = Self.app(of: fixture, clinicNotice: notice.provider)
        app.handle(.resized(width: 100, height: 30))
        func statusText() -> String { app.status?.text ?? "" }

        app.handle(.tick)
        #expect(app.status == nil, "nothing to say, nothing shown")

        let behind = "This machine's clock is about 3 hours behind the clinic server's. Sync still works, but times written here are off: set the clock (or turn on automatic time), then carry on."
        notice.text.withLock { $0 = behind }
        app.handle(.tick)
        #expect(statusText() == behind)
        #expect(app.status?.kind == .warning)
        #expect(app.frame(width: 100, height: 30).canvas.text.contains("about 3 hours behind the clinic server"))

        // Dismissed by moving on; the same notice at the next ticks is not raised again.
        app.status = nil
        app.handle(.tick)
        app.handle(.tick)
        #expect(app.status == nil)

        // It changes: raised again. It goes and comes back: raised again.
        let ahead = behind.replacingOccurrences(of: "3 hours behind", with: "about 5 minutes ahead of")
        notice.text.withLock { $0 = ahead }
        app.handle(.tick)
        #expect(statusText() == ahead)
        app.status = nil
        notice.text.withLock { $0 = nil }
        app.handle(.tick)
        notice.text.withLock { $0 = ahead }
        app.handle(.tick)
        #expect(statusText() == ahead)
    }
}
