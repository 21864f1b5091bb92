extension Screening {
    /// Answers "no" to every question of a group not answered yet; answers given stay. The
    /// count of questions it answered, so the screen can say what one key did.
    @discardableResult
    public mutating func answerNoToRest(of category: ScreeningCategory, in catalog: ScreeningCatalog = .standard) -> Int {
        var answered = 0
        for question in catalog.questions where question.category == category && answer(to: question.id) == .notAsked {
            set(.no, for: question.id)
            answered += 1
        }
        return answered
    }

    /// Takes a returning client's answers from the last visit for the questions not answered
    /// today (of one group, or all): what the client confirms as unchanged. Answers that the
    /// record derived last time ("warfarin (medications)") are not carried: today's record
    /// answers them again. The count of answers taken.
    @discardableResult
    public mutating func confirmUnchanged(from last: Screening, category: ScreeningCategory? = nil,
                                          in catalog: ScreeningCatalog = .standard) -> Int {
        var taken = 0
        for question in catalog.questions where category == nil || question.category == category {
            guard answer(to: question.id) == .notAsked, let earlier = last.response(to: question.id),
                  earlier.derivedFrom == nil, earlier.answer != .notAsked else { continue }
            set(earlier.answer, for: question.id, regions: earlier.regions)
            taken += 1
        }
        return taken
    }

    /// The index in the catalogue of the first question after `index` not answered yet, or nil
    /// when every later one is answered: where `y`/`n` moves on to.
    public func nextUnanswered(after index: Int, in catalog: ScreeningCatalog = .standard) -> Int? {
        catalog.questions.indices.first { $0 > index && answer(to: catalog.questions[$0].id) == .notAsked }
    }
}
