import Foundation
import KneadCore

/// The kinds of value a form field holds.
public enum FieldValue: Hashable, Sendable {
    case text(TextField)
    /// A whole number typed as text, checked against a range when the form is saved.
    case number(TextField, range: ClosedRange<Int>)
    case pressure(Pressure)
    case toggle(Bool)
    /// Items that can each be ticked; `cursor` is the item under the cursor.
    case checklist(items: [String], ticked: Set<Int>, cursor: Int)
    /// Painful regions, each with a score; `cursor` is the row under the cursor.
    case regionScores([RegionPain], cursor: Int)
    /// Regions without scores.
    case regions([Region], cursor: Int)
    /// One of a few options, changed with ← → or Space.
    case choice(options: [String], selected: Int)
    /// Contraindication screening: each question answered y / n / Space (not asked); `cursor` indexes the questions.
    case screening(Screening, catalog: ScreeningCatalog, cursor: Int)
}

/// One labelled field of a form.
public struct FormField: Hashable, Sendable {
    public let id: String
    public let label: String
    public var value: FieldValue
    /// A message shown at the field, e.g. why its value cannot be saved.
    public var problem: String?
    /// Lines under the label saying what belongs in the field, on the rows a taller field leaves free.
    public var hint: [String]

    public init(_ id: String, _ label: String, _ value: FieldValue, hint: [String] = []) {
        self.id = id
        self.label = label
        self.value = value
        self.hint = hint
    }

    /// Rows the field takes on screen when its value is `width` columns wide: a multi-line text
    /// field grows to show every line, wrapped, with 3 rows at least.
    func rows(width: Int) -> Int {
        switch value {
        case .text(let field) where field.isMultiline: max(3, field.wrappedRows(width: width - 1).count)
        case .checklist(let items, _, _): max(1, items.count)
        case .regionScores(let list, _): max(1, list.count)
        case .regions(let list, _): max(1, list.count)
        case .screening(_, let catalog, _): ScreeningLayout(catalog).rows.count
        default: 1
        }
    }
}

/// A vertical form: labelled fields, one focused, edited with the keys people expect.
public struct Form: Hashable, Sendable {
    public var fields: [FormField]
    public var focus = 0 { didSet { typedSinceFocus = false } }
    /// Whether the focused field was edited since it was focused: the first digit typed into a
    /// number field replaces what it held, so a drafted score is confirmed by moving on and
    /// changed by typing, as in a spreadsheet cell.
    var typedSinceFocus = false
    /// True when a field changed since the last save.
    public var isDirty = false

    public init(_ fields: [FormField]) { self.fields = fields }

    public subscript(id: String) -> FieldValue? {
        fields.first { $0.id == id }?.value
    }

    public var focused: FormField { fields[focus] }

    public mutating func setProblem(_ problem: String?, at id: String) {
        if let i = fields.firstIndex(where: { $0.id == id }) { fields[i].problem = problem }
    }

    public mutating func clearProblems() {
        for i in fields.indices { fields[i].problem = nil }
    }

    public mutating func focusNext() { focus = (focus + 1) % fields.count }
    public mutating func focusPrevious() { focus = (focus + fields.count - 1) % fields.count }

