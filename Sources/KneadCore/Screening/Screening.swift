/// How a screening question was answered.
public enum ScreeningAnswer: String, Hashable, Codable, Sendable, CaseIterable {
    case notAsked, no, yes

    public var label: String {
        switch self {
        case .notAsked: "not asked"
        case .no: "no"
        case .yes: "yes"
        }
    }
}

/// The answer to one question, with the regions it concerns when it is tied to the body.
public struct ScreeningResponse: Hashable, Codable, Sendable {
    public var questionID: String
    public var answer: ScreeningAnswer
    public var regions: [Region]
    /// Set when the record answered the question, not the therapist: what answered it and where
    /// ("warfarin (medications)").
    public var derivedFrom: String?
    public init(_ questionID: String, _ answer: ScreeningAnswer, regions: [Region] = [], derivedFrom: String? = nil) {
        self.questionID = questionID
        self.answer = answer
        self.regions = regions
        self.derivedFrom = derivedFrom
    }
}

/// The answers of a contraindication screening. A question with no response was not asked.
public struct Screening: Hashable, Codable, Sendable {
    public var responses: [ScreeningResponse]
    public init(_ responses: [ScreeningResponse] = []) { self.responses = responses }

    public func response(to id: String) -> ScreeningResponse? { responses.first { $0.questionID == id } }

    public func answer(to id: String) -> ScreeningAnswer { response(to: id)?.answer ?? .notAsked }

    /// Sets the answer to a question; regions stay only with a "yes".
    public mutating func set(_ answer: ScreeningAnswer, for id: String, regions: [Region]? = nil) {
        let kept = answer == .yes ? (regions ?? response(to: id)?.regions ?? []) : []
        if let i = responses.firstIndex(where: { $0.questionID == id }) {
            responses[i] = ScreeningResponse(id, answer, regions: kept)
        } else {
            responses.append(ScreeningResponse(id, answer, regions: kept))
        }
    }

    /// How many questions of a catalogue are answered yes or no.
    public func answeredCount(of catalog: ScreeningCatalog) -> Int {
        catalog.questions.filter { answer(to: $0.id) != .notAsked }.count
    }
}
