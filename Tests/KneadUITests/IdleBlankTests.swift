import Foundation
import Testing
import KneadCore
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
