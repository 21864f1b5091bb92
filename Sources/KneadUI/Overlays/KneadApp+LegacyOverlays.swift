import KneadCore

extension KneadApp {
    func handleOverlayKey(_ key: Key, _ overlay: LegacyOverlay) {
        switch overlay {
        case .wholeBody(let prompt):
            handleWholeBodyKey(key, prompt)
        case .notScreened(let field):
            handleNotScreenedKey(key, field)
        }
    }

    func addRegion(_ region: Region, score: PainScore?) {
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
        case .wholeBody(let prompt):
            return renderWholeBodyPrompt(prompt, into: &canvas)
        case .notScreened(let field):
            return renderNotScreenedPrompt(field, into: &canvas)
        }
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
