import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

@Suite("Key names in the config file")
struct KeyNameTests {
    @Test("Named keys, F-keys, Ctrl chords and single characters read and write back")
    func names() {
        let cases: [(String, Key)] = [
            ("w", .character("w")), ("E", .character("E")), ("+", .character("+")), ("?", .character("?")),
            ("enter", .enter), ("Return", .enter), ("esc", .escape), ("escape", .escape), ("tab", .tab),
            ("shift-tab", .backTab), ("space", .character(" ")), ("up", .up), ("down", .down), ("left", .left),
            ("right", .right), ("pgup", .pageUp), ("PgDn", .pageDown), ("home", .home), ("end", .end),
            ("backspace", .backspace), ("delete", .delete), ("f1", .function(1)), ("F12", .function(12)),
            ("ctrl-x", .control("x")), ("Ctrl-S", .control("s")),
        ]
        for (name, key) in cases {
            #expect(Key(configName: name) == key, "\(name)")
            #expect(Key(configName: key.configName) == key, "\(key.configName) reads back")
        }
    }

    @Test("Names that are not keys are refused")
    func notKeys() {
        for name in ["", "entr", "f0", "f13", "ctrl-1", "ctrl-", "ab", "\t", "\u{1B}", "shift-a"] {
            #expect(Key(configName: name) == nil, "\(name.debugDescription)")
        }
    }

    @Test("Screens are named in kebab case")
    func contexts() {
        #expect(KeyContext.clientPicker.configName == "client-picker")
        #expect(KeyContext(configName: "day-review") == .dayReview)
        #expect(KeyContext(configName: "dayReview") == nil)
        for context in KeyContext.allCases { #expect(KeyContext(configName: context.configName) == context) }
    }
}

@Suite("Key rebinding from the config file")
struct KeyRebindingTests {
    func read(_ text: String) -> ConfigReading { KneadConfig.parse(text, file: "config.toml") }

    @Test("A key bound twice on one screen is refused naming both actions and the line; that screen keeps its defaults")
    func conflict() {
        let reading = read("""
            [keys.today]
            quit = ["f10"]

            [keys.treatment]
            undo = "z"
            end-work = ["w"]
            """)
        #expect(reading.diagnostics.count == 1)
        let diagnostic = reading.diagnostics[0]
        #expect(diagnostic.line == 6)
        #expect(diagnostic.problem.contains("end-work"))
        #expect(diagnostic.problem.contains("start-work"))
        #expect(diagnostic.description.hasPrefix("config.toml: line 6: in [keys.treatment], w is bound to both"))
        let keymap = reading.config.keymap
        #expect(keymap.action(for: .character("w"), in: .treatment) == .startWork, "treatment keeps its default keys")
        #expect(keymap.action(for: .character("u"), in: .treatment) == .undo)
        #expect(keymap.action(for: .character("z"), in: .treatment) == nil)
        #expect(keymap.action(for: .function(10), in: .today) == .quit, "other screens' rebinding still applies")
    }

    @Test("Unknown screens, actions and key names are reported with their lines")
    func unknownNames() {
        let reading = read("""
            [keys.treatmnt]
            start-work = "s"

            [keys.treatment]
            start-wrk = "s"
            end-work = ["e", "entr"]
            undo = []
            pain-3 = 3
            """)
        let found = reading.diagnostics
        #expect(found.map(\.line) == [1, 5, 6, 7, 8], "\(found)")
        #expect(found[0].problem.contains("did you mean treatment?"))
        #expect(found[1].problem.contains("did you mean start-work?"))
        #expect(found[2].problem.contains("\"entr\" is not a key name"))
        #expect(found[3].problem.contains("has no keys"))
        #expect(found[4].problem.contains("the number 3"))
        #expect(reading.config.keyOverrides.isEmpty)
    }

    @Test("Keys that text fields read themselves are refused on forms; a field's keys belong to the field's own context")
    func formKeys() {
        let reading = read("""
            [keys.form]
            save = ["s"]
            toggle = "f9"
            next-field = ["f9", "tab"]
            [keys.day-review]
            thisDay = "t"
            today = "1"
            """)
        let found = reading.diagnostics
        #expect(found.map(\.line) == [2, 3, 6, 7], "\(found)")
        #expect(found[0].problem.contains("read by the text fields"))
        #expect(found[1].problem.contains("is not an action of"))
        // The day review's digits are bindings of their own now (date-0 … date-9): taking one is a conflict, refused.
        #expect(found[3].problem.contains("1 is bound to both date-1 and today"), "\(found[3].problem)")
        #expect(reading.config.keymap.action(for: .function(9), in: .form) == .nextField)
    }

    @Test("Form fields, the screening list, the region finder and the date entry are rebound like any screen")
    func fieldContexts() throws {
        let reading = read("""
            [keys.screening-list]
            yes = ["j"]
            no = ["f9"]
            [keys.toggle-field]
            yes = "f8"
            [keys.region-finder]
            choose = ["f9"]
            [keys.date-entry]
            choose = ["f10"]
            """)
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        let keymap = reading.config.keymap
        #expect(keymap.action(for: .character("j"), in: .screeningList) == .answerYes)
        #expect(keymap.action(for: .character("y"), in: .screeningList) == nil, "the old key no longer answers")
        #expect(keymap.action(for: .function(9), in: .regionFinder) == .choose)
        #expect(keymap.action(for: .function(10), in: .dateEntry) == .choose)
        // A form's toggle field answers with the rebound key, and no longer with the old one.
        var form = Form([FormField("consent", "Consent", .toggle(false))])
        let usedOldKey = form.handle(.character("y"), keymap: keymap)
        #expect(!usedOldKey)
        #expect(form["consent"] == .toggle(false))
        let usedNewKey = form.handle(.function(8), keymap: keymap)
        #expect(usedNewKey)
        #expect(form["consent"] == .toggle(true))
    }

