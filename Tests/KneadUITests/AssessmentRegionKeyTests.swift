import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The painful-regions field says "F3 adds a region"; F3 keeps that promise from any field.
@Suite("F3 adds a painful region from anywhere in the assessment")
struct AssessmentRegionKeyTests {
    @Test func fromTheComplaintF3OpensTheFinderForThePainfulRegions() throws {
        let f = try AppFixture(seeded: false)
        f.press(.character("n"))
        f.type("Zoë Ångström")
        f.press(.enter, .enter)                 // the new client's record, the history confirmed
        #expect(f.app.screen == .assessment)
        #expect(f.app.assessmentForm.focused.id == "complaint")
        f.type("Low back")
        f.press(.function(3))
        #expect(f.app.assessmentForm.focused.id == "pain", "the focus moves to the painful regions")
        let finder = try #require(f.app.overlays.last as? RegionFinderOverlay)
        #expect(finder.purpose == .painful)
        f.type("QL")
        f.press(.enter)                         // lumbar spine, then its score
        f.press(.character("6"))
        guard case .regionScores(let list, _)? = f.app.assessmentForm["pain"] else {
            Issue.record("no painful regions field"); return
        }
        #expect(list.map(\.region.name) == ["lumbar spine"])
        #expect(list.map(\.score.value) == [6])
        #expect(f.app.assessmentForm.text("complaint") == "Low back", "the complaint typed before is kept")
    }
}
