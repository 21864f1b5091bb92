/// The keys of what was on screen when help was asked for, then the global ones, from the
/// keymap (as rebound by the config file).
final class HelpOverlay: Overlay {
    /// A heading and the bindings under it.
    struct Section {
        var title: String
        var bindings: [Binding]
    }

    let sections: [Section]
    var scroll = 0

    init(_ sections: [Section]) { self.sections = sections }

    var keyContext: KeyContext { .help }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .back: env.pop(self)
        case .moveUp: scroll = max(0, scroll - 1)
        case .moveDown: scroll += 1
        default: break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        var lines: [(String, String, Bool)] = []
        for section in sections where !section.bindings.isEmpty {
            lines.append((section.title, "", true))
            for binding in section.bindings { lines.append((binding.keyLabel, binding.label, false)) }
            lines.append(("", "", false))
        }
        let box = env.centered(width: min(70, rect.width - 4), height: rect.height - 2)
        canvas.fill(box)
        Box("Keys — Esc closes, ↑↓ scroll", role: .accent).draw(box, into: &canvas)
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
        return nil
    }
}
