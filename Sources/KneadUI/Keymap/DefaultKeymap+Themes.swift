extension Keymap {
    /// The key that opens the theme picker from Today, and the picker's own keys.
    static let themeBindings: [Binding] = [
        Binding(.today, .chooseTheme, [.character("T")], "choose a theme (previewed as you move)", group: "general",
                hintLabel: "themes", keepsHint: true),

        Binding(.themePicker, .moveUp, [.up, .character("k")], "previous theme (applied at once)", group: "move", hintKeys: "↑↓", hintLabel: "try"),
        Binding(.themePicker, .moveDown, [.down, .character("j")], "next theme (applied at once)", group: "move", hint: false),
        Binding(.themePicker, .save, [.enter], "keep this theme (also next time)", group: "theme", hintLabel: "keep"),
        Binding(.themePicker, .back, [.escape, .character("q")], "put the previous theme back", group: "general", hintLabel: "cancel"),
    ]
}
