import KneadCore

/// A searchable list of body regions, for adding a painful or flagged region to a form.
struct RegionPicker: Hashable, Sendable {
    enum Purpose: Hashable, Sendable {
        case painful, caution, avoid
        /// Where a screening answer applies, by the question's label.
        case screening(String)

        var title: String {
            switch self {
            case .painful: "Add a painful region"
            case .caution: "Flag a region for caution"
            case .avoid: "A region not to touch"
            case .screening(let label): "Where? \(label)"
            }
        }
    }
    enum Stage: Hashable, Sendable { case choosing, scoring(Region) }

    var purpose: Purpose
    var filter = TextField()
    var selection = 0
    var stage: Stage = .choosing
    /// Regions already in the field; they are not offered again.
    var excluded: Set<Region>

    /// Regions matching every typed word, head to foot. A word matches the start of a word of
    /// the region's name ("low" → "low back"); "l" and "r" alone mean left and right.
    var matches: [Region] {
        let typed = filter.text.lowercased().split(separator: " ").map(String.init)
        return Region.all.filter { region in
            guard !excluded.contains(region) else { return false }
            let words = region.name.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "(" })
            return typed.allSatisfy { word in
                switch word {
                case "l": region.side == .left
                case "r": region.side == .right
                default: words.contains { $0.hasPrefix(word) }
                }
            }
        }
    }
}

extension KneadApp {
    func handleOverlayKey(_ key: Key, _ overlay: LegacyOverlay) {
        switch overlay {
        case .blank:
            overlays.removeLast()
        case .help(let scroll):
            switch keymap.action(for: key, in: .help, includingGlobal: false) {
            case .back: overlays.removeLast()
            case .moveUp: replaceTop(.help(scroll: max(0, scroll - 1)))
            case .moveDown: replaceTop(.help(scroll: scroll + 1))
            default: break
            }
        case .confirm(_, let pending):
            switch keymap.action(for: key, in: .confirm, includingGlobal: false) {
            case .confirmYes:
                overlays.removeLast()
                confirmed(pending)
            case .confirmNo:
                overlays.removeLast()
                if case .screeningConfirmation = pending { status = StatusMessage(text: "Not confirmed; nothing changed.", kind: .info) }
            default: break
            }
        case .techniqueMenu:
            switch keymap.action(for: key, in: .techniqueMenu, includingGlobal: false) {
            case .pickTechnique(let c):
                overlays.removeLast()
                if let info = catalog.info(key: c) { chooseTechnique(info) }
            case .back:
                overlays.removeLast()
            default:
                break
            }
        case .pressureMenu, .regionJump:
            handleTreatmentMenuKey(key, overlay)
        case .quickNote(var field):
            switch key {
            case .escape:
                overlays.removeLast()
            case .enter:
                overlays.removeLast()
                if execute(.note(field.text)) == nil {
                    status = StatusMessage(text: "Note saved.", kind: .info)
                }
            default:
                field.handle(key)
                replaceTop(.quickNote(field))
            }
        case .regionPicker(var picker):
            handleRegionPickerKey(key, &picker)
        case .wholeBody(let prompt):
            handleWholeBodyKey(key, prompt)
        case .notScreened(let field):
            handleNotScreenedKey(key, field)
        case .search(let search):
            handleSearchKey(key, search)
        case .dateEntry(let field):
            handleDateEntryKey(key, field)
        case .themePicker(let picker):
            handleThemePickerKey(key, picker)
        }
    }

    private func handleRegionPickerKey(_ key: Key, _ picker: inout RegionPicker) {
        defer {
            if case .regionPicker = topLegacy { replaceTop(.regionPicker(picker)) }
        }
        if case .scoring(let region) = picker.stage {
            let value: Int? = switch key {
            case .character("x"), .character("*"): 10
            case .character(let c): c.wholeNumberValue
            default: nil
            }
            if key == .escape { picker.stage = .choosing; return }
            guard let value, let score = PainScore(value) else { return }
            overlays.removeLast()
            addRegion(region, score: score)
            return
        }
        let matches = picker.matches
        switch key {
        case .escape:
            overlays.removeLast()
        case .up:
            picker.selection = max(0, picker.selection - 1)
        case .down:
            picker.selection = min(max(0, matches.count - 1), picker.selection + 1)
        case .enter:
            guard matches.indices.contains(picker.selection) else { return }
            let region = matches[picker.selection]
            if picker.purpose == .painful {
                picker.stage = .scoring(region)
            } else {
                overlays.removeLast()
                addRegion(region, score: nil)
            }
        default:
            if picker.filter.handle(key) == .edited { picker.selection = 0 }
        }
    }

