/// Where the theme picker's parts go at a terminal size.
struct ThemePickerLayout: Hashable, Sendable {
    let box: Rect
    /// The list of themes, one row each.
    let list: Rect
    /// The preview of every style role.
    let preview: Rect
    /// Rows under both for the file of the highlighted theme and the errors of broken files.
    let footer: Rect

    init(width: Int, height: Int) {
        // Inside the screen's frame: below the title bar and its top border, above its bottom
        // border, the status line and the hints.
        let w = min(width - 4, 96), h = min(height - 5, 24)
        box = Rect(x: (width - w) / 2, y: 2 + (height - 5 - h) / 2, width: w, height: h)
        let inner = box.inset(by: 1)
        let footerHeight = height < 30 ? 3 : 4
        let listWidth = min(30, inner.width / 2 - 2)
        list = Rect(x: inner.x + 1, y: inner.y + 1, width: listWidth, height: inner.height - footerHeight - 1)
        preview = Rect(x: list.maxX + 2, y: inner.y, width: inner.maxX - list.maxX - 3, height: inner.height - footerHeight)
        footer = Rect(x: inner.x + 1, y: inner.maxY - footerHeight, width: inner.width - 2, height: footerHeight)
    }

    /// The first choice shown, so that the highlighted one is in view.
    func firstRow(_ picker: ThemePicker) -> Int { max(0, picker.selection - list.height + 1) }

}

/// The theme picker over the current screen: each highlighted theme is applied to the whole app
/// at once, Enter keeps it (and asks for it to be remembered), Esc puts the previous one back.
final class ThemePickerOverlay: Overlay {
    var picker: ThemePicker

    init(_ env: ScreenEnvironment) {
        picker = ThemePicker(choices: env.themeChoices(), current: env.themeName, original: env.theme)
    }

