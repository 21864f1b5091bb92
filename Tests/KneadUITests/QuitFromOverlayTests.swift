import Testing
@testable import KneadUI

/// Ctrl-C quits from every screen, even with a question on top.
@Suite struct QuitFromOverlayTests {
    @Test func ctrlCQuitsFromTheOfferToResume() throws {
        let fixture = try AppFixture()
        #expect(fixture.frame(100, 30).canvas.text.contains("Resume the unfinished session"))
        fixture.press(.control("c"))
        #expect(fixture.app.isFinished)
    }
}
