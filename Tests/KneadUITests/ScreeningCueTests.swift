import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The Now panel's screening cue, long and short.
@Suite("The screening cue in the Now panel")
struct ScreeningCueTests {
    /// The panels of a session whose assessment was recorded before screening answers were
    /// derived (its events replayed as stored): the medication itself raises the caution, and
    /// the cause is labelled "Medications:".
    static func panels(medications: String, caution: [Region] = []) throws -> TreatmentPanels {
        let at = AppFixture.now.addingTimeInterval(-600)
        let events = [SessionEvent(at: at, .started(SessionStart(client: SamplePractice.clients[3], plannedMinutes: 60))),
                      SessionEvent(at: at, .assessed(Assessment(chiefComplaint: "Low back", medications: medications,
                                                                cautionRegions: caution, consent: true))),
                      SessionEvent(at: at, .treatmentBegan)]
        let session = SessionState(id: SessionID("cue"), replaying: events)
        var screen = TreatmentState(state: session)
        if let region = caution.first { screen.selected = region }
        return TreatmentPanels(session: session, screen: screen, now: AppFixture.now, catalog: .standard,
                               keymap: .standard(), formatting: Formatting(zone: TimeZone(identifier: "UTC")!))
    }

    @Test("Wide enough, the cue is the whole cause; narrower, the medication's label goes first")
    func shortAndLong() throws {
        let panels = try Self.panels(medications: "Warfarin 5 mg, apixaban")
        let long = "▲ deep pressure asks first — Medications: warfarin, apixaban (thins the blood)"
        #expect(panels.screeningCue(width: DisplayWidth.of(long)) == long)
        #expect(panels.screeningCue(width: DisplayWidth.of(long) - 1) == "▲ deep asks — warfarin, apixaban (thins the blood)")
        #expect(panels.screeningCue(width: 20) == "▲ deep asks — warfarin, apixaban (thins the blood)")
    }

    @Test("With a second cause, each keeps its words and only the medication's label goes")
    func twoCauses() throws {
        let region = try #require(Region(.gluteal, .left))
        let panels = try Self.panels(medications: "Warfarin", caution: [region])
        let cue = try #require(panels.screeningCue(width: 30))
        #expect(cue.hasPrefix("▲ deep asks — "))
        #expect(cue.contains("warfarin (thins the blood)"))
        #expect(cue.contains("Caution regions ("))
        #expect(!cue.contains("Medications:"))
    }

    @Test("The kept cue is the cue worked out afresh, from panel to panel, region to region and width to width")
    func keptCueIsFresh() throws {
        let region = try #require(Region(.gluteal, .left))
        let all = [try Self.panels(medications: "Warfarin", caution: [region]), try Self.panels(medications: "Warfarin 5 mg, apixaban"),
                   try Self.panels(medications: "", caution: [region]), try Self.panels(medications: "")]
        for round in 0..<2 {
            for panels in all + all.reversed() {
                for other in [panels.screen.selected, Region.all[0], region, panels.screen.selected] {
                    var screen = panels.screen
                    screen.selected = other
                    let moved = TreatmentPanels(session: panels.session, screen: screen,
                                                now: panels.now, catalog: .standard, keymap: .standard(),
                                                formatting: panels.formatting)
                    for width in [20, 30, 80, 80, 200] {
                        let fresh = TreatmentPanels.screeningCue(findings: moved.session.findings, region: other, width: width)
                        #expect(moved.screeningCue(width: width) == fresh, "round \(round), \(other.name), \(width)")
                    }
                }
            }
        }
    }
}
