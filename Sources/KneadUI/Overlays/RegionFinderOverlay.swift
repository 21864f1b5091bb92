import KneadCore

/// A searchable list of body regions, for adding a painful, flagged or avoided region to a form:
/// type to narrow, move, choose; a painful region then asks for its pain score.
final class RegionFinderOverlay: Overlay {
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

    let purpose: Purpose
    var filter = TextField()
    var cursor = ListCursor()
    var stage: Stage = .choosing
    /// Regions already in the field; they are not offered again.
    let excluded: Set<Region>
    /// What choosing does: the region, with its pain score when the purpose is `.painful`.
    let chosen: (Region, PainScore?, ScreenEnvironment) -> Void

    init(purpose: Purpose, excluded: Set<Region>, chosen: @escaping (Region, PainScore?, ScreenEnvironment) -> Void) {
        self.purpose = purpose
        self.excluded = excluded
        self.chosen = chosen
    }

    /// Regions the typed words name, head to foot: by the region's name ("low" → "low back"),
    /// by a muscle therapists name ("ham", "IT band"); "l" and "r" alone mean left and right.
    var matches: [Region] {
        Region.matching(filter.text, among: Region.all.filter { !excluded.contains($0) })
    }

    var keyContext: KeyContext {
        if case .scoring = stage { return .regionPain }
        return .regionFinder
    }

    /// Typing narrows the list; the finder's own keys (arrows, Enter, Esc) act first.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        guard stage == .choosing, action(for: key, env) == nil else { return false }
        if filter.handle(key) == .edited { cursor.selection = 0 }
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        if case .scoring(let region) = stage {
            switch action {
            case .back: stage = .choosing
            case .checkIn(let value):
                guard let score = PainScore(value) else { return }
                env.pop(self)
                chosen(region, score, env)
            default: break
            }
            return
        }
        let matches = self.matches
        switch action {
        case .back: env.pop(self)
        case .moveUp: cursor.move(-1, count: matches.count)
        case .moveDown: cursor.move(1, count: matches.count)
        case .choose:
            guard matches.indices.contains(cursor.selection) else { return }
            let region = matches[cursor.selection]
            if purpose == .painful {
                stage = .scoring(region)
            } else {
                env.pop(self)
                chosen(region, nil, env)
            }
        default: break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let box = env.centered(width: 50, height: min(rect.height - 4, 20))
        canvas.fill(box)
        Box(purpose.title, role: .accent).draw(box, into: &canvas)
        if case .scoring(let region) = stage {
            canvas.put("Pain in the \(region.name):", x: box.x + 2, y: box.y + 2, role: .title, maxWidth: box.width - 4)
            canvas.put("press 0–9, or x for 10", x: box.x + 2, y: box.y + 4, role: .normal)
            canvas.put("Esc goes back", x: box.x + 2, y: box.y + 6, role: .muted)
            return nil
        }
        canvas.put("Find:", x: box.x + 2, y: box.y + 1, role: .muted)
        let textCursor = filter.render(into: &canvas, rect: Rect(x: box.x + 8, y: box.y + 1, width: box.width - 10, height: 1),
                                       role: .inputFocused)
        let matches = self.matches
        let window = cursor.window(rows: box.height - 4, count: matches.count)
        for index in window {
            let selected = cursor.isSelected(index)
            canvas.put((selected ? "▸ " : "  ") + matches[index].name, x: box.x + 2, y: box.y + 3 + index - window.lowerBound,
                       role: selected ? .selected : .normal, maxWidth: box.width - 4)
        }
        if matches.isEmpty {
            canvas.put("No region matches.", x: box.x + 2, y: box.y + 3, role: .muted)
        }
        return textCursor
    }
}
