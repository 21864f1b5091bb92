import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// Every screen at 80x24 and 120x40, and the too-small message.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    func snap(_ fixture: AppFixture, _ name: String) {
        for (w, h) in Self.sizes { assertSnapshot(fixture.frame(w, h), named: "\(name)-\(w)x\(h)") }
    }

    @Test func resumeOfferOnStart() throws {
        let f = try AppFixture()
        snap(f, "resume-offer")
    }

    @Test func today() throws {
        let f = try AppFixture()
        f.press(.character("n"))  // decline the resume offer
        snap(f, "today")
    }

    @Test func todayEmpty() throws {
        let f = try AppFixture(seeded: false)
        snap(f, "today-empty")
    }

    @Test func clientPicker() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("n"))
        f.type("ma")
        snap(f, "client-picker")
    }

    @Test func assessmentForm() throws {
        let f = try AppFixture()
        f.press(.character("n"), .character("n"))
        f.type("Jo Test")
        f.press(.enter, .enter)  // start, and confirm the (empty) health history
        f.type("Stiff neck since Monday")
        snap(f, "assessment")
    }

    @Test func treatment() throws {
        let f = try AppFixture()
        f.press(.character("y"))  // resume the session in treatment
        #expect(f.app.screen == .treatment)
        snap(f, "treatment")
    }

    @Test func techniqueMenu() throws {
        let f = try AppFixture()
        f.press(.character("y"), .character("t"))
        snap(f, "technique-menu")
    }

    @Test func help() throws {
        let f = try AppFixture()
        f.press(.character("y"), .character("?"))
        snap(f, "help-treatment")
    }

    @Test func aftercare() throws {
        let f = try AppFixture()
        f.press(.character("n"))
        // Today lists Majo (signed) then Kim (aftercare) then Amira (treatment).
        f.press(.down, .enter)
        #expect(f.app.screen == .aftercare)
        snap(f, "aftercare")
    }

    @Test func notePreview() throws {
        let f = try AppFixture()
        f.press(.character("n"), .down, .enter, .function(2))
        #expect(f.app.screen == .note)
        snap(f, "note-preview")
    }

    @Test func signedNote() throws {
        let f = try AppFixture()
        f.press(.character("n"), .enter)
        #expect(f.app.session?.phase == .signed)
        snap(f, "note-signed")
    }

    @Test func tooSmall() throws {
        let f = try AppFixture()
        assertSnapshot(f.frame(60, 20), named: "too-small-60x20")
        assertSnapshot(f.frame(80, 23), named: "too-small-80x23")
    }

    @Test func blankScreenHidesEverythingAndAnyKeyRestores() throws {
        let f = try AppFixture()
        f.press(.character("y"), .character("b"))
        let blank = f.frame(80, 24)
        #expect(blank.canvas.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        f.press(.character("z"))
        #expect(f.frame(80, 24).canvas.text.contains("Treatment"))
    }
}
