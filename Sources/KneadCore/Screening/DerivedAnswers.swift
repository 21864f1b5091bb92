/// Screening questions the client's record already answers: a blood thinner in the medications
/// answers "Takes a blood thinner", a bleeding disorder or a cancer in the conditions answers its
/// question. A derived answer is a "yes" that names what answered it; it is never a screening
/// done today (``Screening/ownAnswerCount``). Data: a practice may add words.
public struct DerivedAnswers: Hashable, Sendable {
    /// The question a blood thinner among the medications answers.
    public static let bloodThinnerQuestion = "anticoagulant"

    public var bloodThinners: BloodThinners
    /// Question id → words in the conditions that answer it "yes" (whole words, folded).
    public var conditionWords: [String: [String]]

    public init(bloodThinners: BloodThinners = .standard, conditionWords: [String: [String]] = Self.standardConditionWords) {
        self.bloodThinners = bloodThinners
        self.conditionWords = conditionWords
    }

    public static let standard = DerivedAnswers()

    public static let standardConditionWords: [String: [String]] = [
        "bleeding-disorder": ["haemophilia", "hemophilia", "willebrand"],
        "low-platelets": ["thrombocytopenia", "itp"],
        "cancer-history": ["cancer", "carcinoma", "lymphoma", "leukaemia", "leukemia", "melanoma", "sarcoma", "myeloma"],
    ]

    /// The answers the medications and conditions give, by question id, with what gave them.
    public func answers(medications: String, conditions: String) -> [String: String] {
        var out: [String: String] = [:]
        let thinners = bloodThinners.found(in: medications)
        if !thinners.isEmpty { out[Self.bloodThinnerQuestion] = thinners.joined(separator: ", ") + " (medications)" }
        let words = conditions.searchFolded.split { !$0.isLetter }.map(String.init)
        for (question, names) in conditionWords.sorted(by: { $0.key < $1.key }) {
            let found = words.filter { names.contains($0) }
            if let first = found.first { out[question] = "\(first) (conditions)" }
        }
        return out
    }

    /// The screening with the record's answers: a derived "yes" where the record answers a
    /// question the therapist has not answered "yes" by hand, and derived answers whose source is
    /// gone taken back.
    public func applied(to screening: Screening, medications: String, conditions: String) -> Screening {
        let derived = answers(medications: medications, conditions: conditions)
        var out = Screening(screening.responses.filter { $0.derivedFrom == nil || derived[$0.questionID] != nil })
        for (question, source) in derived.sorted(by: { $0.key < $1.key }) {
            let own = out.response(to: question)
            if let own, own.answer == .yes, own.derivedFrom == nil { continue }
            let response = ScreeningResponse(question, .yes, regions: own?.regions ?? [], derivedFrom: source)
            if let i = out.responses.firstIndex(where: { $0.questionID == question }) {
                out.responses[i] = response
            } else {
                out.responses.append(response)
            }
        }
        return out
    }
}

extension Screening {
    /// Questions the therapist answered (yes or no) in this screening, not counting derived answers.
    public var ownAnswerCount: Int {
        responses.filter { $0.derivedFrom == nil && $0.answer != .notAsked }.count
    }
}
