import KneadCore

extension KneadApp {
    /// The small menus of the treatment screen: pressure levels after `p`, body areas after `g`.
    func renderTreatmentMenu(_ overlay: LegacyOverlay, into canvas: inout Canvas) {
        switch overlay {
        case .pressureMenu:
            let box = centered(width: 36, height: 9)
            canvas.fill(box)
            drawBox(box, title: "Pressure — press 0–5", into: &canvas, role: .accent)
            let current = session?.activeWork?.pressure ?? treatment.pressure
            for pressure in Pressure.allCases {
                let y = box.y + 1 + pressure.rawValue
                canvas.put("\(pressure.rawValue)", x: box.x + 2, y: y, role: .hintKey)
                let g = canvas.put(pressureGauge(pressure), x: box.x + 4, y: y, role: pressureRole(pressure))
                canvas.put(" " + pressure.label + (pressure == current ? "  ◂ now" : ""), x: box.x + 4 + g, y: y,
                           role: pressure == current ? .selected : .normal, maxWidth: box.width - 6 - g)
            }
            canvas.put("Esc cancels", x: box.x + 2, y: box.maxY - 2, role: .muted)
        case .regionJump:
            let letters = BodyMap.areaLetters
            let perColumn = (letters.count + 1) / 2
            let box = centered(width: 50, height: perColumn + 3)
            canvas.fill(box)
            drawBox(box, title: "Go to — press a letter", into: &canvas, role: .accent)
            for (i, entry) in letters.enumerated() {
                let x = box.x + 2 + (i / perColumn) * 24
                let y = box.y + 1 + i % perColumn
                canvas.put(String(entry.1), x: x, y: y, role: .hintKey)
                canvas.put(entry.0.name, x: x + 2, y: y, role: entry.0 == treatment.selected.area ? .selected : .normal, maxWidth: 20)
            }
            canvas.put("again flips left/right · Esc cancels", x: box.x + 2, y: box.maxY - 2, role: .muted)
        default:
            break
        }
    }
}