    private func addRegion(_ region: Region, score: PainScore?) {
        let i = assessmentForm.focus
        switch assessmentForm.fields[i].value {
        case .regionScores(var list, _):
            if let score { list.append(RegionPain(region: region, score: score)) }
            assessmentForm.fields[i].value = .regionScores(list, cursor: list.count - 1)
        case .regions(var list, _):
            list.append(region)
            assessmentForm.fields[i].value = .regions(list, cursor: list.count - 1)
        case .screening(var screening, let catalog, let cursor):
            let id = catalog.questions[cursor].id
            screening.set(.yes, for: id, regions: (screening.response(to: id)?.regions ?? []) + [region])
            assessmentForm.fields[i].value = .screening(screening, catalog: catalog, cursor: cursor)
        default:
            return
        }
        assessmentForm.isDirty = true
        saveAssessment(quietly: true)
    }

    /// Draws the overlay on top; returns the cursor position if it has a text field.
    func renderOverlay(_ overlay: LegacyOverlay, into canvas: inout Canvas) -> Point? {
        switch overlay {
        case .blank:
            return nil
        case .help(let scroll):
            renderHelp(scroll: scroll, into: &canvas)
            return nil
        case .confirm(let question, _):
            let lines = wrap(question, width: min(60, width - 8))
            let box = centered(width: min(64, width - 4), height: lines.count + 4)
            canvas.fill(box)
            drawBox(box, title: "Confirm", into: &canvas, role: .warning)
            for (i, line) in lines.enumerated() {
                canvas.put(line, x: box.x + 2, y: box.y + 1 + i, role: .normal, maxWidth: box.width - 4)
            }
            canvas.put("y", x: box.x + 2, y: box.maxY - 2, role: .hintKey)
            canvas.put(" yes    ", x: box.x + 3, y: box.maxY - 2, role: .normal)
            canvas.put("n", x: box.x + 11, y: box.maxY - 2, role: .hintKey)
            canvas.put(" no", x: box.x + 12, y: box.maxY - 2, role: .normal)
            return nil
        case .techniqueMenu:
            let entries = catalog.entries
            let box = centered(width: 44, height: entries.count + 3)
            canvas.fill(box)
            drawBox(box, title: "Technique — press its key", into: &canvas, role: .accent)
            let current = session?.activeWork?.technique ?? treatment.technique
            for (i, info) in entries.enumerated() {
                // The key in use: the config file may have rebound it.
                let key = keymap.bindings(in: .techniqueMenu).first { $0.action == .pickTechnique(info.key) }?.keys.first?.label
                canvas.put(key ?? String(info.key), x: box.x + 2, y: box.y + 1 + i, role: .hintKey, maxWidth: 3)
                canvas.put(info.name, x: box.x + 5, y: box.y + 1 + i,
                           role: info.technique == current ? .selected : .normal, maxWidth: box.width - 7)
            }
            canvas.put("Esc cancels", x: box.x + 2, y: box.maxY - 2, role: .muted)
            return nil
        case .pressureMenu, .regionJump:
            renderTreatmentMenu(overlay, into: &canvas)
            return nil
        case .quickNote(let field):
            let box = centered(width: min(76, width - 4), height: 5)
            canvas.fill(box)
            drawBox(box, title: "Finding or note — Enter saves, Esc cancels", into: &canvas, role: .accent)
            if field.characters.count >= field.limit {
                canvas.put(field.fullNotice, x: box.x + 2, y: box.y + 3, role: .warning, maxWidth: box.width - 4)
            }
            return field.render(into: &canvas, rect: Rect(x: box.x + 2, y: box.y + 2, width: box.width - 4, height: 1),
                                role: .inputFocused)
        case .regionPicker(let picker):
            return renderRegionPicker(picker, into: &canvas)
        case .wholeBody(let prompt):
            return renderWholeBodyPrompt(prompt, into: &canvas)
        case .notScreened(let field):
            return renderNotScreenedPrompt(field, into: &canvas)
        case .search(let search):
            return renderSearch(search, into: &canvas)
        case .dateEntry(let field):
            return renderDateEntry(field, into: &canvas)
        case .themePicker(let picker):
            renderThemePicker(picker, into: &canvas)
            return nil
        }
    }

