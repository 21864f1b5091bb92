/// Context names as a config file writes them: `[keys.treatment]`, `[keys.day-review]`.
extension KeyContext {
    /// The context's name in kebab case: `clientPicker` is `client-picker`.
    public var configName: String {
        var name = ""
        for c in rawValue {
            if c.isUppercase { name += "-" + c.lowercased() } else { name.append(c) }
        }
        return name
    }

    /// The context a config file names, if any.
    public init?(configName: String) {
        guard let match = Self.allCases.first(where: { $0.configName == configName }) else { return nil }
        self = match
    }

    /// Contexts where the focused field takes typed text: a character key bound there would never be typed.
    var takesText: Bool {
        switch self {
        case .form, .clientPicker, .search, .clients, .quickNote, .regionFinder, .dateEntry, .carePlanRecord, .reasonPrompt: true
        default: false
        }
    }
}
