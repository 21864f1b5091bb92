/// A massage technique, named by a stable identifier; the vocabulary is data in ``TechniqueCatalog``.
public struct Technique: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Stable identifier stored in the journal, e.g. `effleurage`.
    public let id: String

    public init(_ id: String) { self.id = id }

    public var description: String { id }

    public init(from decoder: any Decoder) throws {
        id = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}

/// One entry of the technique vocabulary: its name, the key that picks it and its billing code.
public struct TechniqueInfo: Hashable, Sendable {
    public let technique: Technique
    public let name: String
    /// The single key that picks it in the technique menu.
    public let key: Character
    /// The timed CPT code its minutes count toward (97124 massage, 97140 manual therapy, 97112 neuromuscular re-education).
    public let billingCode: String

    public init(_ id: String, name: String, key: Character, billingCode: String) {
        technique = Technique(id)
        self.name = name
        self.key = key
        self.billingCode = billingCode
    }
}

/// The techniques a therapist can log. The standard set follows DESIGN.md; a config file may extend it.
public struct TechniqueCatalog: Sendable {
    public let entries: [TechniqueInfo]

    public init(entries: [TechniqueInfo]) { self.entries = entries }

    /// The starting vocabulary.
    public static let standard = TechniqueCatalog(entries: [
        TechniqueInfo("effleurage", name: "effleurage", key: "e", billingCode: "97124"),
        TechniqueInfo("petrissage", name: "petrissage", key: "p", billingCode: "97124"),
        TechniqueInfo("friction", name: "friction", key: "f", billingCode: "97124"),
        TechniqueInfo("tapotement", name: "tapotement", key: "a", billingCode: "97124"),
        TechniqueInfo("vibration", name: "vibration", key: "v", billingCode: "97124"),
        TechniqueInfo("deep-tissue", name: "deep tissue", key: "d", billingCode: "97140"),
        TechniqueInfo("trigger-point", name: "trigger point therapy", key: "t", billingCode: "97140"),
        TechniqueInfo("myofascial-release", name: "myofascial release", key: "m", billingCode: "97140"),
        TechniqueInfo("neuromuscular", name: "neuromuscular therapy", key: "n", billingCode: "97112"),
        TechniqueInfo("passive-stretch", name: "passive stretching", key: "s", billingCode: "97140"),
        TechniqueInfo("pnf-stretch", name: "PNF stretching", key: "y", billingCode: "97112"),
        TechniqueInfo("hot-stone", name: "hot stone", key: "h", billingCode: "97124"),
        TechniqueInfo("lymphatic-drainage", name: "lymphatic drainage", key: "l", billingCode: "97140"),
        TechniqueInfo("cross-fiber-friction", name: "cross-fiber friction", key: "x", billingCode: "97140"),
        TechniqueInfo("cupping", name: "cupping", key: "c", billingCode: "97140"),
    ])

    /// The entry for a technique, if the catalogue knows it.
    public func info(_ technique: Technique) -> TechniqueInfo? {
        entries.first { $0.technique == technique }
    }

    /// The entry picked by a key in the technique menu.
    public func info(key: Character) -> TechniqueInfo? {
        entries.first { $0.key == key }
    }

    /// The readable name of a technique; unknown identifiers are shown as stored.
    public func name(of technique: Technique) -> String {
        info(technique)?.name ?? technique.id
    }
}
