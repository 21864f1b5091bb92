import KneadCore

extension KneadConfig {
    /// A commented config file with every key at its default; `knead config --print-defaults`
    /// writes it. Reading it back gives no diagnostics (a test checks).
    public static var defaultFileText: String {
        var out = """
        # Knead configuration. Read from --config PATH, else $KNEAD_CONFIG, else
        # $XDG_CONFIG_HOME/knead/config.toml (~/.config/knead/config.toml when unset).
        # Each key shows its built-in default: delete a line, or comment it out, to keep the default.
        # Command-line options win over this file; `knead config --check` reports problems with their lines.

        # Theme: a name (NAME.theme in ~/.config/knead/themes or the installed themes) or a path to a .theme file.
        theme = "\(Defaults.theme)"
        # The name signatures carry (default: $KNEAD_THERAPIST, else your login name).
        # therapist = "Sam Rivera"
        # Whether the mouse may be used as well as the keyboard.
        mouse = \(Defaults.mouse)

        [session]
        # Planned length of a new session, in minutes (\(plannedMinutesRange.lowerBound) to \(plannedMinutesRange.upperBound)).
        planned_minutes = \(Defaults.plannedMinutes)
        # Minutes of work without a pain check-in before the treatment screen asks for one (\(Defaults.checkInReminderRange.lowerBound) to \(Defaults.checkInReminderRange.upperBound)).
        checkin_reminder_minutes = \(Defaults.checkInReminderMinutes)

        [privacy]
        # Show clients' full names on treatment screens instead of initials (the client may see the screen).
        show_names_during_treatment = \(Defaults.showNamesDuringTreatment)
        # Minutes without a key before the screen blanks to show no client data, outside the
        # treatment screen; any key brings it back (\(Defaults.idleBlankRange.lowerBound) never to \(Defaults.idleBlankRange.upperBound)).
        idle_blank_minutes = \(Defaults.idleBlankMinutes)

        [aftercare]
        # Offer the standard advice items; false offers only the advice listed below.
        standard_advice = true
        # More advice offered after the standard items, one sentence each, e.g. ["Walk for ten minutes after lunch."].
        advice = []

        [billing]
        # Timed billing code per technique id; "" means not billed. Uncomment a line to change it. Standard mapping:

        """
        for (technique, code) in BillingCodes.standard.codeByTechnique.sorted(by: { $0.key.id < $1.key.id }) {
            out += "# \(technique.id) = \"\(code)\"\n"
        }
        out += """

        # Techniques: each [[techniques]] table adds a technique to the menu, or changes the standard one with
        # the same id. Standard techniques are always known, so older sessions still read. Standard ids and keys:

        """
        let standard = TechniqueCatalog.standard.entries.map { "\($0.technique.id) (\($0.key))" }
        var line = "#"
        for item in standard {
            if line.count + item.count > 100 {
                out += line + "\n"
                line = "#"
            }
            line += " " + item
        }
        out += line + "\n"
        out += """
        # [[techniques]]
        # # A stable id: lower-case letters, digits and dashes; it is stored with each session.
        # id = "kinesio-taping"
        # # The name on screens and notes.
        # name = "kinesiology taping"
        # # The one key that picks it in the technique menu (after t).
        # key = "k"
        # # The timed billing code its minutes count toward; "" for not billed.
        # billing_code = "97140"

        # Keys: [keys.SCREEN] ACTION = ["key", ...] replaces that action's keys on that screen.
        # Screens and action names are listed in KEYBINDINGS.md. Key names:
        # \(Key.configNameSummary).
        # A key bound twice on one screen is refused, and that screen keeps its default keys.
        # [keys.treatment]
        # start-work = ["w", "enter"]

        """
        return out
    }
}
