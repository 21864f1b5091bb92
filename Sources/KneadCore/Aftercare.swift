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
