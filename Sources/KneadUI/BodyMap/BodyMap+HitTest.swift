import KneadCore

extension BodyMap {
    /// The region drawn at a cell, when the figures are drawn at `origin` with `scale`; nil for
    /// the outline, the gaps and anything outside the figures.
    func region(at point: Point, origin: Point, scale: Int) -> Region? {
        let s = max(1, scale)
        let dx = point.x - origin.x, dy = point.y - origin.y
        guard dx >= 0, dy >= 0 else { return nil }
        let spot = (x: dx / s, y: dy / s)
        return spots.first { _, patch in patch.contains { $0.x == spot.x && $0.y == spot.y } }?.key
    }
}
