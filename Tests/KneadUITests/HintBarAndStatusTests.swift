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
        for hint in ["u undo", "n note"] { #expect(line.contains(hint), "\(line)") }
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

    @Test("The hint line put back from the last frame is the line drawn afresh, screen by screen and size by size")
    func keptLineIsTheFreshLine() throws {
        let f = try KeysToSignatureTests().inTreatment(returning: false)
        let steps: [Key?] = [nil, .character("l"), .character("?"), .escape, .character("w"), .character("j"),
                             .character("/"), .escape, .character("a"), .character("y"), .escape]
        for (i, key) in steps.enumerated() {
            if let key { f.press(key) }
            for width in [80, 80, 200, 120, 80] {
                let kept = f.frame(width, 24).canvas.lines[23]
                f.app.keptHintLine = nil
                let fresh = f.frame(width, 24).canvas.lines[23]
                #expect(kept == fresh, "step \(i) at \(width): \(kept) | \(fresh)")
            }
        }
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

/// Issue 15: a status message belongs to the screen that raised it and goes when the screen changes.
@Suite("Status messages belong to their screen")
struct StatusBelongsToItsScreenTests {
    func statusLine(_ f: AppFixture) -> String { f.frame(80, 24).canvas.lines[22] }

    @Test func aMessageGoesWhenTheScreenChanges() throws {
        let f = try KeysToSignatureTests().inTreatment(returning: false)
        f.press(.character("z"))
        #expect(statusLine(f).contains("z does nothing here"), "\(statusLine(f))")
        f.press(.character("k"))                        // moving on the map: same screen, the message stays
        #expect(statusLine(f).contains("z does nothing here"))
        f.press(.character("q"))                        // back to Today
        #expect(f.app.screen == .today)
        #expect(!statusLine(f).contains("does nothing"), "\(statusLine(f))")
        #expect(f.app.status == nil)
    }

    @Test func aMessageTheKeyRaisedAboutTheNewScreenStays() throws {
        let f = try KeysToSignatureTests().inTreatment(returning: false)
        f.press(.character("a"), .character("y"))
        #expect(f.app.screen == .aftercare)
        #expect(f.app.status?.text.hasPrefix("Treatment ended.") == true)
        f.press(.character("4"))                        // a key on the same screen: the message stays
        #expect(f.app.status?.text.hasPrefix("Treatment ended.") == true)
        f.press(.function(2))                           // the note: its own message replaces it
        #expect(f.app.screen == .note)
        #expect(f.app.status?.text.hasPrefix("This is the note") == true)
        f.press(.escape)                                // back to edit: the note's message goes
        #expect(f.app.screen == .aftercare)
        #expect(f.app.status?.text.hasPrefix("This is the note") != true, "\(f.app.status?.text ?? "")")
    }

    @Test func aMessageRaisedOnOpeningAScreenOutlivesTheNextKeysThere() throws {
        let f = try AppFixture()
        f.press(.character("n"))                        // the sample practice's unfinished session: not resumed
        f.press(.character("c"))                        // the clients screen
        #expect(f.app.screen == .clients)
        f.app.status = StatusMessage(text: "Raised here.", kind: .info)
        f.press(.down)
        f.press(.up)
        #expect(f.app.status?.text == "Raised here.")
        f.press(.escape)
        #expect(f.app.screen == .today)
        #expect(f.app.status?.text != "Raised here.")
    }
}