    /// The whole number a number field holds: nil when empty, or a problem to show at the field
    /// when the text is not a number within the field's range.
    public func number(_ id: String) -> (value: Int?, problem: String?) {
        guard case .number(let field, let range)? = self[id] else { return (nil, nil) }
        let text = field.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return (nil, nil) }
        guard let value = Int(text), range.contains(value) else {
            return (nil, "Enter a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return (value, nil)
    }

    /// Text of a text or number field.
    public func text(_ id: String) -> String {
        switch self[id] {
        case .text(let field), .number(let field, _): field.text
        default: ""
        }
    }

    /// The bindings of the focused field's own keys (none for a text field).
    func fieldBindings(_ keymap: Keymap) -> [Binding] {
        fieldContext.map { keymap.bindings(in: $0) } ?? []
    }

    /// The keymap context of the focused field's own keys (answer a screening question, move in
    /// a list, change a pressure); nil for a text field, which reads what is typed.
    public var fieldContext: KeyContext? {
        switch focused.value {
        case .text, .number: nil
        case .pressure: .pressureField
        case .toggle: .toggleField
        case .checklist: .checklistField
        case .regionScores, .regions: .regionList
        case .choice: .choiceField
        case .screening: .screeningList
        }
    }

    /// Applies a key to the focused field: first as an action of the field's context in the
    /// keymap, else as typing (text, a digit, a checklist item's own key). Returns true when
    /// the field used it.
    public mutating func handle(_ key: Key, keymap: Keymap = .shipped) -> Bool {
        if let context = fieldContext, let action = keymap.action(for: key, in: context, includingGlobal: false) {
            return perform(action)
        }
        var field = fields[focus]
        defer { fields[focus] = field }
        switch field.value {
        case .text(var text):
            let outcome = text.handle(key)
            field.value = .text(text)
            if outcome == .edited { isDirty = true; field.problem = nil }
            if outcome == .full { field.problem = text.fullNotice }
            return outcome != .ignored
        case .number(var text, let range):
            if case .character(let c) = key, !c.isNumber { return false }
            if case .character = key, !typedSinceFocus { text = TextField("", limit: text.limit) }
            let outcome = text.handle(key)
            if outcome != .ignored { typedSinceFocus = true }
            field.value = .number(text, range: range)
            if outcome == .edited { isDirty = true; field.problem = nil }
            if outcome == .full { field.problem = text.fullNotice }
            return outcome != .ignored
        case .pressure:
            // Letters are not typed into a pressure: they do nothing, rather than reach the screen.
            if case .character = key { return true }
            return false
        case .checklist(let items, var ticked, _):
            // Each item's own key (1–9, 0, then a–z) ticks or unticks it in one press.
            guard case .character(let c) = key, let index = Form.checklistKeys.firstIndex(of: c), index < items.count
            else { return false }
            if ticked.contains(index) { ticked.remove(index) } else { ticked.insert(index) }
            isDirty = true
            field.value = .checklist(items: items, ticked: ticked, cursor: index)
            return true
        case .toggle, .regionScores, .regions, .choice, .screening:
            return false
        }
    }

    /// Does an action of the focused field's context. Returns true when the field used it.
    @discardableResult
    public mutating func perform(_ action: Action) -> Bool {
        var field = fields[focus]
        defer { fields[focus] = field }
        switch field.value {
        case .text, .number:
            return false
        case .pressure(let pressure):
            let next: Pressure?
            switch action {
            case .pressureDown: next = pressure.lighter
            case .pressureUp: next = pressure.firmer
            case .setPressure(let level): next = Pressure(rawValue: level)
            default: return false
            }
            guard let next else { return true }
            field.value = .pressure(next)
            isDirty = true
            return true
        case .toggle(let on):
            let value: Bool
            switch action {
            case .toggle: value = !on
            case .answerYes: value = true
            case .answerNo: value = false
            default: return false
            }
            field.value = .toggle(value)
            isDirty = true
            field.problem = nil
            return true
        case .checklist(let items, var ticked, var cursor):
            switch action {
            case .moveUp where cursor > 0: cursor -= 1
            case .moveDown where cursor < items.count - 1: cursor += 1
            case .toggle:
                if ticked.contains(cursor) { ticked.remove(cursor) } else { ticked.insert(cursor) }
                isDirty = true
            default: return false
            }
            field.value = .checklist(items: items, ticked: ticked, cursor: cursor)
            return true
        case .regionScores(var list, var cursor):
            switch action {
            case .moveUp where cursor > 0: cursor -= 1
            case .moveDown where cursor < list.count - 1: cursor += 1
            case .removeRegion:
                isDirty = Form.remove(at: &cursor, from: &list) || isDirty
            case .checkIn(let digit):
                // A digit re-scores the region under the cursor; "1" then "0" within the field makes 10.
                guard list.indices.contains(cursor) else { return true }
                let current = list[cursor].score.value
                let value = (current == 1 && digit == 0) ? 10 : digit
                if let score = PainScore(value) { list[cursor].score = score }
                isDirty = true
            default: return false
            }
            field.value = .regionScores(list, cursor: cursor)
            return true
        case .regions(var list, var cursor):
            switch action {
            case .moveUp where cursor > 0: cursor -= 1
            case .moveDown where cursor < list.count - 1: cursor += 1
            case .removeRegion:
                isDirty = Form.remove(at: &cursor, from: &list) || isDirty
            default: return false
            }
            field.value = .regions(list, cursor: cursor)
            return true
        case .choice(let options, var selected):
            switch action {
            case .moveLeft: selected = (selected + options.count - 1) % options.count
            case .moveRight: selected = (selected + 1) % options.count
            default: return false
            }
            field.value = .choice(options: options, selected: selected)
            isDirty = true
            return true
        case .screening(var screening, let catalog, var cursor):
            let questions = catalog.questions
            guard questions.indices.contains(cursor) else { return false }
            let id = questions[cursor].id
            switch action {
            case .moveUp: if cursor > 0 { cursor -= 1 }
            case .moveDown: if cursor < questions.count - 1 { cursor += 1 }
            case .answerYes, .answerNo, .answerNoToRest:
                let answer = ScreeningLayout.answer(action, at: cursor, of: &screening, in: catalog)
                cursor = ScreeningLayout.cursor(after: answer, at: cursor, of: screening, in: catalog)
                isDirty = true
            case .clearAnswer: screening.set(.notAsked, for: id); isDirty = true
            case .removeRegion:
                // Removes the last region of the answer under the cursor.
                guard var regions = screening.response(to: id)?.regions, !regions.isEmpty else { return true }
                regions.removeLast()
                screening.set(.yes, for: id, regions: regions)
                isDirty = true
            default: return false
            }
            field.value = .screening(screening, catalog: catalog, cursor: cursor)
            field.problem = nil
            return true
        }
    }

    /// The keys that tick checklist items, in item order.
    public static let checklistKeys: [Character] = Array("1234567890abcdefghijklmnopqrstuvwxyz")

    /// Removes the row under the cursor of a list field and keeps the cursor on a row.
    /// Returns whether a row was removed.
    private static func remove<Element>(at cursor: inout Int, from list: inout [Element]) -> Bool {
        guard list.indices.contains(cursor) else { return false }
        list.remove(at: cursor)
        cursor = max(0, min(cursor, list.count - 1))
        return true
    }

    /// Draws the form into a rectangle, scrolled so the focused field shows; fields cut by
    /// the edge are drawn in part. Returns the cursor position when a text field has focus.
    public func render(into target: inout Canvas, rect: Rect, labelWidth: Int = 23) -> Point? {
        let valueX = labelWidth
        let valueWidth = max(1, rect.width - labelWidth)
        // A multi-line text is wrapped once: its rows give the field's height and what it draws.
        let wrapped: [[Range<Int>]?] = fields.map { field in
            if case .text(let text) = field.value, text.isMultiline { return text.wrappedRows(width: valueWidth - 1) }
            return nil
        }
        let rows = fields.indices.map { wrapped[$0].map { max(3, $0.count) } ?? fields[$0].rows(width: valueWidth) }
        let heights = fields.indices.map { rows[$0] + (fields[$0].problem == nil ? 0 : 1) + 1 }  // a blank row after each
        let total = heights.reduce(0, +)
        var canvas = Canvas(width: rect.width, height: total)
        let focusTop = heights[0..<focus].reduce(0, +)
        var top = max(0, min(focusTop + heights[focus] - 1 - rect.height + 1, focusTop))
        if heights[focus] > rect.height {
            // A field taller than the window scrolls with its cursor, which stays mid-window.
            let inner: Int = switch fields[focus].value {
            case .screening(_, let catalog, let cursor): ScreeningLayout(catalog).row(ofQuestion: cursor)
            case .regionScores(_, let cursor), .regions(_, let cursor): cursor
            case .text(let text) where text.isMultiline: text.cursorRow(in: wrapped[focus] ?? [])
            default: 0
            }
            top = max(0, min(focusTop + inner - rect.height / 2, focusTop + heights[focus] - rect.height))
        }
        var y = 0
        var cursor: Point? = nil
        for (index, field) in fields.enumerated() {
            defer { y += heights[index] }
            let isFocused = index == focus
            canvas.put((isFocused ? "▸ " : "  ") + field.label, x: 0, y: y,
                       role: isFocused ? .accent : .muted, maxWidth: labelWidth - 1)
            for (i, line) in field.hint.prefix(max(0, rows[index] - 1)).enumerated() {
                canvas.put("  " + line, x: 0, y: y + 1 + i, role: .muted, maxWidth: labelWidth - 1)
            }
            let role: StyleRole = isFocused ? .inputFocused : .input
            switch field.value {
            case .text(let text), .number(let text, _):
                let area = Rect(x: valueX, y: y, width: valueWidth, height: rows[index])
                let point = wrapped[index].map { text.renderWrapped($0, into: &canvas, rect: area, role: role) }
                    ?? text.render(into: &canvas, rect: area, role: role)
                if isFocused { cursor = point }
            case .pressure(let pressure):
                canvas.put(pressureGauge(pressure), x: valueX, y: y, role: pressureRole(pressure))
                canvas.put("  \(pressure.rawValue) \(pressure.label)", x: valueX + 5, y: y,
                           role: isFocused ? .accent : .normal, maxWidth: valueWidth - 5)
            case .toggle(let on):
                canvas.put(on ? "[x] yes" : "[ ] no", x: valueX, y: y, role: isFocused ? .selected : .normal)
            case .checklist(let items, let ticked, let at):
                for (i, item) in items.enumerated() {
                    let key = i < Form.checklistKeys.count ? "\(Form.checklistKeys[i]) " : "  "
                    let mark = key + (ticked.contains(i) ? "[x] " : "[ ] ")
                    let itemRole: StyleRole = isFocused && i == at ? .selected : (ticked.contains(i) ? .normal : .muted)
                    canvas.put(mark + item, x: valueX, y: y + i, role: itemRole, maxWidth: valueWidth)
                }
            case .regionScores(let list, let at):
                if list.isEmpty {
                    canvas.put("none yet — F3 adds a region", x: valueX, y: y, role: .muted, maxWidth: valueWidth)
                }
                for (i, entry) in list.enumerated() {
                    let selected = isFocused && i == at
                    let n = canvas.put(entry.region.name, x: valueX, y: y + i, role: selected ? .selected : .normal,
                                       maxWidth: valueWidth - 8)
                    canvas.put("  \(entry.score.value)/10", x: valueX + n, y: y + i, role: painRole(entry.score))
                }
            case .regions(let list, let at):
                if list.isEmpty {
                    canvas.put("none — F3 adds a region", x: valueX, y: y, role: .muted, maxWidth: valueWidth)
                }
                for (i, region) in list.enumerated() {
                    canvas.put(region.name, x: valueX, y: y + i,
                               role: isFocused && i == at ? .selected : .warning, maxWidth: valueWidth)
                }
            case .choice(let options, let selected):
                var x = valueX
                for (i, option) in options.enumerated() {
                    let chosen = i == selected
                    x += canvas.put(chosen ? "(•) \(option)" : "( ) \(option)", x: x, y: y,
                                    role: chosen ? (isFocused ? .selected : .normal) : .muted) + 2
                }
            case .screening(let screening, let catalog, let at):
                renderScreening(screening, catalog: catalog, cursor: isFocused ? at : nil, into: &canvas,
                                x: valueX, y: y, width: valueWidth)
            }
            if let problem = field.problem {
                canvas.put("⚠ " + problem, x: valueX, y: y + rows[index], role: .warning, maxWidth: valueWidth)
            }
        }
        target.draw(canvas, rows: top..<(top + rect.height), at: Point(x: rect.x, y: rect.y))
        return cursor.flatMap { point in
            let shown = Point(x: point.x + rect.x, y: point.y - top + rect.y)
            return shown.y >= rect.y && shown.y < rect.maxY ? shown : nil
        }
    }
}

/// Five blocks, filled up to the pressure level.
func pressureGauge(_ pressure: Pressure) -> String {
    String(repeating: "■", count: pressure.rawValue) + String(repeating: "□", count: 5 - pressure.rawValue)
}

/// The style role of a pressure level.
func pressureRole(_ pressure: Pressure) -> StyleRole {
    [.pressure0, .pressure1, .pressure2, .pressure3, .pressure4, .pressure5][pressure.rawValue]
}

/// The style role of a pain band.
func painRole(_ score: PainScore) -> StyleRole {
    switch score.band {
    case .none: .painNone
    case .mild: .painMild
    case .moderate: .painModerate
    case .severe: .painSevere
    }
}
