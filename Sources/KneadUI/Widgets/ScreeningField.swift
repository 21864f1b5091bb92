import KneadCore

/// The rows of the screening field: a heading before each category, then its questions. The
/// red flags that need same-day emergency care have a heading of their own, apart from those
/// that mean "refer to a physician", so the two are never read as one.
struct ScreeningLayout {
    enum Row: Hashable { case heading(String), question(Int) }
    let rows: [Row]

    init(_ catalog: ScreeningCatalog) {
        var rows: [Row] = []
        var last: String?
        for (i, question) in catalog.questions.enumerated() {
            let heading = Self.heading(of: question)
            if heading != last {
                rows.append(.heading(heading))
                last = heading
            }
            rows.append(.question(i))
        }
        self.rows = rows
    }

    /// The heading a question is listed under: its category's, or for a red flag its urgency's.
    static func heading(of question: ScreeningQuestion) -> String {
        question.urgency == .sameDayEmergency ? "Red flags — same-day emergency care" : question.category.heading
    }

    /// The row of a question, for scrolling the form to the cursor.
    func row(ofQuestion index: Int) -> Int { rows.firstIndex(of: .question(index)) ?? 0 }
}

/// Draws the screening answers: "yes" stands out by colour and by a mark, so it reads on monochrome.
func renderScreening(_ screening: Screening, catalog: ScreeningCatalog, cursor: Int?, into canvas: inout Canvas,
                     x: Int, y: Int, width: Int) {
    let labelWidth = min(36, max(20, width - 16))
    for (offset, row) in ScreeningLayout(catalog).rows.enumerated() {
        switch row {
        case .heading(let heading):
            canvas.put(heading, x: x, y: y + offset, role: .title, maxWidth: width)
        case .question(let index):
            let question = catalog.questions[index]
            let response = screening.response(to: question.id)
            let answer = response?.answer ?? .notAsked
            let selected = cursor == index
            let mark = switch answer {
            case .yes: question.category == .redFlag ? "⚑ yes" : "▲ yes"
            case .no: "  no "
            case .notAsked: "  –  "
            }
            let answerRole: StyleRole = switch answer {
            case .yes: question.category == .redFlag || question.category == .wholeBody ? .danger : .warning
            case .no: .normal
            case .notAsked: .muted
            }
            canvas.put((selected ? "▸ " : "  ") + question.label, x: x, y: y + offset,
                       role: selected ? .selected : .normal, maxWidth: labelWidth)
            canvas.put(mark, x: x + labelWidth + 1, y: y + offset, role: answerRole)
            if answer == .yes, let source = response?.derivedFrom {
                // Answered by the record, not asked: say what answered it.
                canvas.put("derived: " + source, x: x + labelWidth + 8, y: y + offset, role: .muted,
                           maxWidth: max(0, width - labelWidth - 8))
            } else if answer == .yes, question.takesRegions {
                let regions = response?.regions ?? []
                let text = regions.isEmpty ? (selected ? "F3 adds where" : "where?") : regions.map(\.shortName).joined(separator: ", ")
                canvas.put(text, x: x + labelWidth + 8, y: y + offset, role: regions.isEmpty ? .muted : .warning,
                           maxWidth: max(0, width - labelWidth - 8))
            }
        }
    }
}

extension ScreeningLayout {
    /// What one answer key did, so the cursor knows where to go.
    enum Answered: Equatable { case yes(takesRegions: Bool), no, restOfGroup }

    /// Answers the question under the cursor (`y`, `n`), or "no" to the questions of its group not
    /// answered yet (`N`); answers already given stay.
    static func answer(_ action: Action, at cursor: Int, of screening: inout Screening,
                       in catalog: ScreeningCatalog) -> Answered {
        let question = catalog.questions[cursor]
        switch action {
        case .answerYes:
            screening.set(.yes, for: question.id)
            return .yes(takesRegions: question.takesRegions)
        case .answerNoToRest:
            screening.answerNoToRest(of: question.category, in: catalog)
            return .restOfGroup
        default:
            screening.set(.no, for: question.id)
            return .no
        }
    }

    /// Where the cursor goes after an answer: the next question not answered yet, else the next
    /// question, else it stays. A "yes" to a question about a region stays, so that Enter says where.
    static func cursor(after answered: Answered, at cursor: Int, of screening: Screening,
                       in catalog: ScreeningCatalog) -> Int {
        if answered == .yes(takesRegions: true) { return cursor }
        if let next = screening.nextUnanswered(after: cursor, in: catalog) { return next }
        if answered == .restOfGroup,
           let nextGroup = catalog.questions.indices.first(where: {
               $0 > cursor && catalog.questions[$0].category != catalog.questions[cursor].category }) {
            return nextGroup
        }
        return answered == .restOfGroup ? cursor : min(cursor + 1, catalog.questions.count - 1)
    }
}
