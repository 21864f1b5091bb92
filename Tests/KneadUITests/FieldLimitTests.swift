import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// A field that is full says so at the field; text already longer is never cut.
@Suite("Field limits")
struct FieldLimitTests {
    @Test("typing past the limit is refused with .full, and text given longer than the limit is kept whole")
    func fieldKeepsAndRefuses() {
        var field = TextField(limit: 3)
        for c in "abc" { #expect(field.handle(.character(c)) == .edited) }
        #expect(field.handle(.character("d")) == .full)
        #expect(field.text == "abc")
        let stored = String(repeating: "x", count: 5_000)
        var long = TextField(stored, limit: 4000)
        #expect(long.text == stored, "a stored text longer than the limit is not cut")
        long.text = stored + "y"
        #expect(long.text.count == 5_001)
        #expect(long.handle(.character("z")) == .full)
    }

    @Test("a form field that refuses a character says why at the field, on screen")
    func formSaysSoAtTheField() throws {
        let f = try AppFixture()
        f.press(.character("n"))
        f.app.editRecord(SamplePractice.records[0], isNew: false)
        f.press(.control("u"))             // empty the name (120 characters at most)
        f.type(String(repeating: "a", count: 125))
        let form = try #require((f.app.current as? ClientRecordScreen)?.form)
        #expect(form.text("name").count == 120)
        #expect(form.fields[form.focus].problem?.contains("at most 120 characters") == true)
        #expect(f.frame(100, 30).canvas.text.contains("at most 120 characters"))
    }

    @Test("the client picker and the quick note say so too")
    func pickerAndQuickNote() throws {
        let f = try AppFixture(seeded: false)
        f.press(.character("n"))
        f.type(String(repeating: "b", count: 121))
        #expect(f.frame(100, 30).canvas.text.contains("at most 120 characters"))

        let t = try AppFixture()
        t.press(.character("y"))           // resume the session in treatment
        #expect(t.app.screen == .treatment)
        t.press(.character("n"))
        t.type(String(repeating: "c", count: 501))
        #expect(t.frame(100, 30).canvas.text.contains("at most 500 characters"))
    }
}
