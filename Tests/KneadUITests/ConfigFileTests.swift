import Foundation
import Testing
import KneadCore
@testable import KneadUI

@Suite("Config file: reading and diagnostics")
struct ConfigFileTests {
    static let file = "/home/sam/.config/knead/config.toml"

    func read(_ text: String) -> ConfigReading { KneadConfig.parse(text, file: Self.file) }

    /// The diagnostics as (line, text) for compact expectations.
    func problems(_ text: String) -> [(line: Int?, text: String)] {
        read(text).diagnostics.map { ($0.line, $0.description) }
    }

    @Test("A full file is read into every setting")
    func fullFile() throws {
        let reading = read("""
            theme = "dim-room"
            therapist = "Sam Rivera, LMT"
            mouse = true

            [session]
            planned_minutes = 90
            checkin_reminder_minutes = 8

            [privacy]
            show_names_during_treatment = true

            [aftercare]
            standard_advice = false
            advice = ["Walk for ten minutes.", "Sleep on your back tonight."]

            [billing]
            deep-tissue = "97124"
            mobilisation = ""

            [[techniques]]
            id = "kinesio-taping"
            name = "kinesiology taping"
            key = "k"
            billing_code = "97140"

            [[techniques]]
            id = "cupping"
            name = "dry cupping"

            [keys.treatment]
            start-work = ["s", "enter"]
            quick-note = "f5"
            """)
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        let config = reading.config
        #expect(config.theme == "dim-room")
        #expect(config.therapist == "Sam Rivera, LMT")
        #expect(config.mouse == true)
        #expect(config.plannedMinutes == 90)
        #expect(config.checkInReminderMinutes == 8)
        #expect(config.showNamesDuringTreatment == true)
        #expect(config.adviceTemplates == ["Walk for ten minutes.", "Sleep on your back tonight."])
        let catalog = config.techniqueCatalog
        #expect(catalog.entries.count == TechniqueCatalog.standard.entries.count + 1)
        #expect(catalog.info(key: "k")?.name == "kinesiology taping")
        #expect(catalog.name(of: Technique("cupping")) == "dry cupping")
        #expect(catalog.info(Technique("cupping"))?.key == "c", "an entry without a key keeps the standard one")
        #expect(config.billingCodes.code(for: Technique("deep-tissue")) == "97124")
        #expect(config.billingCodes.code(for: Technique("kinesio-taping")) == "97140")
        #expect(config.billingCodes.code(for: Technique("mobilisation")) == nil)
        #expect(config.billingCodes.code(for: Technique("effleurage")) == "97124")
        let keymap = config.keymap
        #expect(keymap.action(for: .character("s"), in: .treatment) == .startWork)
        #expect(keymap.action(for: .enter, in: .treatment) == .startWork)
        #expect(keymap.action(for: .character("w"), in: .treatment) == nil)
        #expect(keymap.action(for: .function(5), in: .treatment) == .quickNote)
        #expect(keymap.action(for: .character("n"), in: .treatment) == nil)
        #expect(keymap.action(for: .character("k"), in: .techniqueMenu) == .pickTechnique("k"))
        #expect(keymap.action(for: .character("w"), in: .today) == nil, "other screens are untouched")
        #expect(keymap.action(for: .character("n"), in: .today) == .newSession)
    }

    @Test("An empty or missing file gives the defaults and no diagnostics")
    func emptyFile() {
        let reading = read("")
        #expect(reading.diagnostics.isEmpty)
        #expect(reading.config == KneadConfig())
        let settings = reading.config.settings(therapist: nil, plannedMinutes: nil, showNames: nil, environment: ["USER": "sam"])
        #expect(settings.defaultPlannedMinutes == 60)
        #expect(settings.checkInReminderMinutes == 5)
        #expect(settings.showNamesDuringTreatment == false)
        #expect(settings.mouse == false)
        #expect(settings.therapistName == "sam")
        #expect(settings.adviceTemplates == Aftercare.standardAdvice)
        let missing = ConfigFile(path: "/nonexistent/knead/config.toml", isExplicit: false).read()
        #expect(missing.diagnostics.isEmpty)
        let asked = ConfigFile(path: "/nonexistent/knead/config.toml", isExplicit: true).read()
        #expect(asked.diagnostics.count == 1)
        #expect(asked.diagnostics.first?.description.contains("no such file") == true)
    }