    var keyContext: KeyContext { .themePicker }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .moveUp: picker.move(by: -1)
        case .moveDown: picker.move(by: 1)
        case .save:
            keep(env)
            return
        case .back:
            env.use(picker.original)
            env.pop(self)
            env.say("Theme unchanged: \(picker.originalName).")
            return
        default:
            return
        }
        preview(env)
    }

    /// Highlights a clicked row and applies its theme, if it can be used.
    func choose(row: Int, _ env: ScreenEnvironment) {
        guard picker.select(row: row) else { return }
        preview(env)
    }

    /// Applies the highlighted theme to the whole app.
    private func preview(_ env: ScreenEnvironment) {
        if let chosen = picker.highlighted?.theme { env.use(chosen) }
    }

    /// Keeps the highlighted theme and asks the app's owner to remember it for next time.
    private func keep(_ env: ScreenEnvironment) {
        guard let choice = picker.highlighted, let chosen = choice.theme else {
            env.say("That theme file cannot be used; choose another or press Esc.", .warning)
            return
        }
        env.pop(self)
        switch env.keep(chosen, named: choice.name) {
        case nil: env.say("Theme \(choice.name) is in use until knead quits.")
        case ""?: env.say("Theme \(choice.name) kept; knead starts with it next time.")
        case let problem?: env.say("Theme \(choice.name) is in use, but it was not saved for next time: \(problem)", .error)
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let layout = ThemePickerLayout(width: rect.width, height: rect.height)
        // A one-column margin, so nothing of the screen underneath (a list's ▸) peeks beside the box.
        canvas.fill(Rect(x: layout.box.x - 1, y: layout.box.y, width: layout.box.width + 2, height: layout.box.height))
        Box("Theme — ↑↓ try it, Enter keeps, Esc puts back", role: .accent).draw(layout.box, into: &canvas)
        let first = layout.firstRow(picker)
        for (offset, choice) in picker.choices.dropFirst(first).prefix(layout.list.height).enumerated() {
            let y = layout.list.y + offset
            let selected = first + offset == picker.selection
            let usable = choice.theme != nil
            env.clickable(.themePicker, row: first + offset, at: Rect(x: layout.list.x, y: y, width: layout.list.width, height: 1))
            let mark = selected ? "▸ " : usable ? "  " : "✗ "
            let origin = usable ? choice.origin : "broken"
            let originWidth = DisplayWidth.of(origin)
            let row = Rect(x: layout.list.x, y: y, width: layout.list.width, height: 1)
            let role: StyleRole = selected ? .selected : usable ? .normal : .muted
            canvas.fill(row, role: role)
            canvas.put(mark + choice.name, x: row.x, y: y, role: role, maxWidth: max(1, row.width - originWidth - 1))
            canvas.put(origin, x: row.maxX - originWidth, y: y, role: selected ? .selected : .muted)
        }
        for y in layout.preview.y..<layout.preview.maxY { canvas.put("│", x: layout.preview.x - 2, y: y, role: .border) }
        renderThemePreview(picker.highlighted?.name ?? picker.originalName, into: &canvas, layout.preview)
        renderThemeFooter(picker, into: &canvas, layout.footer)
        return nil
    }

    /// Where the highlighted theme comes from, then why any broken file cannot be used.
    private func renderThemeFooter(_ picker: ThemePicker, into canvas: inout Canvas, _ rect: Rect) {
        var lines: [(String, StyleRole)] = []
        if let choice = picker.highlighted {
            let source = choice.file.map { "\($0.lastPathComponent) in \(choice.origin)" } ?? "built into knead: no theme folder has default.theme"
            lines.append(("From \(source).", .muted))
        }
        for choice in picker.choices {
            guard case .failure(let error) = choice.result else { continue }
            for line in wrap("✗ \(error.description)", width: rect.width) { lines.append((line, .warning)) }
        }
        for (i, line) in lines.prefix(rect.height).enumerated() {
            canvas.put(line.0, x: rect.x, y: rect.y + i, role: line.1, maxWidth: rect.width)
        }
    }

    /// A sample of every style role, drawn with the theme in use (the highlighted one).
    private func renderThemePreview(_ name: String, into canvas: inout Canvas, _ rect: Rect) {
        let x = rect.x, w = rect.width
        var y = rect.y
        func line(_ parts: [(String, StyleRole)]) {
            guard y < rect.maxY else { return }
            var column = x
            for (text, role) in parts where column < x + w {
                column += canvas.put(text, x: column, y: y, role: role, maxWidth: x + w - column)
            }
            y += 1
        }
        func bar(_ text: String, _ role: StyleRole) {
            guard y < rect.maxY else { return }
            canvas.fill(Rect(x: x, y: y, width: w, height: 1), role: role)
            canvas.put(text, x: x, y: y, role: role, maxWidth: w)
            y += 1
        }
        line([("Preview of \(name)", .title)])
        line([("Normal text, ", .normal), ("muted notes, ", .muted), ("accent", .accent)])
        bar("▸ Selected row", .selected)
        line([("⚠ Warning: deep pressure asks first", .warning)])
        bar(" ⛔ Danger: no massage today", .danger)
        bar(" ⚑ Banner: refer to a physician", .banner)
        line([("Pain ", .normal), ("0 none", .painNone), (" ", .normal), ("2 mild", .painMild), (" ", .normal),
              ("5 moderate", .painModerate), (" ", .normal), ("8 severe", .painSevere)])
        line([("Pressure ", .normal), ("0", .pressure0), (" ", .normal), ("1", .pressure1), (" ", .normal),
              ("2", .pressure2), (" ", .normal), ("3", .pressure3), (" ", .normal), ("4", .pressure4), (" ", .normal),
              ("5", .pressure5), ("  ", .normal), ("▼ pain down 3", .success)])
        line([("Map ", .normal), ("░", .muted), (" not yet ", .normal), ("▓", .accent), (" worked ", .normal),
              ("█", .selected), (" here", .normal)])
        line([("    ", .normal), ("●", .accent), (" now ", .normal), ("×", .danger), (" avoid ", .normal),
              ("⚠", .warning), (" caution ", .normal), ("6", .painModerate), (" pain", .normal)])
        line([("Input ", .normal), ("typed text", .input), (" ", .normal), ("focused field", .inputFocused)])
        line([("Timer ", .normal), ("18:00", .timer), (" ", .normal), ("over 1:02:00", .timerOver)])
        bar(" Knead · Today                  11:06", .statusBar)
        guard y < rect.maxY else { return }
        canvas.fill(Rect(x: x, y: y, width: w, height: 1), role: .hint)
        var column = x + 1
        for (keys, label) in [("↑↓", " try  "), ("Enter", " keep  "), ("Esc", " back")] where column < x + w {
            column += canvas.put(keys, x: column, y: y, role: .hintKey, maxWidth: x + w - column)
            column += canvas.put(label, x: column, y: y, role: .hint, maxWidth: max(0, x + w - column))
        }
    }
}
