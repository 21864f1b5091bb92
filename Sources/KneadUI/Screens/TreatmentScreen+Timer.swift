import Foundation
import KneadCore

/// Digits five rows tall, readable from across the room.
enum BigDigits {
    static let rows = 5
    private static let glyphs: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"],
        "1": [" ██", "  █", "  █", "  █", "  █"],
        "2": ["███", "  █", "███", "█  ", "███"],
        "3": ["███", "  █", "███", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"],
        "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"],
        "7": ["███", "  █", "  █", "  █", "  █"],
        "8": ["███", "█ █", "███", "█ █", "███"],
        "9": ["███", "█ █", "███", "  █", "███"],
        ":": [" ", "▪", " ", "▪", " "],
    ]

    /// The five rows of a text of digits and colons, a blank column between characters.
    static func lines(_ text: String) -> [String] {
        (0..<rows).map { row in
            text.compactMap { glyphs[$0]?[row] }.joined(separator: " ")
        }
    }

    /// Columns the text takes.
    static func width(_ text: String) -> Int { lines(text).first.map { DisplayWidth.of($0) } ?? 0 }
}

extension TreatmentPanels {
    /// The large timer: elapsed time in big digits, the planned length, what is left and a bar.
    func renderBigTimer(into canvas: inout Canvas, _ box: Rect) {
        let state = session
        let elapsed = state.elapsedSeconds(at: now)
        let planned = TimeInterval(state.plannedMinutes * 60)
        let over = planned > 0 && elapsed >= planned
        let endingSoon = minutesToPlannedEnd != nil
        Box("Time", role: over ? .timerOver : endingSoon ? .warning : .border).draw(box, into: &canvas)
        let text = Formatting.clock(elapsed)
        let digitsX = box.x + 2
        for (i, line) in BigDigits.lines(text).enumerated() {
            canvas.put(line, x: digitsX, y: box.y + 1 + i, role: over ? .timerOver : .timer, maxWidth: box.width - 4)
        }
        let x = digitsX + BigDigits.width(text) + 3
        let w = box.maxX - 2 - x
        guard w >= 12 else { return }
        canvas.put("of \(state.plannedMinutes) min planned", x: x, y: box.y + 1, role: .muted, maxWidth: w)
        let left = Int(((planned - elapsed) / 60).rounded(.up))
        let (remark, role): (String, StyleRole) = over ? (elapsed - planned >= 60 ? "over by \(Int((elapsed - planned) / 60)) min" : "at the planned end", .timerOver)
            : endingSoon ? ("◷ \(left) min left — plan the end", .warning) : ("\(left) min left", .normal)
        canvas.put(remark, x: x, y: box.y + 2, role: role, maxWidth: w)
        if let active = state.activeWork, let since = state.segments.last(where: { $0.to == nil && $0.work.region == active.region }) {
            let onRegion = state.secondsByRegion(upTo: now)[active.region] ?? since.seconds(upTo: now)
            canvas.put("\(Int(onRegion / 60)) min on the \(active.region.name)", x: x, y: box.y + 3, role: .muted, maxWidth: w)
        }
        drawBar(elapsed: elapsed, planned: planned, into: &canvas, x: x, y: box.y + 5, width: w, role: over ? .timerOver : .timer)
    }

    /// The one-line timer of narrow terminals: elapsed against planned, a bar and the end cue.
    func renderTimerLine(into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let state = session
        let elapsed = state.elapsedSeconds(at: now)
        let planned = TimeInterval(state.plannedMinutes * 60)
        let remaining = planned - elapsed
        let text = "\(Formatting.clock(elapsed)) / \(Formatting.clock(planned))"
        let role: StyleRole = remaining <= 0 ? .timerOver : .timer
        canvas.put("Time", x: x, y: y, role: .muted)
        let n = canvas.put(text, x: x + 11, y: y, role: role)
        let barX = x + 11 + n + 2
        drawBar(elapsed: elapsed, planned: planned, into: &canvas, x: barX, y: y, width: max(0, width - 11 - n - 2), role: role)
        if remaining <= 0 {
            canvas.put(" over time ", x: barX, y: y, role: .timerOver)
        } else if remaining <= 300 {
            canvas.put(" \(Int((remaining / 60).rounded(.up))) min left ", x: barX, y: y, role: .warning)
        }
    }

    private func drawBar(elapsed: TimeInterval, planned: TimeInterval, into canvas: inout Canvas, x: Int, y: Int,
                         width: Int, role: StyleRole) {
        guard width > 0 else { return }
        let filled = planned > 0 ? min(width, Int(Double(width) * elapsed / planned)) : 0
        canvas.put(String(repeating: "━", count: filled), x: x, y: y, role: role)
        canvas.put(String(repeating: "─", count: width - filled), x: x + filled, y: y, role: .border)
    }
}