    @Test("A syntax error names the file and its line, and every setting keeps its default")
    func syntaxError() {
        let reading = read("""
            theme = "dim-room"

            [session]
            planned_minutes = = 90
            """)
        #expect(reading.diagnostics.count == 1)
        #expect(reading.diagnostics.first?.line == 4)
        #expect(reading.diagnostics.first?.description.hasPrefix("\(Self.file): line 4: ") == true)
        #expect(reading.config == KneadConfig())
    }

    @Test("A value of the wrong type or out of range names the key's line; that setting falls back, the rest is used")
    func typeAndRange() {
        let text = """
            # comment
            theme = "dim-room"

            [session]
            checkin_reminder_minutes = 500
            planned_minutes = "sixty"

            [privacy]
            show_names_during_treatment = "yes"
            """
        let reading = read(text)
        let found = reading.diagnostics.map { ($0.line, $0.problem) }
        #expect(found.count == 3)
        #expect(found[0].0 == 5 && found[0].1.contains("checkin_reminder_minutes") && found[0].1.contains("the number 500")
                && found[0].1.contains("from 1 to 120"))
        #expect(found[1].0 == 6 && found[1].1.contains("session.planned_minutes is the text \"sixty\"")
                && found[1].1.contains("(expected a whole number of minutes from 5 to 240)"))
        #expect(found[2].0 == 9 && found[2].1.contains("true or false"))
        #expect(reading.config.theme == "dim-room", "the good theme is used")
        #expect(reading.config.plannedMinutes == nil)
        let settings = reading.config.settings(therapist: nil, plannedMinutes: nil, showNames: nil, environment: [:])
        #expect(settings.defaultPlannedMinutes == 60, "the bad value keeps the default")
        #expect(settings.checkInReminderMinutes == 5)
    }

    @Test("Unknown keys are reported with their line and a likely meant key, and are not fatal")
    func unknownKeys() {
        let reading = read("""
            theme = "high-contrast"
            colour = "blue"
            [session]
            planed_minutes = 50
            checkin_reminder_minutes = 3
            [privacy]
            show_names = true
            """)
        let found = reading.diagnostics
        #expect(found.map(\.line) == [2, 4, 7])
        #expect(found[1].problem.contains("unknown key \"planed_minutes\" in [session]"))
        #expect(found[1].problem.contains("did you mean planned_minutes?"))
        #expect(reading.config.checkInReminderMinutes == 3)
        #expect(reading.config.theme == "high-contrast")
    }

    @Test("The same key in two tables is found on the line of the right table")
    func sameKeyInTwoTables() {
        let reading = read("""
            [keys.today]
            quit = "f10"

            [keys.treatment]
            quit = "f10"
            """)
        #expect(reading.diagnostics.count == 1)
        #expect(reading.diagnostics.first?.line == 5, "\(reading.diagnostics)")
        #expect(reading.diagnostics.first?.problem.contains("not an action of Treatment") == true)
        #expect(reading.config.keyOverrides.map(\.context) == [.today])
    }

    @Test("Lines inside a multi-line list or string are not taken for keys")
    func multiLineValues() {
        let reading = read("""
            [aftercare]
            advice = [
              "Ice = 10 minutes.",
              "Walk.",
            ]
            notes = \"\"\"
            planned_minutes = 3
            \"\"\"
            standard_advice = "no"
            """)
        #expect(reading.diagnostics.map(\.line) == [6, 9], "\(reading.diagnostics)")
        #expect(reading.config.advice == ["Ice = 10 minutes.", "Walk."])
    }

    @Test("Technique problems name the entry and its line; the entry is left out, the rest kept")
    func techniqueProblems() {
        let reading = read("""
            [[techniques]]
            id = "kinesio-taping"
            key = "k"

            [[techniques]]
            id = "Gua Sha"
            key = "z"

            [[techniques]]
            id = "gua-sha"
            key = "m"

            [[techniques]]
            id = "scraping"
            """)
        let found = reading.diagnostics
        #expect(found.map(\.line) == [6, 11, 13], "\(found)")
        #expect(found[0].problem.contains("[[techniques]] #2"))
        #expect(found[1].problem.contains("already picks myofascial release"))
        #expect(found[2].problem.contains("has no key"))
        #expect(reading.config.techniques.map(\.technique.id) == ["kinesio-taping"])
    }

    @Test("A configured technique list keeps old sessions readable: ids not in the list still show")
    func unknownTechniqueIDsStayDisplayable() {
        let config = read("[[techniques]]\nid = \"kinesio-taping\"\nkey = \"k\"\n").config
        let catalog = config.techniqueCatalog
        #expect(catalog.name(of: Technique("effleurage")) == "effleurage", "standard techniques stay known")
        #expect(catalog.name(of: Technique("retired-technique")) == "retired-technique")
        #expect(config.billingCodes.code(for: Technique("myofascial-release")) == "97140")
    }

    @Test("The defaults file lists every key at its default and reads back with no diagnostics")
    func defaultsRoundTrip() {
        let text = KneadConfig.defaultFileText
        let reading = read(text)
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        let settings = reading.config.settings(therapist: nil, plannedMinutes: nil, showNames: nil, environment: ["USER": "sam"])
        let defaults = KneadConfig().settings(therapist: nil, plannedMinutes: nil, showNames: nil, environment: ["USER": "sam"])
        #expect(settings.defaultPlannedMinutes == defaults.defaultPlannedMinutes)
        #expect(settings.adviceTemplates == defaults.adviceTemplates)
        #expect(settings.billingCodes == defaults.billingCodes)
        #expect(reading.config.theme == "default")
        for key in ["theme", "therapist", "mouse", "planned_minutes", "checkin_reminder_minutes", "show_names_during_treatment",
                    "standard_advice", "advice", "[billing]", "[[techniques]]", "id", "name", "key", "billing_code", "[keys.treatment]"] {
            #expect(text.contains(key), "the defaults file mentions \(key)")
        }
        // Every uncommented key line is preceded by a comment line.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() where line.contains(" = ") && !line.hasPrefix("#") {
            #expect(i > 0 && lines[i - 1].hasPrefix("#"), "no comment above \(line)")
        }
    }

    @Test("Command-line values beat the file, the file beats the built-in defaults")
    func precedence() {
        let config = read("""
            therapist = "From File"
            [session]
            planned_minutes = 45
            [privacy]
            show_names_during_treatment = true
            """).config
        let fromFile = config.settings(therapist: nil, plannedMinutes: nil, showNames: nil, environment: ["USER": "login"])
        #expect(fromFile.therapistName == "From File")
        #expect(fromFile.defaultPlannedMinutes == 45)
        #expect(fromFile.showNamesDuringTreatment == true)
        let fromCommandLine = config.settings(therapist: "Cli Name", plannedMinutes: 30, showNames: false, environment: ["USER": "login"])
        #expect(fromCommandLine.therapistName == "Cli Name")
        #expect(fromCommandLine.defaultPlannedMinutes == 30)
        #expect(fromCommandLine.showNamesDuringTreatment == false)
    }

    @Test("The config file is found from --config, then KNEAD_CONFIG, then XDG_CONFIG_HOME, then HOME")
    func location() {
        let env = ["KNEAD_CONFIG": "/e/c.toml", "XDG_CONFIG_HOME": "/x", "HOME": "/h"]
        #expect(ConfigFile.locate(option: "/o.toml", environment: env).path == "/o.toml")
        #expect(ConfigFile.locate(option: nil, environment: env).path == "/e/c.toml")
        #expect(ConfigFile.locate(option: nil, environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]).path == "/x/knead/config.toml")
        #expect(ConfigFile.locate(option: nil, environment: ["HOME": "/h"]).path == "/h/.config/knead/config.toml")
        #expect(ConfigFile.locate(option: nil, environment: ["HOME": "/h"]).isExplicit == false)
        // A relative XDG_CONFIG_HOME is ignored, as the XDG Base Directory specification asks.
        #expect(ConfigFile.locate(option: nil, environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]).path
                == "/h/.config/knead/config.toml")
        let themes = ThemeLoader.standard(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"], executablePath: "/usr/bin/knead")
        #expect(themes.searchPaths.first?.path == "/h/.config/knead/themes")
    }

    @Test("Control characters in the file never reach a message raw")
    func controlCharacters() {
        let reading = read("\"bad\\u001b[2Jkey\" = 1\n")
        #expect(reading.diagnostics.count == 1)
        #expect(!reading.diagnostics[0].description.unicodeScalars.contains { $0.value == 0x1B })
    }
}
