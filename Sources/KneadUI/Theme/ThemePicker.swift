/// The theme picker's state: the themes found, the highlighted one, and the theme to put back
/// when the therapist cancels.
struct ThemePicker: Hashable, Sendable {
    var choices: [ThemeChoice]
    /// The highlighted row; never a broken file while any theme is usable.
    var selection: Int
    /// The theme in use when the picker opened, restored by Esc.
    let original: Theme
    let originalName: String

    init(choices: [ThemeChoice], current name: String, original: Theme) {
        self.choices = choices
        self.original = original
        self.originalName = name
        selection = choices.firstIndex { $0.name == name && $0.theme != nil }
            ?? choices.firstIndex { $0.theme != nil }
            ?? 0
    }

    /// The highlighted choice, if it can be used.
    var highlighted: ThemeChoice? {
        guard choices.indices.contains(selection), choices[selection].theme != nil else { return nil }
        return choices[selection]
    }

    /// Moves the highlight by `step` rows, over broken files, stopping at the ends.
    mutating func move(by step: Int) {
        var index = selection
        while true {
            let next = index + (step < 0 ? -1 : 1)
            guard choices.indices.contains(next) else { return }
            index = next
            if choices[index].theme != nil {
                selection = index
                return
            }
        }
    }

    /// Highlights a row, if its theme can be used; true when it could.
    mutating func select(row: Int) -> Bool {
        guard choices.indices.contains(row), choices[row].theme != nil else { return false }
        selection = row
        return true
    }
}
