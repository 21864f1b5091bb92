/// A painful region with its 0–10 score at intake.
public struct RegionPain: Hashable, Codable, Sendable {
    public var region: Region
    public var score: PainScore
    public init(region: Region, score: PainScore) {
        self.region = region
        self.score = score
    }
}

/// What the therapist learns before treatment: complaint, pain, history, screening, goals, consent.
public struct Assessment: Hashable, Codable, Sendable {
    /// The chief complaint in the client's own words.
    public var chiefComplaint: String
    /// When it began and how.
    public var onset: String
    /// What makes it worse.
    public var worseWith: String
    /// What makes it better.
    public var betterWith: String
    /// Painful regions, each with a baseline score.
    public var painfulRegions: [RegionPain]
    public var conditions: String
    public var medications: String
    /// The contraindication screening, question by question.
    public var screening: Screening
    /// Other screening findings, in words (contraindications: what limits or rules out massage).
    public var contraindications: String
    /// What the therapist observed and tested: posture, range of motion, orthopaedic tests,
    /// palpation. Objective findings, shown in O; distinct from the contraindication screening.
    public var objectiveFindings: String
    /// Regions flagged by hand: deep pressure (4–5) there needs a confirmation.
    public var cautionRegions: [Region]
    /// Regions the client does not want touched.
    public var avoidRegions: [Region]
    public var goals: String
    /// The pressure the client prefers.
    public var pressurePreference: Pressure
    /// Whether the client consented to treatment.
    public var consent: Bool

    public init(chiefComplaint: String = "", onset: String = "", worseWith: String = "", betterWith: String = "",
                painfulRegions: [RegionPain] = [], conditions: String = "",
                medications: String = "", screening: Screening = Screening(), contraindications: String = "",
                cautionRegions: [Region] = [], avoidRegions: [Region] = [], goals: String = "",
                pressurePreference: Pressure = .swedish, consent: Bool = false, objectiveFindings: String = "") {
        self.objectiveFindings = objectiveFindings
        self.chiefComplaint = chiefComplaint
        self.onset = onset
        self.worseWith = worseWith
        self.betterWith = betterWith
        self.screening = screening
        self.painfulRegions = painfulRegions
        self.conditions = conditions
        self.medications = medications
        self.contraindications = contraindications
        self.cautionRegions = cautionRegions
        self.avoidRegions = avoidRegions
        self.goals = goals
        self.pressurePreference = pressurePreference
        self.consent = consent
    }

    /// The highest baseline score, the session's "pain before".
    public var baseline: PainScore? { painfulRegions.map(\.score).max() }

    /// The baseline score of one region, if it was charted.
    public func baseline(for region: Region) -> PainScore? {
        painfulRegions.first { $0.region == region }?.score
    }
}

extension Assessment {
    private enum CodingKeys: String, CodingKey {
        case chiefComplaint, painfulRegions, conditions, medications, contraindications, cautionRegions
        case avoidRegions, goals, pressurePreference, consent, onset, worseWith, betterWith, screening
        case objectiveFindings
    }

    /// Decodes an assessment; fields added after the first release default when absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        chiefComplaint = try c.decode(String.self, forKey: .chiefComplaint)
        onset = try c.decodeIfPresent(String.self, forKey: .onset) ?? ""
        worseWith = try c.decodeIfPresent(String.self, forKey: .worseWith) ?? ""
        betterWith = try c.decodeIfPresent(String.self, forKey: .betterWith) ?? ""
        screening = try c.decodeIfPresent(Screening.self, forKey: .screening) ?? Screening()
        painfulRegions = try c.decode([RegionPain].self, forKey: .painfulRegions)
        conditions = try c.decode(String.self, forKey: .conditions)
        medications = try c.decode(String.self, forKey: .medications)
        contraindications = try c.decode(String.self, forKey: .contraindications)
        cautionRegions = try c.decode([Region].self, forKey: .cautionRegions)
        avoidRegions = try c.decodeIfPresent([Region].self, forKey: .avoidRegions) ?? []
        goals = try c.decode(String.self, forKey: .goals)
        pressurePreference = try c.decode(Pressure.self, forKey: .pressurePreference)
        consent = try c.decode(Bool.self, forKey: .consent)
        objectiveFindings = try c.decodeIfPresent(String.self, forKey: .objectiveFindings) ?? ""
    }
}
