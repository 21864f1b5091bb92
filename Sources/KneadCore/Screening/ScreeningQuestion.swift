/// The four kinds of finding a screening question can raise (DESIGN.md, "Contraindications").
public enum ScreeningCategory: String, Hashable, Codable, Sendable, CaseIterable {
    /// No massage today.
    case wholeBody
    /// Avoid the region.
    case local
    /// Pressure levels 4–5 need a confirmation.
    case deepPressure
    /// Refer to a physician.
    case redFlag

    /// The heading the assessment screen shows above the category's questions.
    public var heading: String {
        switch self {
        case .wholeBody: "Whole body — no massage today"
        case .local: "Local — avoid the region"
        case .deepPressure: "Deep-pressure cautions (levels 4–5)"
        case .redFlag: "Red flags — refer to a physician"
        }
    }
}

/// How soon a red flag needs a doctor.
public enum RedFlagUrgency: String, Hashable, Codable, Sendable, CaseIterable {
    /// Refer to a physician: the client sees their doctor; massage may go on with care.
    case referToPhysician
    /// Same-day emergency care: the client goes to an emergency department today, and there is
    /// no massage today. Possible cauda equina (saddle anaesthesia, new bladder or bowel
    /// dysfunction, progressive leg weakness) is an emergency: NICE guideline NG59, "Low back
    /// pain and sciatica in over 16s" (2016, updated 2020), and NICE CKS "Sciatica (lumbar
    /// radiculopathy)": suspected cauda equina syndrome is referred for immediate, emergency
    /// assessment, not to a family doctor.
    case sameDayEmergency

    /// What the banner and the note say before the answers that raised it.
    public var heading: String {
        switch self {
        case .referToPhysician: "Refer to a physician"
        case .sameDayEmergency: "Same-day emergency care"
        }
    }
}

/// One question of the contraindication screening.
public struct ScreeningQuestion: Hashable, Sendable {
    /// A stable name, stored with the answer.
    public let id: String
    public let category: ScreeningCategory
    /// The question as the therapist reads it, e.g. "Open wound".
    public let label: String
    /// Whether a "yes" is tied to body regions (a wound, a tumour site, a past clot).
    public let takesRegions: Bool
    /// Whether the regions of a "yes" are also to be avoided (a deep-pressure caution tied to a site).
    public let avoidsItsRegions: Bool
    /// For a red flag, how soon the client needs a doctor; nil for the other categories.
    public let urgency: RedFlagUrgency?

    public init(_ id: String, _ category: ScreeningCategory, _ label: String, takesRegions: Bool = false,
                avoidsItsRegions: Bool = false, urgency: RedFlagUrgency = .referToPhysician) {
        self.id = id
        self.category = category
        self.label = label
        self.takesRegions = takesRegions || category == .local
        self.avoidsItsRegions = avoidsItsRegions
        self.urgency = category == .redFlag ? urgency : nil
    }
}

/// The screening questions, in the order they are asked. Data: a practice may add its own.
/// Labels stay within 34 columns so that the answers line up on an 80-column terminal.
public struct ScreeningCatalog: Hashable, Sendable {
    public var questions: [ScreeningQuestion]
    public init(_ questions: [ScreeningQuestion]) { self.questions = questions }

    public func question(_ id: String) -> ScreeningQuestion? { questions.first { $0.id == id } }

    /// The list of DESIGN.md's clinical reference. The three signs of a possible cauda equina are
    /// same-day emergencies (see ``RedFlagUrgency/sameDayEmergency``); the other red flags are
    /// referrals.
    public static let standard = ScreeningCatalog([
        ScreeningQuestion("fever", .wholeBody, "Significant fever"),
        ScreeningQuestion("contagious-illness", .wholeBody, "Contagious illness (cold, flu)"),
        ScreeningQuestion("unstable-hypertension", .wholeBody, "Severe unstable blood pressure"),
        ScreeningQuestion("acute-condition", .wholeBody, "Acute condition needing a doctor"),
        ScreeningQuestion("suspected-clot", .wholeBody, "Suspected/recent blood clot (DVT)"),
        ScreeningQuestion("inflammation", .local, "Inflammatory flare-up"),
        ScreeningQuestion("aneurysm", .local, "Aneurysm"),
        ScreeningQuestion("skin-condition", .local, "Contagious skin condition"),
        ScreeningQuestion("open-wound", .local, "Open wound"),
        ScreeningQuestion("recent-surgery", .local, "Recent surgery or burn"),
        ScreeningQuestion("varicose-veins", .local, "Varicose veins"),
        ScreeningQuestion("malignancy", .local, "Malignancy (tumour site)"),
        ScreeningQuestion("fracture", .local, "Fracture"),
        ScreeningQuestion("weak-bone", .local, "Weakened bone (osteoporosis)"),
        ScreeningQuestion("bleeding-disorder", .deepPressure, "Bleeding disorder"),
        ScreeningQuestion("low-platelets", .deepPressure, "Low platelets"),
        ScreeningQuestion("anticoagulant", .deepPressure, "Takes a blood thinner"),
        ScreeningQuestion("cancer", .deepPressure, "Cancer (needs oncologist's OK)", takesRegions: true),
        ScreeningQuestion("past-clot", .deepPressure, "Past clot (avoid area and below)",
                          takesRegions: true, avoidsItsRegions: true),
        ScreeningQuestion("saddle-anaesthesia", .redFlag, "Saddle anaesthesia", urgency: .sameDayEmergency),
        ScreeningQuestion("bladder-bowel", .redFlag, "New bladder or bowel dysfunction", urgency: .sameDayEmergency),
        ScreeningQuestion("leg-weakness", .redFlag, "Progressive leg weakness", urgency: .sameDayEmergency),
        ScreeningQuestion("fever-weight-loss", .redFlag, "Fever or unexplained weight loss"),
        ScreeningQuestion("night-pain", .redFlag, "Severe night pain"),
        ScreeningQuestion("cancer-history", .redFlag, "History of cancer"),
        ScreeningQuestion("major-trauma", .redFlag, "Major trauma"),
    ])
}
