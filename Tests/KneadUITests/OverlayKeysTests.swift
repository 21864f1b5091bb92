import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// Overlays are types on a stack, each with the keys of its own context: the hint bar and help
/// under an overlay show what acts there, never the keys of the screen beneath.
@Suite("Overlays and their keys")
struct OverlayKeysTests {
    /// The bottom line of a frame.
    func hintBar(_ f: AppFixture) -> String {
        f.frame(80, 24).canvas.text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    @Test("The quick note's hint bar shows its own keys, not the treatment screen's")
    func quickNoteHints() throws {
        let f = try AppFixture()
        f.press(.character("y"))  // resume the session in treatment
        #expect(hintBar(f).contains("n note"))
        f.press(.character("n"))
        #expect(f.app.overlays.last is QuickNoteOverlay)
        let hints = hintBar(f)
        #expect(hints.contains("Enter save"), "\(hints)")
        #expect(!hints.contains("n note"), "\(hints)")
        #expect(!hints.contains("next field"), "\(hints)")
        f.type("tight QL")
        f.press(.enter)
        #expect(f.app.overlays.isEmpty)
        #expect(f.app.session?.notes.last?.value == "tight QL")
    }

    @Test("Help opened on a form lists the focused field's keys; on a list it does not")
    func helpListsTheFieldKeys() throws {
        let f = try AppFixture()
        f.press(.character("n"))
        f.app.editRecord(SamplePractice.records[0], isNew: false)
        let record = try #require(f.app.current as? ClientRecordScreen)
        record.form.focus = try #require(record.form.fields.firstIndex { $0.id == "pregnancy" })
        f.press(.character("?"))
        let help = try #require(f.app.overlays.last.flatMap { $0 as? HelpOverlay })
        let actions = help.sections.flatMap(\.bindings).map(\.action)
        #expect(actions.contains(.moveRight), "the choice field's next option")
        #expect(actions.contains(.save))
        f.press(.escape)
        record.form.focus = 0
        f.press(.function(1))  // on a text field ? is typed
        let onText = try #require(f.app.overlays.last.flatMap { $0 as? HelpOverlay })
        #expect(!onText.sections.flatMap(\.bindings).map(\.action).contains(.moveRight), "a text field has no field keys")
    }

    @Test("No on a screening confirmation says nothing changed; the blank takes any key and does nothing else")
    func confirmAndBlank() throws {
        let f = try AppFixture()
        f.press(.character("n"))  // not the unfinished session
        var said: String?
        f.app.overlays.append(ConfirmOverlay("Go ahead?", declined: "Not confirmed; nothing changed.") { _ in said = "yes" })
        f.press(.character("n"))
        #expect(f.app.overlays.isEmpty)
        #expect(said == nil)
        #expect(f.frame(80, 24).canvas.text.contains("Not confirmed; nothing changed."))
        f.app.overlays.append(ConfirmOverlay("Go ahead?") { _ in said = "yes" })
        f.press(.enter)
        #expect(said == "yes")
        f.press(.character("b"))
        #expect(f.app.overlays.last is BlankOverlay)
        f.press(.character("q"))
        #expect(f.app.overlays.isEmpty)
        #expect(!f.app.isFinished, "the key that brings the screen back does nothing else")
    }
}