    private func renderRegionPicker(_ picker: RegionPicker, into canvas: inout Canvas) -> Point? {
        let box = centered(width: 50, height: min(height - 4, 20))
        canvas.fill(box)
        let title = picker.purpose.title
        drawBox(box, title: title, into: &canvas, role: .accent)
        if case .scoring(let region) = picker.stage {
            canvas.put("Pain in the \(region.name):", x: box.x + 2, y: box.y + 2, role: .title, maxWidth: box.width - 4)
            canvas.put("press 0–9, or x for 10", x: box.x + 2, y: box.y + 4, role: .normal)
            canvas.put("Esc goes back", x: box.x + 2, y: box.y + 6, role: .muted)
            return nil
        }
        canvas.put("Find:", x: box.x + 2, y: box.y + 1, role: .muted)
        let cursor = picker.filter.render(into: &canvas, rect: Rect(x: box.x + 8, y: box.y + 1, width: box.width - 10, height: 1),
                                          role: .inputFocused)
        let matches = picker.matches
        let rows = box.height - 4
        let first = max(0, picker.selection - rows + 1)
        for (i, region) in matches.dropFirst(first).prefix(rows).enumerated() {
            let selected = first + i == picker.selection
            canvas.put((selected ? "▸ " : "  ") + region.name, x: box.x + 2, y: box.y + 3 + i,
                       role: selected ? .selected : .normal, maxWidth: box.width - 4)
        }
        if matches.isEmpty {
            canvas.put("No region matches.", x: box.x + 2, y: box.y + 3, role: .muted)
        }
        return cursor
    }

    private func renderHelp(scroll: Int, into canvas: inout Canvas) {
        let sections = [(contextBelowOverlay, bindingsBelowOverlay), (KeyContext.global, keymap.bindings(in: .global))]
        var lines: [(String, String, Bool)] = []
        for (ctx, list) in sections {
            guard !list.isEmpty else { continue }
            lines.append((ctx.title, "", true))
            for binding in list { lines.append((binding.keyLabel, binding.label, false)) }
            lines.append(("", "", false))
        }
        let box = centered(width: min(70, width - 4), height: height - 2)
        canvas.fill(box)
        drawBox(box, title: "Keys — Esc closes, ↑↓ scroll", into: &canvas, role: .accent)
        let rows = box.height - 2
        let start = min(scroll, max(0, lines.count - rows))
        for (i, line) in lines.dropFirst(start).prefix(rows).enumerated() {
            let y = box.y + 1 + i
            if line.2 {
                canvas.put(line.0, x: box.x + 2, y: y, role: .title)
            } else {
                canvas.put(line.0, x: box.x + 4, y: y, role: .hintKey, maxWidth: 22)
                canvas.put(line.1, x: box.x + 27, y: y, role: .normal, maxWidth: box.width - 29)
            }
        }
    }

    /// The context of the screen or overlay under the help window.
    var contextBelowOverlay: KeyContext { context(under: overlays.dropLast().last) }

    /// The bindings that act in the screen or overlay under the help window.
    var bindingsBelowOverlay: [Binding] {
        if let below = overlays.dropLast().last { return below.bindings(environment) }
        if let current { return current.bindings(environment) }
        return keymap.bindings(in: contextBelowOverlay)
    }

    func centered(width w: Int, height h: Int) -> Rect {
        let w = min(w, width), h = min(h, height)
        return Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    }
}

/// Breaks text into lines of at most `width` columns at spaces.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
            while DisplayWidth.of(line) > width {
                let head = DisplayWidth.truncated(line, to: width + 1).dropLast()
                lines.append(String(head))
                line = String(line.dropFirst(head.count))
            }
        }
        lines.append(line)
    }
    return lines
}
