import Synchronization

extension BodyMap {
    /// One entry of the legend: the mark, and what it means in a few words and in fewer.
    struct LegendEntry: Hashable, Sendable {
        var mark: String
        var words: String
        var short: String
    }

    /// Every mark the map and the line under it draw, with its meaning. A test keeps it in step
    /// with ``Glyph``.
    static let legend: [LegendEntry] = [
        LegendEntry(mark: String(Glyph.plain), words: "not worked", short: "to do"),
        LegendEntry(mark: String(Glyph.worked), words: "worked", short: "worked"),
        LegendEntry(mark: String(Glyph.active), words: "now", short: "now"),
        LegendEntry(mark: String(Glyph.avoid), words: "avoid", short: "avoid"),
        LegendEntry(mark: String(Glyph.selected), words: "selected", short: "here"),
        LegendEntry(mark: "⚠", words: "caution", short: "caution"),
        LegendEntry(mark: String(Glyph.outline), words: "outline, no region", short: "edge"),
        LegendEntry(mark: "6", words: "pain (! 10)", short: "pain"),
    ]

    /// The legend in lines of at most `width` columns, in at most `maxLines` lines: in words,
    /// two spaces apart, where that fits; else in short words one space apart; else as many
    /// lines of the short form as there is room for.
    ///
    /// The legend never changes, so the lines of a size are worked out once and kept: the map's
    /// panel asks at every frame, and flowing the legend was a tenth of a body-map key's frame.
    static func legendLines(width: Int, maxLines: Int) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        let size = LegendSize(width: width, maxLines: maxLines)
        if let kept = legendKept.withLock({ $0[size] }) { return kept }
        let lines = flowLegend(width: width, maxLines: maxLines)
        legendKept.withLock { kept in
            // A few sizes in a run: a terminal resized over and over starts the table again.
            if kept.count >= 64 { kept.removeAll() }
            kept[size] = lines
        }
        return lines
    }

    private struct LegendSize: Hashable { var width: Int, maxLines: Int }

    private static let legendKept = Mutex<[LegendSize: [String]]>([:])

    static func flowLegend(width: Int, maxLines: Int) -> [String] {
        let roomy = flow(legend.map { "\($0.mark) \($0.words)" }, separator: "  ", width: width)
        if roomy.count <= maxLines { return roomy }
        return Array(flow(legend.map { "\($0.mark) \($0.short)" }, separator: " ", width: width).prefix(maxLines))
    }

    /// Items joined by a separator, broken into lines of at most `width` columns.
    private static func flow(_ items: [String], separator: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        let separatorWidth = DisplayWidth.of(separator)
        for item in items {
            let itemWidth = DisplayWidth.of(item)
            if line.isEmpty {
                line = item
                lineWidth = itemWidth
            } else if lineWidth + separatorWidth + itemWidth > width {
                lines.append(line)
                line = item
                lineWidth = itemWidth
            } else {
                line += separator + item
                lineWidth += separatorWidth + itemWidth
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
