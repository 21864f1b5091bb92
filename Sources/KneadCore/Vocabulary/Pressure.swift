/// Manual pressure, levels 0–5 after the Walton pressure scale.
public enum Pressure: Int, CaseIterable, Comparable, Codable, Sendable, CustomStringConvertible {
    case still = 0
    case light = 1
    case lotioning = 2
    case swedish = 3
    case deep = 4
    case deepest = 5

    /// A short label in a therapist's words.
    public var label: String {
        switch self {
        case .still: "still hold"
        case .light: "light"
        case .lotioning: "firm lotioning"
        case .swedish: "muscle engaged"
        case .deep: "deep"
        case .deepest: "deepest"
        }
    }

    /// Levels 4 and 5 need care when screening found a deep-pressure caution.
    public var isDeep: Bool { rawValue >= 4 }

    /// The level one step lighter, or nil at still hold.
    public var lighter: Pressure? { Pressure(rawValue: rawValue - 1) }
    /// The level one step firmer, or nil at the deepest level.
    public var firmer: Pressure? { Pressure(rawValue: rawValue + 1) }

    public var description: String { "P\(rawValue) \(label)" }

    public static func < (lhs: Pressure, rhs: Pressure) -> Bool { lhs.rawValue < rhs.rawValue }
}
