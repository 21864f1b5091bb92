extension Keymap {
    /// The "Rebinding" section of KEYBINDINGS.md: how config.toml changes keys, and which keys
    /// screens read themselves.
    static var rebindingMarkdown: String {
        """

        ## Rebinding

        The tables above are the keys Knead ships with. In `config.toml` (see `knead config --path`),
        `[keys.SCREEN]` with `ACTION = ["key", ...]` replaces that action's keys on that screen; the
        screen is named under each heading above and the action in the Name column:

        ```toml
        [keys.treatment]
        start-work = ["w", "enter"]
        quick-note = "f5"
        ```

        Key names: \(Key.configNameSummary). Help (`?`) and the hint bar show the keys in use.

        A key bound to two actions on one screen is refused, naming both actions and the line, and that
        screen keeps all its default keys; `knead config --check` lists every problem.

        A form's fields other than text have keys of their own, rebound the same way: the screening
        questions (`[keys.screening-list]`: `yes`, `no`, `not-asked`, ...), lists of regions,
        checklists, choices, yes/no and pressure fields (the `Form:` headings above). The focused
        field's keys act before the form's, and help lists them under the form's.

        Keys the screens read themselves, which cannot be rebound:

        - Forms, the client list, the new-session picker, search, the quick note, the region finder
          and the date entry: typed characters, Enter in text fields, Backspace, Delete, ←, →, ↑, ↓
          (in lists), Home, End and the editing chords Ctrl-A, B, D, E, F, H, K, U, W. Keys bound
          there must be ones fields do not use: F-keys (not F4), Esc, Tab, Shift-Tab, PgUp, PgDn,
          Ins or another Ctrl- letter.
        - Checklists: each item's own key (1–9, 0, then a–z) ticks it.
        - Day review: digits start typing a date.
        - Blank screen: any key restores it.

        """
    }
}
