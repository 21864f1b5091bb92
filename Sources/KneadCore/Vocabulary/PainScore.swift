/// A pain rating on the 0–10 numeric rating scale (NRS-11): 0 no pain, 10 the worst imaginable.
public struct PainScore: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The rating, always within 0...10.
    public let value: Int

    /// The clinical band of a score.
    public enum Band: String, CaseIterable, Codable, Sendable {
        case none, mild, moderate, severe
    }

    /// A score, or nil when the number is outside 0–10.
    public init?(_ value: Int) {
        guard (0...10).contains(value) else { return nil }
        self.value = value
    }

    /// The band: 0 none, 1–3 mild, 4–6 moderate, 7–10 severe.
    public var band: Band {
        switch value {
        case 0: .none
        case 1...3: .mild
        case 4...6: .moderate
        default: .severe
        }
    }

    /// A change of two points or more is clinically meaningful.
    public static func isMeaningfulChange(from before: PainScore, to after: PainScore) -> Bool {
        abs(after.value - before.value) >= 2
    }

    public static func < (lhs: PainScore, rhs: PainScore) -> Bool { lhs.value < rhs.value }
    public var description: String { "\(value)/10" }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        guard let score = PainScore(value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Pain score \(value) is outside 0–10"))
        }
        self = score
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
