extension Keymap {
    /// The keys of the care plan: the referral and plan-of-care forms from the client record,
    /// the care plan window of a session (outcome measures, the goal worked toward), and the
    /// progress report from the client history.
    static let carePlanBindings: [Binding] = {
        var b: [Binding] = [
            Binding(.carePlanRecord, .editReferral, [.function(5)], "the physician's referral (a new version; the earlier stays)",
                    group: "care plan", hintLabel: "referral"),
            Binding(.carePlanRecord, .editPlanOfCare, [.function(8)], "the plan of care: goals, frequency, re-assessment",
                    group: "care plan", hintLabel: "plan"),

            Binding(.form, .carePlan, [.function(6)], "care plan of a session: PSFS, PEG, the goal worked toward (before signing)",
                    group: "care plan", hint: false),

            Binding(.carePlan, .ratePSFS, [.character("f")], "rate the PSFS (the client's own activities, 0–10)", group: "outcomes", hintLabel: "PSFS"),
            Binding(.carePlan, .ratePEG, [.character("p")], "rate the PEG (pain, enjoyment, general activity)", group: "outcomes", hintLabel: "PEG"),
        ]
        b += (1...5).map { n in
            Binding(.carePlan, .workTowardGoal(n), [.character(Character(String(n)))], "this session works toward goal \(n)",
                    group: "goals", hint: n == 1, hintKeys: "1-5", hintLabel: "goal")
        }
        b += [
            Binding(.carePlan, .back, [.escape, .character("q")], "close", group: "general"),

            Binding(.clientHistory, .progressReport, [.character("p")], "progress report for the referring physician",
                    group: "records", hintLabel: "report"),

            Binding(.progressReport, .moveUp, [.up, .character("k")], "scroll up", group: "move", hintKeys: "↑↓", hintLabel: "scroll"),
            Binding(.progressReport, .moveDown, [.down, .character("j")], "scroll down", group: "move", hint: false),
            Binding(.progressReport, .pageUp, [.pageUp], "page up", group: "move", hint: false),
            Binding(.progressReport, .pageDown, [.pageDown, .character(" ")], "page down", group: "move", hint: false),
            Binding(.progressReport, .writeReport, [.character("w")], "write it to a private file in the data folder (Markdown)",
                    group: "report", hintLabel: "write file"),
            Binding(.progressReport, .back, [.escape, .character("q")], "close", group: "general"),
        ]
        return b
    }()
}
