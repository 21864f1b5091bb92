import Foundation
import KneadCore
import Testing
@testable import KneadUI

@Suite("Aftercare form and note preview")
struct AftercareNoteTests {
    /// Opens the sample session waiting for aftercare (Kim Min-ji, right forearm worked).
    func openAftercare() throws -> AppFixture {
        let f = try AppFixture()
        f.press(.character("n"), .down, .enter)
        #expect(f.app.screen == .aftercare)
        return f
    }

    @Test func everyAftercareFieldReachesTheNoteAndTheAdditionsCloseTheirSections() throws {
        let f = try openAftercare()
        f.press(.tab)                             // the right forearm's pain after
        f.type("1")
        f.press(.tab, .character("4"), .character("8"))  // advice: untick item 4 (ticked in the sample), tick 8
        f.press(.tab)
        f.type("Wrist flexor stretch")
        f.press(.tab, .character("2"))            // heat or cold: cold
        f.press(.tab)
        f.type("Keyboard breaks")
        f.press(.tab)
        f.type("Fortnightly")
        f.press(.tab)
        f.type("Forearm extensors")
        f.press(.tab)
        f.type("Hand therapist")
        f.press(.tab)
        f.type("Quiet session")
        for addition in ["Types 8 h a day.", "Tender ECRB.", "Better grip.", "Re-test grip."] {
            f.press(.tab)
            f.type(addition)
        }
        f.press(.function(2))
        #expect(f.app.screen == .note)
        let care = try #require(f.app.session?.aftercare)
        #expect(care.regionPain == [RegionPain(region: Region(.forearm, .right)!, score: PainScore(1)!)])
        #expect(care.advice == [Aftercare.standardAdvice[7]])
        #expect(care.heatOrCold == .cold)
        #expect(care.additions == NoteAdditions(subjective: "Types 8 h a day.", objective: "Tender ECRB.",
                                                assessment: "Better grip.", plan: "Re-test grip."))
        let note = f.app.noteLines(width: 100)
        for expected in ["  right forearm: 5 → 1 (meaningful improvement, 4 points)", "  Heat or cold: cold",
                         "  Referral: Hand therapist", "  Frequency: Fortnightly", "  Next visit focus: Forearm extensors",
                         "  Notes: Quiet session", "  Re-test grip.", "  97140 manual therapy: 30 min, 2 units"] {
            #expect(note.contains(expected), "\(expected) not in the note")
        }
        // Each addition closes its own section.
        let s = try #require(note.firstIndex(of: "O — Objective"))
        #expect(note[s - 2] == "  Types 8 h a day.")
    }

    @Test func aScoreOutsideTheScaleStaysAtItsFieldAndTheNoteWaits() throws {
        let f = try openAftercare()
        f.press(.tab)
        f.type("12")
        f.press(.function(2))
        #expect(f.app.screen == .aftercare)
        #expect(f.frame(80, 24).canvas.text.contains("Enter a whole number from 0 to 10."))
    }

    @Test func iShowsTheSessionIdForExport() throws {
        let f = try AppFixture()
        f.press(.character("n"), .enter)          // Majo's signed note
        let id = try #require(f.app.session?.id.rawValue)
        f.press(.character("i"))
        #expect(f.frame(80, 24).canvas.text.contains("knead export \(id.prefix(8))"))
    }
}
