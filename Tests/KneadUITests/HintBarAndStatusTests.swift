import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// Issue 15: the hint bar keeps the keys that matter at 80 columns; a status message belongs to
/// the screen that raised it.
@Suite("Hint bar and status line")
struct HintBarAndStatusTests {
    func hintLine(_ f: AppFixture, _ width: Int = 80) -> String {
        let frame = f.frame(width, 24)
        return frame.canvas.lines[23]
    }

    @Test func endTreatmentStaysOnTheTreatmentHintBarAt80Columns() throws {
        let f = try KeysToSignatureTests().inTreatment(returning: false)
        let line = hintLine(f)
        #expect(line.contains("a after"), "\(line)")
        #expect(line.contains("? help"))
        #expect(line.hasPrefix(" hjkl move w work"), "labels shorten, with one space, before an action gives way: \(line)")
        for hint in ["u undo", "n find"] { #expect(line.contains(hint), "\(line)") }
        // Wide enough for every hint, none gives way and the order is the keymap's.
        let wide = hintLine(f, 200)
        #expect(wide.contains("b blank  a aftercare"), "\(wide)")
    }

    @Test func themesAreOnTodaysHintBar() throws {
        let f = try AppFixture()
        f.press(.character("n"))  // the sample practice offers to resume; decline it
        #expect(f.app.screen == .today)
        #expect(hintLine(f).contains("T themes"), "\(hintLine(f))")
        f.press(.character("T"))
        #expect(f.app.context == .themePicker, "the key the bar names opens the themes")
    }

    @Test func keptHintsShowWhateverTheWidthAndTheRestFillInOrder() {
        let f = try? AppFixture(seeded: false)
        guard let app = f?.app else { Issue.record("no app"); return }
        let hints = [Binding(.today, .moveUp, [.up], "one", hintLabel: "aaaa"),
                     Binding(.today, .moveDown, [.down], "two", hintLabel: "bbbb"),
                     Binding(.today, .quit, [.character("q")], "three", hintLabel: "cccc", keepsHint: true,
                             shortHintLabel: "c")]
        // "↑ aaaa  " is 8 columns wide, as are the others.
        #expect(app.hintsThatFit(hints, in: 24).hints.map(\.hintLabel) == ["aaaa", "bbbb", "cccc"])
        #expect(app.hintsThatFit(hints, in: 24).gap == 2)
        #expect(app.hintsThatFit(hints, in: 21).hints.map(\.hintLabel) == ["aaaa", "bbbb", "c"], "short labels, one space each")
        #expect(app.hintsThatFit(hints, in: 21).gap == 1)
        #expect(app.hintsThatFit(hints, in: 16).hints.map(\.hintLabel) == ["aaaa", "cccc"], "shortening shows no more: two spaces")
        #expect(app.hintsThatFit(hints, in: 4).hints.map(\.hintLabel) == ["cccc"], "kept whatever the width")
    }
}
