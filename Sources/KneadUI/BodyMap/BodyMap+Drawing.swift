import Foundation
import KneadCore

/// What the map shows about one region during a session.
struct RegionMarks: Hashable, Sendable {
    /// The first and the latest score: from check-ins in this region, else the intake baseline.
    var firstPain: PainScore?
    var latestPain: PainScore?
    var worked = false
    var active = false
    var avoid = false
    var caution = false
    var seconds: TimeInterval = 0

    /// What the map draws of a region's marks (minutes are not drawn).
    struct Look: Hashable, Sendable {
        var pain: Int?
        var worked: Bool
        var active: Bool
        var avoid: Bool
    }

    var look: Look { Look(pain: latestPain?.value, worked: worked, active: active, avoid: avoid) }
}

/// The figures drawn once and kept while nothing they show changes, so that a key that only
/// moves the highlight copies cells instead of drawing the whole map again.
struct BodyMapPicture: Hashable, Sendable {
    /// What the picture shows: the scale and each marked region's look.
    struct Key: Hashable, Sendable {
        var scale: Int
        var looks: [Region: RegionMarks.Look]
    }
    let key: Key
    let canvas: Canvas
}

extension SessionState {
    /// The marks of every region that has one, up to `now`.
    func regionMarks(upTo now: Date) -> [Region: RegionMarks] {
        // Drawn at every frame: room for a busy session's regions from the start, not grown.
        var marks: [Region: RegionMarks] = Dictionary(minimumCapacity: 32)
        for pain in assessment?.painfulRegions ?? [] {
            marks[pain.region, default: RegionMarks()].firstPain = pain.score
            marks[pain.region, default: RegionMarks()].latestPain = pain.score
        }
        for checkIn in checkIns {
            guard let region = checkIn.value.region else { continue }
            if marks[region]?.firstPain == nil { marks[region, default: RegionMarks()].firstPain = checkIn.value.score }
            marks[region, default: RegionMarks()].latestPain = checkIn.value.score
        }
        for (region, seconds) in secondsByRegion(upTo: now) {
            marks[region, default: RegionMarks()].worked = true
            marks[region, default: RegionMarks()].seconds = seconds
        }
        if let active = activeWork?.region { marks[active, default: RegionMarks()].active = true }
        for region in regionsToAvoid { marks[region, default: RegionMarks()].avoid = true }
        for region in assessment?.cautionRegions ?? [] { marks[region, default: RegionMarks()].caution = true }
        return marks
    }
}

extension BodyMap {
    /// The glyphs of the map, so that it reads without colour too.
    enum Glyph {
        static let plain: Character = "░"
        static let worked: Character = "▓"
        static let selected: Character = "█"
        static let avoid: Character = "×"
        static let active: Character = "●"
        static let outline: Character = "·"
    }

    /// Draws both figures with their top-left at `origin`, each cell of the masks `scale`×`scale`,
    /// and the side labels on the row beneath. A region's patch is coloured by its latest pain band
    /// (or as worked), crossed out when it is to be avoided, filled solid when selected; its latest
    /// score sits in the patch and a dot marks the region being worked.
    func draw(marks: [Region: RegionMarks], selected: Region?, into canvas: inout Canvas, at origin: Point, scale: Int) {
        let s = max(1, scale)
        for spot in outline { block(spot, Glyph.outline, .border, into: &canvas, at: origin, scale: s) }
        for region in Region.all {
            drawPatch(region, marks[region] ?? RegionMarks(), selected: region == selected, into: &canvas, at: origin, scale: s)
        }
        let labelY = origin.y + Self.height * s
        let figureWidth = 14 * s
        for (text, x) in [("R ◂ front ▸ L", 0), ("L ◂ back ▸ R", Self.backOffset * s)] {
            let w = DisplayWidth.of(text)
            canvas.put(text, x: origin.x + x + max(0, (figureWidth - w) / 2), y: labelY, role: .muted)
        }
    }

    /// Draws one region's patch.
    func drawPatch(_ region: Region, _ mark: RegionMarks, selected: Bool, into canvas: inout Canvas, at origin: Point, scale: Int) {
        let s = max(1, scale)
        guard let patch = spots[region], let anchor = patch.first else { return }
        let role: StyleRole = selected ? .selected
            : mark.avoid ? .danger
            : mark.latestPain.map(painRole) ?? (mark.worked ? .accent : .muted)
        let glyph = selected ? Glyph.selected : mark.avoid ? Glyph.avoid : mark.worked ? Glyph.worked : Glyph.plain
        for spot in patch { block(spot, glyph, role, into: &canvas, at: origin, scale: s) }
        // Inside the patch: the latest score at its first cell, the dot of current work beside it.
        let centre = (s - 1) / 2
        if let pain = mark.latestPain {
            canvas.put(pain.value == 10 ? "!" : String(pain.value), x: origin.x + anchor.x * s + centre,
                       y: origin.y + anchor.y * s + centre, role: role)
        }
        if mark.active, patch.count > 1 {
            canvas.put(String(Glyph.active), x: origin.x + patch[1].x * s + centre, y: origin.y + patch[1].y * s + centre, role: role)
        }
    }

    /// A spot's `s`×`s` cells of one glyph, filled row by row (every glyph is one column, a
    /// scalar of its own and no letter: a row off the edge is clipped, as `put` would).
    private func block(_ spot: Spot, _ glyph: Character, _ role: StyleRole, into canvas: inout Canvas, at origin: Point, scale s: Int) {
        let cell = Cell(text: String(glyph), width: 1, role: role)
        for row in 0..<s { canvas.fill(cell, x: origin.x + spot.x * s, y: origin.y + spot.y * s + row, count: s) }
    }

    /// Columns and rows the figures and their label row take at a scale.
    static func size(scale: Int) -> (width: Int, height: Int) {
        (width * max(1, scale), height * max(1, scale) + 1)
    }
}
