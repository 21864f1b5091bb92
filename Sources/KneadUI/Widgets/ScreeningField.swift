import KneadCore

/// The rows of the screening field: a heading before each category, then its questions.
struct ScreeningLayout {
    enum Row: Hashable { case heading(ScreeningCategory), question(Int) }
    let rows: [Row]

    init(_ catalog: ScreeningCatalog) {
        var rows: [Row] = []
        var last: ScreeningCategory?
        for (i, question) in catalog.questions.enumerated() {
            if question.category != last {
                rows.append(.heading(question.category))
                last = question.category
            }
            rows.append(.question(i))
        }
        self.rows = rows
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
        case .heading(let category):
            canvas.put(category.heading, x: x, y: y + offset, role: .title, maxWidth: width)
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
