/// Heat or cold the client is advised to use at home.
public enum HeatOrCold: String, CaseIterable, Codable, Sendable {
    case none, heat, cold, either

    /// How the choice reads on a note and a handout.
    public var label: String {
        switch self {
        case .none: "none"
        case .heat: "heat"
        case .cold: "cold"
        case .either: "heat or cold, whichever eases it"
        }
    }
}

/// The therapist's own words added to each section of the SOAP note before signing.
public struct NoteAdditions: Hashable, Codable, Sendable {
    public var subjective: String
    public var objective: String
    public var assessment: String
    public var plan: String

    public init(subjective: String = "", objective: String = "", assessment: String = "", plan: String = "") {
        self.subjective = subjective
        self.objective = objective
        self.assessment = assessment
        self.plan = plan
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subjective = try c.decodeIfPresent(String.self, forKey: .subjective) ?? ""
        objective = try c.decodeIfPresent(String.self, forKey: .objective) ?? ""
        assessment = try c.decodeIfPresent(String.self, forKey: .assessment) ?? ""
        plan = try c.decodeIfPresent(String.self, forKey: .plan) ?? ""
    }

    public var isEmpty: Bool { [subjective, objective, assessment, plan].allSatisfy(\.isBlank) }
}

/// What the client takes home, and the plan, recorded after treatment.
///
/// Stored in `aftercareRecorded` events. Fields added after the first release decode with
/// empty defaults, so older events still read.
public struct Aftercare: Hashable, Codable, Sendable {
    /// Overall pain after treatment; signing needs it.
    public var postPain: PainScore?
    /// Pain after treatment per worked region, where the therapist asked.
    public var regionPain: [RegionPain]
    /// Advice items chosen from the templates.
    public var advice: [String]
    /// Stretches and exercises for home.
    public var homeCare: String
    public var heatOrCold: HeatOrCold
    /// Other self-care: posture, breaks, sleep.
    public var selfCare: String
    /// How often to come back, e.g. "weekly for 4 weeks". A plan (this or the focus) is needed to sign.
    public var plan: String
    /// What the next visit works on.
    public var nextFocus: String
    /// Referral to another practitioner, if any.
    public var referral: String
    /// Anything else, in the therapist's words.
    public var freeText: String
    /// The therapist's text added to each SOAP section.
    public var additions: NoteAdditions

    public init(postPain: PainScore? = nil, regionPain: [RegionPain] = [], advice: [String] = [],
                homeCare: String = "", heatOrCold: HeatOrCold = .none, selfCare: String = "",
                plan: String = "", nextFocus: String = "", referral: String = "", freeText: String = "",
                additions: NoteAdditions = NoteAdditions()) {
        self.postPain = postPain
        self.regionPain = regionPain
        self.advice = advice
        self.homeCare = homeCare
        self.heatOrCold = heatOrCold
        self.selfCare = selfCare
        self.plan = plan
        self.nextFocus = nextFocus
        self.referral = referral
        self.freeText = freeText
        self.additions = additions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        postPain = try c.decodeIfPresent(PainScore.self, forKey: .postPain)
        regionPain = try c.decodeIfPresent([RegionPain].self, forKey: .regionPain) ?? []
        advice = try c.decodeIfPresent([String].self, forKey: .advice) ?? []
        homeCare = try c.decodeIfPresent(String.self, forKey: .homeCare) ?? ""
        heatOrCold = try c.decodeIfPresent(HeatOrCold.self, forKey: .heatOrCold) ?? .none
        selfCare = try c.decodeIfPresent(String.self, forKey: .selfCare) ?? ""
        plan = try c.decodeIfPresent(String.self, forKey: .plan) ?? ""
        nextFocus = try c.decodeIfPresent(String.self, forKey: .nextFocus) ?? ""
        referral = try c.decodeIfPresent(String.self, forKey: .referral) ?? ""
        freeText = try c.decodeIfPresent(String.self, forKey: .freeText) ?? ""
        additions = try c.decodeIfPresent(NoteAdditions.self, forKey: .additions) ?? NoteAdditions()
    }

    /// Whether a plan for the next visit is written: how often, or what to work on.
    public var hasPlan: Bool { !plan.isBlank || !nextFocus.isBlank }

    /// The post-treatment pain of one region, if recorded.
    public func pain(for region: Region) -> PainScore? {
        regionPain.first { $0.region == region }?.score
    }

    /// The starting set of advice templates (DESIGN.md). Templates are data: the app takes its
    /// list from its settings, which a config file may extend.
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
