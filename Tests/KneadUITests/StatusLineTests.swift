import Foundation
import Testing
@testable import KneadUI

@Suite("The status line")
struct StatusLineTests {
    @Test("A message too long for one line is wrapped above the hints, whole, up to three lines")
    func longMessagesWrap() throws {
        let fixture = try AppFixture()
        fixture.press(.character("n"))  // the sample practice offers to resume; decline it
        let message = "config.toml: line 3: unknown key \"planed_minutes\" in [session] (did you mean planned_minutes?). "
            + "(1 more problem) Run knead config --check for the details."
        fixture.app.notify(message)
        let lines = fixture.frame(80, 24).canvas.lines
        #expect(lines[23].contains("? help"), "the hints stay on the last line")
        let shown = lines[20...22].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(shown.contains("planed_minutes"))
        #expect(shown.hasSuffix("for the details."), "the end of the message is shown: \(shown)")

        fixture.app.notify(String(repeating: "word ", count: 100))
        let long = fixture.frame(80, 24).canvas.lines
        #expect(long[20].hasPrefix(" word"), "a longer message takes three lines at most")
        #expect(long[22].trimmingCharacters(in: .whitespaces).hasSuffix("…"))
        #expect(!long[19].contains("word"))

        fixture.app.notify("Saved.")
        let short = fixture.frame(80, 24).canvas.lines
        #expect(short[22].hasPrefix(" Saved."))
        #expect(!short[21].contains("Saved"))
    }
}
