import Foundation
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadUI

/// Text that tries to take over the terminal or break the layout: escape sequences, C0 and C1
/// controls, DEL, bidi overrides, zero-width and combining characters, right-to-left and wide
/// scripts, emoji, a 100,000-character line. It must be stored byte for byte and drawn safely.
@Suite struct HostileTextTests {
    static let hostile: [String] = [
        "\u{1B}]0;pwned\u{07}Ada Osc",
        "\u{1B}[2J\u{1B}[HBen Clear\u{1B}[31mred\u{1B}[0m",
        "C0 \u{01}\u{02}\u{08}\u{0B}\u{0C}\u{0E}\u{1F} end",
        "C1 \u{80}\u{85}\u{9B}31m\u{9D}0;title\u{9C} end",
        "DEL\u{7F}DEL",
        "bidi \u{202E}lortnoc\u{202C} \u{2066}isolate\u{2069} \u{200F}rlm",
        "zero\u{200B}width\u{200D}joiner\u{FEFF}bom\u{2028}ls",
        "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}\u{30A} stack, \u{301}lone mark",
        "سلام عليكم، ألم في الرقبة",
        "שלום, כאב בגב התחתון",
        "患者の首が痛い 마사지 치료 ＦＵＬＬ",
        "👩‍⚕️ 🇯🇵 💆🏽‍♀️ ✋🏿",
        "tab\tnew\nline\r\nend",
        "Cafe\u{301} NFD and Café NFC",
        String(repeating: "a very long line ", count: 6_000) + "end",  // notes are trimmed: end without a space
    ]

    // MARK: Stored exactly

    @Test func notesComplaintsAndNamesComeBackByteForByte() throws {
        let fixture = try AppFixture(seeded: false)
        for (i, text) in Self.hostile.enumerated() {
            let client = Client(id: ClientID("hostile-\(i)"), name: text, preferredName: text)
            let state = try SamplePractice.record(fixture.journal, at: AppFixture.now, client: client, minutes: 60, steps: [
                .command(.recordAssessment(Assessment(chiefComplaint: text, consent: true))),
                .command(.beginTreatment), .command(.note(text)),
            ])
            let events = try fixture.journal.events(of: state.id)
            #expect(events == state.events)
            let replayed = SessionState(id: state.id, replaying: events)
            #expect(Array(replayed.client?.name.utf8 ?? "".utf8) == Array(text.utf8), "name \(i)")
            #expect(Array(replayed.assessment?.chiefComplaint.utf8 ?? "".utf8) == Array(text.utf8), "complaint \(i)")
            #expect(Array(replayed.notes.last?.value.utf8 ?? "".utf8) == Array(text.utf8), "note \(i)")
            let stored = try fixture.journal.clients().first { $0.id == client.id }
            #expect(Array(stored?.name.utf8 ?? "".utf8) == Array(text.utf8), "client \(i)")
        }
    }

    @Test func clientRecordsComeBackByteForByte() throws {
        let fixture = try AppFixture(seeded: false)
        for (i, text) in Self.hostile.enumerated() {
            let record = ClientRecord(client: Client(id: ClientID("record-\(i)"), name: text, preferredName: text),
                                      phone: text, physician: text, notes: text)
            try fixture.journal.save(record)
            let stored = try #require(try fixture.journal.clientRecord(record.id))
            #expect(Array(stored.client.name.utf8) == Array(text.utf8), "record \(i)")
            #expect(Array(stored.notes.utf8) == Array(text.utf8), "record notes \(i)")
            #expect(Array(stored.phone.utf8) == Array(text.utf8), "record phone \(i)")
        }
    }

    /// NUL survives inside notes and complaints (stored as JSON) and in the name columns (read
    /// back as blobs: GRDB's text ends at the first NUL). No keyboard can type one.
    @Test func aNulInANameIsKept() throws {
        let fixture = try AppFixture(seeded: false)
        let text = "nul\u{0}inside"
        let client = Client(id: ClientID("nul"), name: text)
        let state = try SamplePractice.record(fixture.journal, at: AppFixture.now, client: client, minutes: 60, steps: [
            .command(.recordAssessment(Assessment(chiefComplaint: text, consent: true))), .command(.beginTreatment),
            .command(.note(text)),
        ])
        let replayed = SessionState(id: state.id, replaying: try fixture.journal.events(of: state.id))
        #expect(Array(replayed.notes.last?.value.utf8 ?? "".utf8) == Array(text.utf8))
        #expect(Array(replayed.assessment?.chiefComplaint.utf8 ?? "".utf8) == Array(text.utf8))
        let stored = try fixture.journal.clients().first { $0.id == client.id }
        #expect(Array(stored?.name.utf8 ?? "".utf8) == Array(text.utf8))
        let listed = try fixture.journal.sessions(startedFrom: .distantPast, to: .distantFuture).first { $0.id == state.id }
        #expect(Array(listed?.client.name.utf8 ?? "".utf8) == Array(text.utf8))
    }

    // MARK: Drawn safely

