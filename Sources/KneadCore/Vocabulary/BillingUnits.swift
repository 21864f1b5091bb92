import Foundation

/// Which timed billing code each technique's minutes count toward. The mapping is data:
/// payers differ, so a practice may replace or extend it.
public struct BillingCodes: Hashable, Sendable {
    /// The code per technique; a technique without one is not billed.
    public var codeByTechnique: [Technique: String]

    public init(_ codeByTechnique: [Technique: String]) { self.codeByTechnique = codeByTechnique }

    /// The codes a technique catalogue gives its entries.
    public init(catalog: TechniqueCatalog) {
        var codes: [Technique: String] = [:]
        for entry in catalog.entries where !entry.billingCode.isEmpty { codes[entry.technique] = entry.billingCode }
        self.init(codes)
    }

    /// The default mapping: 97124 massage (effleurage, petrissage, tapotement, ...), 97140 manual
    /// therapy (myofascial release, lymphatic drainage, mobilisation, ...), 97112 neuromuscular
    /// re-education; the standard catalogue's codes plus mobilisation, which it has no key for.
    public static let standard: BillingCodes = {
        var codes = BillingCodes(catalog: .standard)
        codes.codeByTechnique[Technique("mobilisation")] = "97140"
        return codes
    }()

    /// The code a technique counts toward, if any.
    public func code(for technique: Technique) -> String? { codeByTechnique[technique] }

    /// What each code is called on a note.
    public static func description(of code: String) -> String? {
        switch code {
        case "97124": "massage"
        case "97140": "manual therapy"
        case "97112": "neuromuscular re-education"
        default: nil
        }
    }
}

/// The units one timed code is billed for.
public struct BilledCode: Hashable, Codable, Sendable {
    public var code: String
    /// Whole timed minutes counted toward the code.
    public var minutes: Int
    public var units: Int

    public init(code: String, minutes: Int, units: Int) {
        self.code = code
        self.minutes = minutes
        self.units = units
    }
}

/// Billing units of a session by the 8-minute rule for timed 15-minute codes (DESIGN.md).
///
/// The timed minutes of every code are added; the total gives the units: under 8 → 0, 8–22 → 1,
/// 23–37 → 2, 38–52 → 3, and one more for each further 15. Each code first gets one unit per whole
/// 15 minutes of its own; the units left go, one each, to the codes with the most minutes left
/// over (equal remainders: the code that sorts first).
///
/// Seconds become minutes per code: a code's seconds are added over the whole session and
/// rounded *down* to whole minutes, so a part minute is never billed. The session's total is the
/// sum of those whole minutes.
public struct BillingUnits: Hashable, Codable, Sendable {
    /// One line per code with timed minutes, ordered by code.
    public var codes: [BilledCode]
    /// Techniques with timed work but no billing code: their minutes are not billed.
    public var unbilledTechniques: [Technique]

    /// The timed minutes of every code together.
    public var totalMinutes: Int { codes.reduce(0) { $0 + $1.minutes } }
    /// The units of every code together.
    public var totalUnits: Int { codes.reduce(0) { $0 + $1.units } }

    public init(codes: [BilledCode], unbilledTechniques: [Technique] = []) {
        self.codes = codes
        self.unbilledTechniques = unbilledTechniques
    }

    /// The units the 8-minute rule gives for a number of timed minutes.
    public static func units(forTotalMinutes minutes: Int) -> Int {
        minutes < 8 ? 0 : (minutes - 8) / 15 + 1
    }

    /// Units from whole timed minutes per code.
    public init(minutesByCode: [String: Int]) {
        let minutes = minutesByCode.filter { $0.value > 0 }
        let total = minutes.values.reduce(0, +)
        var units = minutes.mapValues { $0 / 15 }
        var left = Self.units(forTotalMinutes: total) - units.values.reduce(0, +)
        let byRemainder = minutes.keys.sorted { a, b in
            let (ra, rb) = (minutes[a, default: 0] % 15, minutes[b, default: 0] % 15)
            return ra != rb ? ra > rb : a < b
        }
        // The arithmetic never leaves more units than codes with a remainder; the loop stays safe if it did.
        var index = 0
        while left > 0, !byRemainder.isEmpty {
            units[byRemainder[index % byRemainder.count], default: 0] += 1
            left -= 1
            index += 1
        }
        codes = minutes.keys.sorted().map { BilledCode(code: $0, minutes: minutes[$0, default: 0], units: units[$0, default: 0]) }
        unbilledTechniques = []
    }

    /// Units from the timed seconds of each technique, as `SessionState.secondsByTechnique(upTo:)` gives them.
    public init(secondsByTechnique: [Technique: TimeInterval], codes: BillingCodes = .standard) {
        var secondsByCode: [String: TimeInterval] = [:]
        var unbilled: [Technique] = []
        for (technique, seconds) in secondsByTechnique where seconds > 0 {
            if let code = codes.code(for: technique) {
                secondsByCode[code, default: 0] += seconds
            } else {
                unbilled.append(technique)
            }
        }
        self.init(minutesByCode: secondsByCode.mapValues { Int(($0 / 60).rounded(.down)) })
        unbilledTechniques = unbilled.sorted { $0.id < $1.id }
    }
}
