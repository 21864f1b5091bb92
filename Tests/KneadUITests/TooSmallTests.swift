import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// While the terminal is below 80x24 the app shows only a notice: no key may act unseen.
@Suite("Below the smallest size only quitting acts")
struct TooSmallTests {
    @Test("keys and clicks under the size notice change nothing; the session and check-ins are not made")
    func keysDoNothingUnseen() throws {
        let f = try AppFixture(seeded: false)
        _ = f.frame(79, 24)
        f.press(.character("n"))
        f.type("Hidden Client")
        f.press(.enter, .enter, .function(2), .character("6"), .character("c"), .character("?"), .character("b"))
        f.app.handle(.mouse(MouseEvent(.left, x: 3, y: 3)))
        #expect(f.app.screen == .today)
        #expect(f.app.session == nil)
        #expect(f.app.overlays.isEmpty)
        #expect(try f.journal.sessions(startedFrom: .distantPast, to: .distantFuture).isEmpty)
        #expect(f.frame(60, 20).canvas.text.contains("Until then no key acts, but q or Ctrl-C quits."))

        // Big enough again: keys act as usual.
        _ = f.frame(80, 24)
        f.press(.character("n"))
        #expect(f.app.screen == .clientPicker)
    }

    @Test("q and Ctrl-C quit under the size notice, from any screen")
    func quitStillQuits() throws {
        for key in [Key.character("q"), .control("c")] {
            let f = try AppFixture(seeded: false)
            _ = f.frame(80, 24)
            f.press(.character("n"))
            #expect(f.app.screen == .clientPicker)
            _ = f.frame(40, 10)
            f.press(key)
            #expect(f.app.isFinished, "\(key)")
        }
    }
}