    @Test func everyScreenDrawsHostileTextSafely() throws {
        let fixture = try AppFixture(seeded: false)
        var ids: [SessionID] = []
        for (i, text) in Self.hostile.enumerated() {
            let client = Client(id: ClientID("hostile-\(i)"), name: text)
            let state = try SamplePractice.record(fixture.journal, at: AppFixture.now.addingTimeInterval(Double(i) * 60),
                                                  client: client, minutes: 60, steps: [
                .command(.recordAssessment(Assessment(chiefComplaint: text, consent: true))),
                .command(.beginTreatment), .command(.note(text)),
            ])
            ids.append(state.id)
        }
        let app = KneadApp(journal: fixture.journal, clock: fixture.clock, theme: BuiltInTheme.default,
                           settings: fixture.app.settings)
        let sizes = [(80, 24), (200, 60), (79, 23), (1, 1)]
        func check(_ what: String) throws {
            for (w, h) in sizes {
                app.handle(.resized(width: w, height: h))
                try Self.expectSafe(app.frame(width: w, height: h).canvas, "\(what) at \(w)x\(h)")
            }
        }
        app.handle(.key(.character("n")))  // not now: the offer to resume
        for _ in Self.hostile.indices {
            try check("today")
            app.handle(.key(.down))
        }
        app.handle(.key(.character("h")))
        try check("client history")
        app.handle(.key(.escape))
        app.handle(.key(.character("/")))
        for c in "pwned" { app.handle(.key(.character(c))) }
        try check("search")
        app.handle(.key(.escape))
        app.handle(.key(.character("c")))
        for _ in Self.hostile.indices {
            try check("clients")
            app.handle(.key(.down))
        }
        app.handle(.key(.enter))
        try check("client record")
        app.handle(.key(.escape))
        for id in ids {
            app.open(id)
            try check("treatment")
            app.handle(.key(.character("a")))
            app.handle(.key(.character("y")))
            try check("aftercare")
            app.showNote()
            try check("note")
        }
    }

    @Test func hostileTextTypedIntoAQuickNoteIsSavedAndDrawnSafely() throws {
        let fixture = try AppFixture()
        fixture.press(.character("y"))  // resume the session in treatment
        #expect(fixture.app.screen == .treatment)
        let text = "knot \u{1B}[2J\u{9B}31m\u{202E}ok\u{301} 患者 👩‍⚕️"
        fixture.press(.character("n"))
        fixture.type(text)
        try Self.expectSafe(fixture.frame(100, 30).canvas, "the quick note being typed")
        fixture.press(.enter)
        try Self.expectSafe(fixture.frame(100, 30).canvas, "treatment after the note")
        let id = try #require(fixture.app.session?.id)
        let saved = try fixture.journal.events(of: id).compactMap { event -> String? in
            if case .noted(let note) = event.change { return note }
            return nil
        }
        // What was typed is stored as typed, or (where the field refuses control characters)
        // without them; never with anything added.
        let note = try #require(saved.last)
        #expect(note.unicodeScalars.allSatisfy { text.unicodeScalars.contains($0) })
        #expect(note.contains("患者"))
    }

    @Test func invalidUTF8WrittenIntoTheDatabaseIsDrawnSafely() throws {
        let fixture = try AppFixture(seeded: false)
        let client = Client(id: ClientID("broken"), name: "Placeholder")
        try SamplePractice.record(fixture.journal, at: AppFixture.now, client: client, minutes: 60, steps: [
            .command(.recordAssessment(Assessment(chiefComplaint: "neck", consent: true))), .command(.beginTreatment),
        ])
        // Lone continuation bytes, an overlong ESC, a truncated sequence and a raw ESC sequence.
        let bytes = "X'41 80 BF C0 9B 1B 5B 32 4A E6 82 A3 FF 42'".replacingOccurrences(of: " ", with: "")
        try fixture.journal.executeRawSQL("UPDATE clients SET name = CAST(\(bytes) AS TEXT) WHERE id = 'broken'")
        try fixture.journal.executeRawSQL("UPDATE sessions SET client_name = CAST(\(bytes) AS TEXT) WHERE client_id = 'broken'")
        let name = try #require(try fixture.journal.clients().first { $0.id == client.id }?.name)
        #expect(name.hasPrefix("A") && name.hasSuffix("B"))
        let app = KneadApp(journal: fixture.journal, clock: fixture.clock, theme: BuiltInTheme.default,
                           settings: fixture.app.settings)
        for key: Key in [.character("n"), .character("c")] {
            app.handle(.key(key))
            for (w, h) in [(80, 24), (200, 60)] {
                app.handle(.resized(width: w, height: h))
                try Self.expectSafe(app.frame(width: w, height: h).canvas, "\(app.screen) at \(w)x\(h)")
            }
        }
    }

    // MARK: Checks

    /// No cell holds a control character, ESC, DEL or bidi control; every cell's text is as wide
    /// as the cell says; every row is exactly as wide as the canvas; a box's right edge is intact.
    static func expectSafe(_ canvas: Canvas, _ what: String) throws {
        for y in 0..<canvas.height {
            var row = 0
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                for scalar in cell.text.unicodeScalars {
                    try #require(!DisplayWidth.isControl(scalar) && scalar.value != 0x1B,
                                 "\(what): U+\(String(scalar.value, radix: 16)) at \(x),\(y)")
                }
                if !cell.isContinuation {
                    try #require(DisplayWidth.of(cell.text) == cell.width, "\(what): cell \(x),\(y) \"\(cell.text)\" is wider than it says")
                }
                row += cell.width
            }
            try #require(row == canvas.width, "\(what): row \(y) is \(row) columns wide, not \(canvas.width)")
            try #require(DisplayWidth.of(canvas.lines[y]) == canvas.width, "\(what): row \(y) as text is not \(canvas.width) wide")
        }
        // Boxes that span the screen keep their right edge: nothing spilled over it.
        guard canvas.width >= 80, canvas.height >= 24 else { return }
        for y in 2..<(canvas.height - 3) where canvas[0, y].text == "│" {
            try #require(canvas[canvas.width - 1, y].text == "│", "\(what): row \(y) lost its right border:\n\(canvas.text)")
        }
    }
}
