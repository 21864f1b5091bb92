/// Key names as a config file writes them: `"w"`, `"enter"`, `"f5"`, `"ctrl-s"`.
extension Key {
    /// The named keys, lower case; the first spelling of each is the one written back.
    static let configNames: [(String, Key)] = [
        ("enter", .enter), ("return", .enter),
        ("esc", .escape), ("escape", .escape),
        ("tab", .tab), ("shift-tab", .backTab), ("backtab", .backTab),
        ("space", .character(" ")),
        ("backspace", .backspace), ("delete", .delete), ("del", .delete), ("insert", .insert), ("ins", .insert),
        ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("home", .home), ("end", .end),
        ("pgup", .pageUp), ("pageup", .pageUp), ("page-up", .pageUp),
        ("pgdn", .pageDown), ("pagedown", .pageDown), ("page-down", .pageDown),
    ]

    /// What a config file calls the key names it accepts, for messages and KEYBINDINGS.md.
    public static let configNameSummary =
        "a single character (\"w\", \"+\", \"?\"), f1–f12, enter, esc, tab, shift-tab, space, up, down, left, right, "
        + "pgup, pgdn, home, end, backspace, delete, insert, or ctrl- and a letter (\"ctrl-s\")"

    /// Reads a key name. A single character is that character (case matters: "E" is not "e");
    /// longer names ignore case. Nil when the name is not a key.
    public init?(configName: String) {
        if configName.count == 1, let c = configName.first {
            guard !c.isWhitespace || c == " ", !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                return nil
            }
            self = .character(c)
            return
        }
        let name = configName.lowercased()
        if let match = Self.configNames.first(where: { $0.0 == name }) {
            self = match.1
            return
        }
        if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n), name.dropFirst().allSatisfy(\.isASCII) {
            self = .function(n)
            return
        }
        for prefix in ["ctrl-", "ctrl+", "c-"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isASCII, c.isLetter {
                self = .control(c)
                return
            }
        }
        return nil
    }

    /// The name a config file uses for this key; `Key(configName:)` reads it back.
    public var configName: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .control(let c): "ctrl-\(String(c).lowercased())"
        case .function(let n): "f\(n)"
        default: Self.configNames.first { $0.1 == self }?.0 ?? label
        }
    }

    /// Whether the key types text: a field that takes text would lose it to a binding.
    var typesText: Bool {
        if case .character = self { return true }
        return false
    }
}
