extension Keymap {
    /// The keys of the day review, the client history and the search overlay.
    static let reviewBindings: [Binding] = dayReviewBindings + [
        Binding(.clientHistory, .moveUp, [.up, .character("k")], "previous visit", group: "move", hintKeys: "↑↓", hintLabel: "visit"),
        Binding(.clientHistory, .moveDown, [.down, .character("j")], "next visit", group: "move", hint: false),
        Binding(.clientHistory, .openSession, [.enter], "open the visit's note", group: "session", hintLabel: "note"),
        Binding(.clientHistory, .search, [.character("/")], "search this client's notes", group: "records", hintLabel: "search"),
        Binding(.clientHistory, .back, [.escape, .character("q")], "back", group: "general"),

        Binding(.search, .moveUp, [.up], "previous result", group: "move", hintKeys: "↑↓", hintLabel: "choose"),
        Binding(.search, .moveDown, [.down], "next result", group: "move", hint: false),
        Binding(.search, .openSession, [.enter], "open the session", group: "session", hintLabel: "open"),
        Binding(.search, .back, [.escape], "close search", group: "general"),
    ]

    /// The day review's keys; a digit starts the date prompt with it typed, as `g` then the digit.
    static var dayReviewBindings: [Binding] {
        [
            Binding(.dayReview, .moveUp, [.up, .character("k")], "previous session", group: "move", hintKeys: "↑↓", hintLabel: "choose"),
            Binding(.dayReview, .moveDown, [.down, .character("j")], "next session", group: "move", hint: false),
            Binding(.dayReview, .openSession, [.enter], "open the note (sign or finish from there)", group: "session", hintLabel: "note"),
            Binding(.dayReview, .previousDay, [.left, .character("[")], "previous day", group: "day", hintKeys: "←→", hintLabel: "day"),
            Binding(.dayReview, .nextDay, [.right, .character("]")], "next day", group: "day", hint: false),
            Binding(.dayReview, .jumpToDate, [.character("g")], "go to a date (or just type its digits)", group: "day", hintLabel: "date"),
        ] + (0...9).map { n in
            Binding(.dayReview, .dateDigit(n), [.character(Character(String(n)))], "go to a date that starts with \(n)", group: "day", hint: false)
        } + [
            Binding(.dayReview, .thisDay, [.character("t")], "back to today", group: "day", hint: false),
            Binding(.dayReview, .clientHistory, [.character("h")], "history of the chosen client", group: "records", hintLabel: "history"),
            Binding(.dayReview, .search, [.character("/")], "search notes", group: "records", hintLabel: "search"),
            Binding(.dayReview, .back, [.escape, .character("q")], "back", group: "general"),
        ]
    }
}
