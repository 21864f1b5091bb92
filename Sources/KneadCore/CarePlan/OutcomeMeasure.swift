import Foundation

/// One activity the client named for the Patient-Specific Functional Scale, with its 0–10 rating
/// (0 unable to do it, 10 able to do it as before the problem).
public struct PSFSActivity: Hashable, Codable, Sendable {
    public var activity: String
    public var score: Int
    public init(activity: String, score: Int) {
        self.activity = activity
        self.score = score
    }
}

/// A Patient-Specific Functional Scale rating: up to five client-named activities, 0–10 each.
/// Minimal important change of the mean: about 2 points (Abbott & Schmitt, JOSPT 2014).
public struct PSFSRating: Hashable, Codable, Sendable {
    public var activities: [PSFSActivity]
    public init(activities: [PSFSActivity]) { self.activities = activities }

    /// The mean of the activity scores.
    public var mean: Double {
        activities.isEmpty ? 0 : Double(activities.map(\.score).reduce(0, +)) / Double(activities.count)
    }

    /// The minimal important change, in points, of the mean and of one activity.
    public static let minimalImportantChange = 2.0
}

/// A PEG rating (Krebs et al., J Gen Intern Med 2009): average pain, interference with enjoyment
/// of life, interference with general activity; 0–10 each; the score is their mean.
public struct PEGRating: Hashable, Codable, Sendable {
    public var pain: Int
    public var enjoyment: Int
    public var generalActivity: Int
    public init(pain: Int, enjoyment: Int, generalActivity: Int) {
        self.pain = pain
        self.enjoyment = enjoyment
        self.generalActivity = generalActivity
    }

    public var mean: Double { Double(pain + enjoyment + generalActivity) / 3 }
}

/// An outcome measure recorded in a session, replayed like every other event.
public enum OutcomeMeasure: Hashable, Sendable {
    case psfs(PSFSRating)
    case peg(PEGRating)

    /// The instrument's name as a report prints it.
    public var name: String {
        switch self {
        case .psfs: "PSFS"
        case .peg: "PEG"
        }
    }

    /// The score: the mean of the items.
    public var mean: Double {
        switch self {
        case .psfs(let rating): rating.mean
        case .peg(let rating): rating.mean
        }
    }

    /// Why the measure cannot be recorded, or nil when it can.
    public var problem: String? {
        switch self {
        case .psfs(let rating):
            guard (1...5).contains(rating.activities.count) else { return "The PSFS rates one to five activities the client names." }
            if rating.activities.contains(where: { $0.activity.isBlank }) { return "Name each PSFS activity in the client's words." }
            if rating.activities.contains(where: { $0.activity.hasControlCharacters(allowingNewlines: false) }) {
                return "Remove the control characters (they cannot be printed)."
            }
            let names = rating.activities.map { $0.activity.trimmed.searchFolded }
            if Set(names).count != names.count { return "A PSFS activity is listed twice; rate each once." }
            if rating.activities.contains(where: { !(0...10).contains($0.score) }) { return "A PSFS score is a whole number from 0 to 10." }
            return nil
        case .peg(let rating):
            let items = [rating.pain, rating.enjoyment, rating.generalActivity]
            return items.allSatisfy({ (0...10).contains($0) }) ? nil : "Each PEG item is a whole number from 0 to 10."
        }
    }
}

extension OutcomeMeasure: Codable {
    private enum CodingKeys: String, CodingKey { case instrument, psfs, peg }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .instrument) {
        case "psfs": self = .psfs(try c.decode(PSFSRating.self, forKey: .psfs))
        case "peg": self = .peg(try c.decode(PEGRating.self, forKey: .peg))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .instrument, in: c, debugDescription: "Unknown instrument '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .psfs(let rating):
            try c.encode("psfs", forKey: .instrument)
            try c.encode(rating, forKey: .psfs)
        case .peg(let rating):
            try c.encode("peg", forKey: .instrument)
            try c.encode(rating, forKey: .peg)
        }
    }
}

/// Minimal important changes across visits.
public enum MinimalImportantChange {
    /// NRS-11 pain: a change of 2 points or of 30 % of the earlier score (Farrar et al., Pain 2001).
    public static func pain(from before: Int, to after: Int) -> Bool {
        let change = abs(after - before)
        return change >= 2 || (before > 0 && Double(change) / Double(before) >= 0.3)
    }

    /// PSFS: a change of 2 points in the mean or in one activity (Abbott & Schmitt, JOSPT 2014).
    public static func psfs(from before: Double, to after: Double) -> Bool {
        abs(after - before) >= PSFSRating.minimalImportantChange - 1e-9
    }
}
