extension Keymap {
    /// The bindings Knead ships with. During treatment every action is one key, or two for a
    /// technique, and none needs a modifier: hands are busy and often oily.
    public static let standardBindings: [Binding] = {
        var b: [Binding] = [
            Binding(.global, .help, [.character("?"), .function(1)], "show the keys", group: "general", hintLabel: "help"),
            Binding(.global, .blankScreen, [.function(12)], "blank the screen (any key restores)", group: "privacy", hint: false),
            Binding(.global, .quit, [.control("c")], "quit (everything is already saved)", group: "general", hint: false),

            Binding(.today, .moveUp, [.up, .character("k")], "previous session", group: "move", hintKeys: "↑↓", hintLabel: "choose"),
            Binding(.today, .moveDown, [.down, .character("j")], "next session", group: "move", hint: false),
            Binding(.today, .openSession, [.enter], "open session", group: "session", hintLabel: "open"),
            Binding(.today, .newSession, [.character("n")], "new session", group: "session", hintLabel: "new"),
            Binding(.today, .clients, [.character("c")], "clients: find, add, edit, archive", group: "session", hintLabel: "clients"),
            Binding(.today, .blankScreen, [.character("b")], "blank the screen (any key restores)", group: "privacy", hintLabel: "blank"),
            Binding(.today, .quit, [.character("q")], "quit", group: "general"),
            Binding(.today, .dayReview, [.character("r")], "review the day", group: "records", hintLabel: "review"),
            Binding(.today, .clientHistory, [.character("h")], "history of the chosen client", group: "records", hintLabel: "history"),
            Binding(.today, .search, [.character("/")], "search notes", group: "records", hintLabel: "search"),
            Binding(.today, .clinicDay, [.character("C")], "the clinic's day: every therapist's sessions (others' read-only), or only yours", group: "records", hintLabel: "clinic"),

            Binding(.clientPicker, .moveUp, [.up], "previous client", group: "move", hintKeys: "↑↓", hintLabel: "choose"),
            Binding(.clientPicker, .moveDown, [.down], "next client", group: "move", hint: false),
            Binding(.clientPicker, .nextField, [.tab], "next field", group: "move"),
            Binding(.clientPicker, .save, [.enter], "start session", group: "session"),
            Binding(.clientPicker, .editRecord, [.function(4)], "edit the chosen client's record", group: "client", hintLabel: "record"),
            Binding(.clientPicker, .back, [.escape], "cancel", group: "general"),

            Binding(.clients, .moveUp, [.up], "previous client", group: "move", hintKeys: "↑↓", hintLabel: "choose"),
            Binding(.clients, .moveDown, [.down], "next client", group: "move", hint: false),
            Binding(.clients, .editRecord, [.enter], "open the record", group: "client", hintLabel: "open"),
            Binding(.clients, .newClient, [.function(5)], "new client", group: "client", hintLabel: "new"),
            Binding(.clients, .archive, [.function(8)], "archive or restore the client", group: "client", hintLabel: "archive"),
            Binding(.clients, .showArchived, [.function(6)], "show or hide archived clients", group: "client", hintLabel: "archived"),
            Binding(.clients, .back, [.escape], "back to today", group: "general"),

            Binding(.historyReview, .confirmHistory, [.enter, .character("y")], "history unchanged: continue to the assessment", group: "client", hintLabel: "unchanged"),
            Binding(.historyReview, .confirmLastVisit, [.character("a")], "all unchanged: the history, and the last visit's complaint, regions, goals and screening answers carried into today's assessment", group: "client", hintLabel: "all unchanged"),
            Binding(.historyReview, .updateHistory, [.character("e"), .character("u")], "update the history", group: "client", hintLabel: "update"),
            Binding(.historyReview, .acknowledgeRedFlags, [.function(7)], "acknowledge red flags", group: "screening", hint: false),
            Binding(.historyReview, .back, [.escape, .character("q")], "back to today (session stays open)", group: "general"),

            Binding(.wholeBody, .overrideContraindication, [.character("o")], "treat anyway: record an override with a reason", group: "screening", hintLabel: "override"),
            Binding(.wholeBody, .reschedule, [.character("r")], "end the session as rescheduled", group: "screening", hintLabel: "reschedule"),
            Binding(.wholeBody, .back, [.escape], "back to the assessment", group: "general"),
            Binding(.reasonPrompt, .save, [.enter], "record the reason and go on", group: "screening", hintLabel: "record"),
            Binding(.reasonPrompt, .back, [.escape], "back, nothing recorded", group: "general"),

            Binding(.form, .nextField, [.tab], "next field", group: "move"),
            Binding(.form, .previousField, [.backTab], "previous field", group: "move"),
            Binding(.form, .toPlan, [.control("p")], "aftercare: to the plan", group: "move", hintLabel: "plan"),
            Binding(.form, .addRegion, [.function(3)], "add a region (in a region field)", group: "edit", hint: false),
            Binding(.form, .save, [.function(2), .control("s")], "save and continue", group: "session", hintLabel: "continue"),
            Binding(.form, .acknowledgeRedFlags, [.function(7)], "acknowledge red flags (refer to a physician)", group: "screening", hint: false),
            Binding(.form, .back, [.escape], "back (saved)", group: "general"),

            // Treatment: one key per action, two for a menu pick (t + letter, p + level, g + letter).
            Binding(.treatment, .moveUp, [.up, .character("k")], "region above on the map", group: "map", hintKeys: "hjkl", hintLabel: "move"),
            Binding(.treatment, .moveDown, [.down, .character("j")], "region below on the map", group: "map", hint: false),
            Binding(.treatment, .moveLeft, [.left, .character("h")], "region to the left on the map", group: "map", hint: false),
            Binding(.treatment, .moveRight, [.right, .character("l")], "region to the right on the map", group: "map", hint: false),
            Binding(.treatment, .startWork, [.character("w"), .enter], "work on the highlighted region", group: "region", hintLabel: "work"),
            Binding(.treatment, .endWork, [.character("e")], "end work on the region", group: "region", hintLabel: "end"),
            Binding(.treatment, .acknowledgeRedFlags, [.character("!"), .function(7)], "acknowledge red flags", group: "screening", hint: false),
        ]
        b += (0...9).map { n in
            Binding(.treatment, .checkIn(n), [.character(Character(String(n)))], "log pain \(n)",
                    group: "pain", hint: n == 0, hintKeys: "0-9x", hintLabel: "pain")
        }
        b.append(Binding(.treatment, .checkIn(10), [.character("x"), .character("*")], "log pain 10", group: "pain", hint: false))
        b += [
            Binding(.treatment, .choosePressure, [.character("p")], "set the pressure (then 0–5)", group: "pressure", hintKeys: "p+-", hintLabel: "press"),
            Binding(.treatment, .pressureUp, [.character("+"), .character("=")], "firmer pressure", group: "pressure", hint: false),
            Binding(.treatment, .pressureDown, [.character("-")], "lighter pressure", group: "pressure", hint: false),
            Binding(.treatment, .chooseTechnique, [.character("t")], "choose the technique (then its letter)", group: "technique", hintLabel: "tech"),
            Binding(.treatment, .undo, [.character("u")], "undo the last treatment action", group: "notes", hintLabel: "undo"),
            Binding(.treatment, .quickNote, [.character("n")], "one-line finding or note", group: "notes", hintLabel: "note"),
            Binding(.treatment, .goToRegion, [.character("g")], "go to a region (then its letter)", group: "map", hintLabel: "go to"),
            Binding(.treatment, .pageUp, [.pageUp, .character("[")], "scroll the timeline back", group: "timeline", hint: false),
            Binding(.treatment, .pageDown, [.pageDown, .character("]")], "scroll the timeline forward", group: "timeline", hint: false),
            Binding(.treatment, .blankScreen, [.character("b")], "blank the screen (any key restores)", group: "privacy", hintLabel: "blank"),
            Binding(.treatment, .endTreatment, [.character("a")], "end treatment, go to aftercare", group: "session", hintLabel: "aftercare",
                    keepsHint: true, shortHintLabel: "after"),
            Binding(.treatment, .back, [.character("q"), .escape], "leave (session stays open)", group: "session", hint: false),
        ]
        b += (0...5).map { n in
            Binding(.pressureMenu, .setPressure(n), [.character(Character(String(n)))], "pressure \(n): \(Pressure(rawValue: n)?.label ?? "")",
                    group: "pressure", hint: n == 0, hintKeys: "0-5", hintLabel: "level")
        }
        b.append(Binding(.pressureMenu, .back, [.escape], "cancel", group: "general"))
        b += BodyMap.areaLetters.map { area, letter in
            Binding(.regionJump, .pickArea(letter), [.character(letter)], area.name, group: "region", hint: false)
        }
        b.append(Binding(.regionJump, .back, [.escape], "cancel", group: "general"))
        b += TechniqueCatalog.standard.entries.map { info in
            Binding(.techniqueMenu, .pickTechnique(info.key), [.character(info.key)], info.name, group: "technique", hint: false)
        }
        b.append(Binding(.techniqueMenu, .back, [.escape], "cancel", group: "general"))

        b += [
            Binding(.note, .moveUp, [.up, .character("k")], "scroll up", group: "move", hint: false),
            Binding(.note, .moveDown, [.down, .character("j")], "scroll down", group: "move", hint: false),
            Binding(.note, .pageUp, [.pageUp], "page up", group: "move", hint: false),
            Binding(.note, .pageDown, [.pageDown, .character(" ")], "page down", group: "move", hint: false),
            Binding(.note, .sign, [.character("s")], "sign", group: "session"),
            Binding(.note, .amend, [.character("m")], "amend", group: "session"),
            Binding(.note, .showSessionID, [.character("i")], "show the session id (for knead export and handout)",
                    group: "session", hint: false),
            Binding(.note, .back, [.escape, .character("q")], "back", group: "general"),

            Binding(.confirm, .confirmYes, [.character("y"), .enter], "yes", group: "answer"),
            Binding(.confirm, .confirmNo, [.character("n"), .escape], "no", group: "answer"),

            Binding(.help, .back, [.escape, .character("q"), .character("?")], "close help", group: "general"),
            Binding(.help, .moveUp, [.up, .character("k")], "scroll up", group: "move", hint: false),
            Binding(.help, .moveDown, [.down, .character("j")], "scroll down", group: "move", hint: false),
        ]
        b += [
            Binding(.quickNote, .save, [.enter], "save the note", group: "notes", hintLabel: "save"),
            Binding(.quickNote, .back, [.escape], "cancel", group: "general"),

            Binding(.regionFinder, .moveUp, [.up], "previous region", group: "move", hintKeys: "↑↓", hintLabel: "choose"),
            Binding(.regionFinder, .moveDown, [.down], "next region", group: "move", hint: false),
            Binding(.regionFinder, .choose, [.enter], "take the highlighted region", group: "region", hintLabel: "take"),
            Binding(.regionFinder, .back, [.escape], "cancel", group: "general"),
        ]
        b += (0...9).map { n in
            Binding(.regionPain, .checkIn(n), [.character(Character(String(n)))], "pain \(n)",
                    group: "pain", hint: n == 0, hintKeys: "0-9x", hintLabel: "pain")
        }
        b += [
            Binding(.regionPain, .checkIn(10), [.character("x"), .character("*")], "pain 10", group: "pain", hint: false),
            Binding(.regionPain, .back, [.escape], "back to the regions", group: "general"),

            Binding(.dateEntry, .choose, [.enter], "go to the day typed", group: "day", hintLabel: "go"),
            Binding(.dateEntry, .back, [.escape], "cancel", group: "general"),
        ]
        b += formFieldBindings
        b += reviewBindings
        b += themeBindings
        b += carePlanBindings
        return b
    }()

    /// The keymap Knead ships with, made once: what a form uses when it is given no other.
    public static let shipped = standard()

    /// The keymap Knead ships with.
    public static func standard() -> Keymap {
        // The shipped table is checked by a test; a conflict here is a programming error caught there.
        (try? Keymap(standardBindings)) ?? Keymap(bindings: [], lookup: [:])
    }
}

import KneadCore
