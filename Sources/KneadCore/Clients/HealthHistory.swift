/// Something that happened to the client's body on a day, e.g. a surgery or an injury.
public struct DatedEntry: Hashable, Codable, Sendable {
    public var what: String
    /// When, if the client knows.
    public var date: CalendarDate?
    public init(_ what: String, date: CalendarDate? = nil) {
        self.what = what
        self.date = date
    }

    /// One line: "2019-03-02 ACL repair, left knee", or the text alone when undated.
    public var line: String { date.map { "\($0) \(what)" } ?? what }
}

/// Whether the client is pregnant, as far as the therapist asked.
public enum Pregnancy: String, Hashable, Codable, Sendable, CaseIterable {
    case notAsked, no, yes

    public var label: String {
        switch self {
        case .notAsked: "not asked"
        case .no: "no"
        case .yes: "yes"
        }
    }
}

/// The client's health history: reviewed at the start of every session and kept with the record.
public struct HealthHistory: Hashable, Codable, Sendable {
    public var conditions: String
    public var medications: String
    public var allergies: String
    public var surgeriesAndInjuries: [DatedEntry]
    public var pregnancy: Pregnancy

    public init(conditions: String = "", medications: String = "", allergies: String = "",
                surgeriesAndInjuries: [DatedEntry] = [], pregnancy: Pregnancy = .notAsked) {
        self.conditions = conditions
        self.medications = medications
        self.allergies = allergies
        self.surgeriesAndInjuries = surgeriesAndInjuries
        self.pregnancy = pregnancy
    }

    /// True when nothing is recorded.
    public var isEmpty: Bool { self == HealthHistory() }

    /// The fields that differ from another history, by name, e.g. for "updated medications".
    public func changedFields(from old: HealthHistory) -> [String] {
        var names: [String] = []
        if conditions != old.conditions { names.append("conditions") }
        if medications != old.medications { names.append("medications") }
        if allergies != old.allergies { names.append("allergies") }
        if surgeriesAndInjuries != old.surgeriesAndInjuries { names.append("surgeries and injuries") }
        if pregnancy != old.pregnancy { names.append("pregnancy") }
        return names
    }
}