    @Test("A key bound twice in the screening list is refused naming both actions")
    func fieldContextConflict() {
        let reading = read("[keys.screening-list]\nyes = [\"n\"]\n")
        #expect(reading.diagnostics.count == 1)
        let problem = reading.diagnostics.first?.problem ?? ""
        #expect(problem.contains("both yes and no") || problem.contains("both no and yes"), "\(problem)")
        #expect(reading.config.keymap.action(for: .character("n"), in: .screeningList) == .answerNo, "the defaults stay")
    }

    @Test("Help and the hint bar show the rebound keys")
    func helpAndHints() throws {
        let keymap = read("[keys.treatment]\nstart-work = [\"s\"]\nmove-up = [\"i\", \"up\"]\n").config.keymap
        let work = try #require(keymap.bindings(in: .treatment).first { $0.action == .startWork })
        #expect(work.keyLabel == "s")
        #expect(work.hintKeys == "s")
        let move = try #require(keymap.bindings(in: .treatment).first { $0.action == .moveUp })
        #expect(move.hintKeys != "hjkl", "the shared hint no longer tells the truth")
        #expect(move.hintKeys.hasPrefix("i"))
    }

    @Test("The shipped KEYBINDINGS.md explains rebinding and names each action")
    func markdown() {
        let markdown = Keymap.standard().markdown
        #expect(markdown.contains("## Rebinding"))
        #expect(markdown.contains("`[keys.treatment]`"))
        #expect(markdown.contains("| `start-work` |"))
    }
}

@Suite("Rebound keys in the running app")
struct RebindingInAppTests {
    /// A session in treatment on a fresh database, in an app with the keymap of a config file.
    final class Fixture {
        let folder: URL
        let journal: SQLiteJournal
        let app: KneadApp
        init(config text: String, steps: [SamplePractice.Step] = []) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-config-\(UUID().uuidString)")
            journal = try SQLiteJournal.open(folder: folder, clock: testClock())
            let now = AppFixture.now
            let assessment = Assessment(chiefComplaint: "Shoulder", painfulRegions: [], pressurePreference: .swedish, consent: true)
            let state = try SamplePractice.record(journal, at: now.addingTimeInterval(-600), client: SamplePractice.clients[3], minutes: 60,
                                                  steps: [.command(.recordAssessment(assessment)), .command(.beginTreatment)] + steps)
            let reading = KneadConfig.parse(text, file: "config.toml")
            let config = reading.config
            app = KneadApp(journal: journal, clock: ManualClock(now), theme: BuiltInTheme.default,
                           settings: config.settings(therapist: "Sam", plannedMinutes: nil, showNames: nil, environment: [:]),
                           keymap: config.keymap, catalog: config.techniqueCatalog)
            app.handle(.key(.escape))  // the offer to resume the open session
            app.open(state.id)
        }
        deinit {
            try? journal.close()
            try? FileManager.default.removeItem(at: folder)
        }
        func press(_ keys: Key...) { for key in keys { app.handle(.key(key)) } }
        func text() -> String {
            app.handle(.resized(width: 100, height: 30))
            return app.frame(width: 100, height: 30).canvas.text
        }
    }

    @Test("The rebound key does the action and the old key no longer does")
    func reboundKey() throws {
        let f = try Fixture(config: "[keys.treatment]\nstart-work = [\"s\"]\n")
        #expect(f.app.screen == .treatment)
        #expect(f.text().contains("none — s starts work"), "messages name the key in use")
        f.press(.character("w"))
        #expect(f.app.session?.activeWork == nil, "w no longer starts work")
        #expect(f.text().contains("w does nothing here. Press ? for the keys."))
        f.press(.character("s"))
        #expect(f.app.session?.activeWork != nil, "s starts work")
        #expect(f.text().contains("s work"), "the hint bar shows the new key")
    }

    @Test("Help lists the rebound key")
    func helpOverlay() throws {
        let f = try Fixture(config: "[keys.treatment]\nquick-note = [\"f5\"]\n[keys.global]\nhelp = [\"f1\", \"?\"]\n")
        f.press(.character("?"))
        let text = f.text()
        #expect(text.contains("F5"), "\(text)")
    }

    @Test("A configured technique is in the menu under its key and is logged by id")
    func configuredTechnique() throws {
        let f = try Fixture(config: "[[techniques]]\nid = \"kinesio-taping\"\nname = \"kinesiology taping\"\nkey = \"k\"\n")
        f.press(.character("w"))
        f.press(.character("t"))
        #expect(f.text().contains("kinesiology taping"))
        f.press(.character("k"))
        #expect(f.app.session?.activeWork?.technique == Technique("kinesio-taping"))
    }

    @Test("A session logged with a technique the list does not hold still replays and shows its id")
    func unknownTechniqueInOldSession() throws {
        let work = RegionWork(region: Region.all[0], technique: Technique("retired-technique"), pressure: .swedish)
        let f = try Fixture(config: "[[techniques]]\nid = \"kinesio-taping\"\nkey = \"k\"\n",
                            steps: [.command(.startWork(work)), .wait(5)])
        #expect(f.app.session?.activeWork?.technique == Technique("retired-technique"))
        #expect(f.text().contains("retired-technique"))
    }
}
