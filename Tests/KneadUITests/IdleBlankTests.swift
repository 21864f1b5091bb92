import Foundation
import Testing
import KneadCore
@testable import KneadStore
@testable import KneadUI

/// After some minutes without a key, outside the treatment screen, the screen shows no client data.
@Suite("Idle blank")
struct IdleBlankTests {
    @Test("after 10 minutes without a key (the default) the today screen blanks; any key brings it back, and acts no further")
    func blanksAfterTheDefaultMinutes() throws {
        let f = try AppFixture()
        f.press(.character("n"))  // decline the offer to resume: the today screen, with names on it
        let before = f.frame(80, 24).canvas.text
        #expect(before.contains("María José García"))
        f.clock.advance(by: 9 * 60 + 59)
        f.app.handle(.tick)
        #expect(f.frame(80, 24).canvas.text.contains("María José García"), "not yet at 9:59")
        f.clock.advance(by: 1)
        f.app.handle(.tick)
        let blank = f.frame(80, 24).canvas.text
        #expect(blank.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "nothing shows")
        f.press(.character("n"))   // any key returns, and does not also start a session
        #expect(f.app.screen == .today)
        #expect(f.frame(80, 24).canvas.text.contains("María José García"))
    }

    @Test("a key resets the count; the treatment screen never blanks; 0 never blanks")
    func keysTreatmentAndOff() throws {
        let f = try AppFixture()
        f.press(.character("n"))
        f.clock.advance(by: 8 * 60)
        f.press(.down)
        f.clock.advance(by: 8 * 60)
        f.app.handle(.tick)
        #expect(!f.frame(80, 24).canvas.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "16 minutes, but a key at 8")

        let treating = try AppFixture()
        treating.press(.character("y"))  // resume the session in treatment
        #expect(treating.app.screen == .treatment)
        treating.clock.advance(by: 60 * 60)
        treating.app.handle(.tick)
        #expect(treating.frame(80, 24).canvas.text.contains("Timeline"))

        let off = try AppFixture()
        off.app.settings.idleBlankMinutes = 0
        off.press(.character("n"))
        off.clock.advance(by: 24 * 3600)
        off.app.handle(.tick)
        #expect(off.frame(80, 24).canvas.text.contains("María José García"))
    }

    @Test("[privacy] idle_blank_minutes sets the minutes; out of range is reported and keeps the default")
    func configured() {
        let good = KneadConfig.parse("[privacy]\nidle_blank_minutes = 3\n", file: "c.toml")
        #expect(good.diagnostics.isEmpty)
        #expect(good.config.settings(therapist: nil, plannedMinutes: nil, showNames: nil, environment: [:]).idleBlankMinutes == 3)
        let bad = KneadConfig.parse("[privacy]\nidle_blank_minutes = 999\n", file: "c.toml")
        #expect(bad.diagnostics.count == 1)
        #expect(bad.config.settings(therapist: nil, plannedMinutes: nil, showNames: nil, environment: [:]).idleBlankMinutes == 10)
    }
}

/// Views of client data in the app go to the access log.
@Suite("Access log in the app")
struct AppAccessLogTests {
    @Test("opening a record, a client's history, the day review and a search each leave one entry with the therapist's name")
    func viewsAreLogged() throws {
        let f = try AppFixture()
        f.press(.character("n"))                 // no resume: the today screen
        f.app.editRecord(SamplePractice.records[0], isNew: false)
        f.app.showClientHistory(SamplePractice.clients[1])
        f.app.showDayReview(AppFixture.now)
        f.app.openSearch()
        f.type("trigger")
        f.press(.escape)
        let log = try f.journal.accessLog()
        #expect(log.map(\.action) == [.record, .history, .review, .search])
        #expect(log.allSatisfy { $0.who == "Sam Rivera, LMT" && $0.at == AppFixture.now })
        #expect(log[0].client == SamplePractice.records[0].id)
        #expect(log[1].client == SamplePractice.clients[1].id)
        #expect(log[3].detail == "trigger", "one entry per search, with its words, not one per key")
    }
}

extension AppAccessLogTests {
    @Test("a view that cannot be logged is still shown, and the status line says so")
    func unloggedViewIsSaid() throws {
        let f = try AppFixture()
        f.press(.character("n"))
        try f.journal.executeRawSQL("DROP TABLE access_log")
        f.app.showClientHistory(SamplePractice.clients[0])
        let text = f.frame(100, 30).canvas.text
        #expect(f.app.screen == .clientHistory)
        #expect(text.contains("could not be written to the access log"))
    }
}
