import KneadCore

/// What a config file (`$XDG_CONFIG_HOME/knead/config.toml`) asks for. Every field is optional:
/// nil, or empty, means the built-in default. Precedence is command line, then this file,
/// then the built-in default.
public struct KneadConfig: Hashable, Sendable {
    /// Theme name or path to a `.theme` file (top-level `theme`).
    public var theme: String?
    /// The name signatures carry.
    public var therapist: String?
    /// Whether the mouse may be used as well as the keyboard.
    public var mouse: Bool?
    /// `[session] planned_minutes`.
    public var plannedMinutes: Int?
    /// `[session] checkin_reminder_minutes`.
    public var checkInReminderMinutes: Int?
    /// `[privacy] show_names_during_treatment`.
    public var showNamesDuringTreatment: Bool?
    /// `[privacy] idle_blank_minutes`: minutes without a key before the screen blanks (0: never).
    public var idleBlankMinutes: Int?
    /// `[[techniques]]`: each entry adds a technique, or replaces the standard one with the same id.
    public var techniques: [TechniqueInfo]
    /// `[billing]`: technique id to timed billing code; an empty code means not billed.
    public var billing: [String: String]
    /// `[aftercare] advice`: advice offered after the standard items (or instead of them).
    public var advice: [String]
    /// `[aftercare] standard_advice`: false offers only the configured advice.
    public var standardAdvice: Bool?
    /// `[keys.<context>]`: rebound actions, already checked against the keymap.
    public var keyOverrides: [KeyOverride]
    /// `[clinic] server`: the clinic's PostgreSQL server, a libpq URL without a password.
    public var clinicServer: String?
    /// `[clinic] interval`: seconds between background syncs while nothing is written (default 60).
    public var clinicInterval: Int?

    public init(theme: String? = nil, therapist: String? = nil, mouse: Bool? = nil, plannedMinutes: Int? = nil,
                checkInReminderMinutes: Int? = nil, showNamesDuringTreatment: Bool? = nil,
                techniques: [TechniqueInfo] = [], billing: [String: String] = [:], advice: [String] = [],
                standardAdvice: Bool? = nil, keyOverrides: [KeyOverride] = []) {
        self.theme = theme
        self.therapist = therapist
        self.mouse = mouse
        self.plannedMinutes = plannedMinutes
        self.checkInReminderMinutes = checkInReminderMinutes
        self.showNamesDuringTreatment = showNamesDuringTreatment
        self.techniques = techniques
        self.billing = billing
        self.advice = advice
        self.standardAdvice = standardAdvice
        self.keyOverrides = keyOverrides
    }

    /// The built-in defaults the file may change.
    public enum Defaults {
        public static let theme = "default"
        public static let plannedMinutes = 60
        public static let checkInReminderMinutes = 5
        public static let checkInReminderRange = 1...120
        public static let showNamesDuringTreatment = false
        public static let mouse = false
        public static let idleBlankMinutes = 10
        public static let idleBlankRange = 0...240
    }

    /// The technique vocabulary: the standard list, with configured entries replacing those with
    /// the same id and the others added at the end. Sessions keep naming techniques by id, so a
    /// session logged with a technique no longer listed still shows (by its id) and replays.
    public var techniqueCatalog: TechniqueCatalog {
        var entries = TechniqueCatalog.standard.entries
        for entry in techniques {
            if let index = entries.firstIndex(where: { $0.technique == entry.technique }) {
                entries[index] = entry
            } else {
                entries.append(entry)
            }
        }
        return TechniqueCatalog(entries: entries)
    }

    /// Which code each technique's minutes count toward: the standard mapping, then the codes of
    /// configured techniques, then `[billing]`.
    public var billingCodes: BillingCodes {
        var codes = BillingCodes.standard
        for entry in techniques {
            codes.codeByTechnique[entry.technique] = entry.billingCode.isEmpty ? nil : entry.billingCode
        }
        for (id, code) in billing {
            codes.codeByTechnique[Technique(id)] = code.isEmpty ? nil : code
        }
        return codes
    }

    /// The advice offered after treatment.
    public var adviceTemplates: [String] {
        var list = standardAdvice == false ? [] : Aftercare.standardAdvice
        for item in advice where !list.contains(item) { list.append(item) }
        return list
    }

    /// The keymap: the standard table with the technique menu following the catalogue, and the
    /// rebound actions' keys replaced.
    public var keymap: Keymap {
        Keymap.standard(catalog: techniqueCatalog).rebinding(keyOverrides)
    }

    /// Fills settings the command line left open; a value given on the command line is kept.
    public func settings(therapist commandLineTherapist: String?, plannedMinutes commandLineMinutes: Int?,
                         showNames commandLineShowNames: Bool?, environment: [String: String]) -> AppSettings {
        let name = commandLineTherapist ?? environment["KNEAD_THERAPIST"] ?? therapist ?? environment["USER"] ?? "therapist"
        var settings = AppSettings(
            therapistName: name.isEmpty ? "therapist" : name,
            defaultPlannedMinutes: commandLineMinutes ?? plannedMinutes ?? Defaults.plannedMinutes,
            showNamesDuringTreatment: commandLineShowNames ?? showNamesDuringTreatment ?? Defaults.showNamesDuringTreatment,
            adviceTemplates: adviceTemplates,
            checkInReminderMinutes: checkInReminderMinutes ?? Defaults.checkInReminderMinutes)
        settings.mouse = mouse ?? Defaults.mouse
        settings.idleBlankMinutes = idleBlankMinutes ?? Defaults.idleBlankMinutes
        settings.billingCodes = billingCodes
        return settings
    }
}

/// An action's keys in one context, as the config file rebinds them.
public struct KeyOverride: Hashable, Sendable {
    public var context: KeyContext
    public var action: Action
    public var keys: [Key]
    /// The line of the file it was written on, for messages.
    public var line: Int?

    public init(context: KeyContext, action: Action, keys: [Key], line: Int? = nil) {
        self.context = context
        self.action = action
        self.keys = keys
        self.line = line
    }
}
