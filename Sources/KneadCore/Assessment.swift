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
    /// Painful regions, each with a baseline score.
    public var painfulRegions: [RegionPain]
    public var conditions: String
    public var medications: String
    /// Contraindications the screening found, in words.
    public var contraindications: String
    /// Regions screening flagged: deep pressure (4–5) there needs a confirmation.
    public var cautionRegions: [Region]
    public var goals: String
    /// The pressure the client prefers.
    public var pressurePreference: Pressure
    /// Whether the client consented to treatment.
    public var consent: Bool

    public init(chiefComplaint: String = "", painfulRegions: [RegionPain] = [], conditions: String = "",
                medications: String = "", contraindications: String = "", cautionRegions: [Region] = [],
                goals: String = "", pressurePreference: Pressure = .swedish, consent: Bool = false) {
        self.chiefComplaint = chiefComplaint
        self.painfulRegions = painfulRegions
        self.conditions = conditions
        self.medications = medications
        self.contraindications = contraindications
        self.cautionRegions = cautionRegions
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

/// What the client takes home, and the plan, recorded after treatment.
public struct Aftercare: Hashable, Codable, Sendable {
    /// Overall pain after treatment.
    public var postPain: PainScore?
    /// Advice items chosen from the templates.
    public var advice: [String]
    public var homeCare: String
    /// Frequency and focus of the next visits, referrals.
    public var plan: String

    public init(postPain: PainScore? = nil, advice: [String] = [], homeCare: String = "", plan: String = "") {
        self.postPain = postPain
        self.advice = advice
        self.homeCare = homeCare
        self.plan = plan
    }

    /// The starting set of advice templates (DESIGN.md); the config file may extend it.
    public static let standardAdvice: [String] = [
        "Drink water through the rest of the day.",
        "Rest; allow 12–24 hours before intense training after deep work.",
        "Some soreness for 24–48 hours is normal.",
        "Heat for 10–15 minutes on tight muscles.",
        "Cold for 10–15 minutes where inflamed.",
        "Gentle stretching and walking.",
        "Limit alcohol and caffeine today.",
        "Stand up slowly.",
        "Report anything unusual at the next visit.",
        "Seek medical care for numbness, weakness, fever or severe pain.",
    ]
}
