import Testing
@testable import KneadUI

/// Found by the monkey test: after an amendment the note scrolls to its end (Int.max until a
/// frame clamps it); with the terminal too small no frame clamps it, and ↓ overflowed.
@Suite struct NoteScrollTests {
    @Test func scrollingDownAfterAnAmendmentOnATooSmallTerminalDoesNotCrash() throws {
        let f = try AppFixture()
        f.press(.character("n"), .enter)   // decline resume; open the signed note
        #expect(f.app.session?.phase == .signed)
        f.press(.character("m"))
        f.type("Wrong side recorded")
        f.press(.tab)
        f.type("Left, not right.")
        f.press(.function(2))
        #expect(f.app.screen == .note)
        _ = f.frame(40, 10)                // too small: the note is not drawn, nothing clamps the scroll
        f.press(.down, .pageDown, .character(" "), .down)
        let text = f.frame(120, 40).canvas.text
        #expect(text.contains("Left, not right."))
    }
}
