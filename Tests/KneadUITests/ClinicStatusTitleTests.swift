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
    }

    @Test("The title bar shows the provider's words before the time, as they change, at 80 columns and wider; none without a provider")
    func titleShowsStatus() throws {
        let fixture = try AppFixture()
        let source = StatusSource()
        let settings = AppSettings(therapistName: "Sam Rivera, LMT", timeZone: TimeZone(identifier: "UTC")!)
        let app = KneadApp(journal: fixture.journal, clock: fixture.clock, theme: BuiltInTheme.default, settings: settings,
                           clinicStatus: source.provider)
        app.handle(.key(.character("n")))  // the sample practice offers to resume; decline it
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
}
