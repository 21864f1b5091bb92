import Foundation
import KneadCore

extension TreatmentPanels {
    /// The timeline panel: newest at the bottom, scrolled back by PgUp or `[`.
    func renderTimeline(into canvas: inout Canvas, _ box: Rect) {
        let state = session
        // Which events make a row is known from their kind; only the rows on screen are formatted.
        let entries = state.events.indices.filter { Self.hasRow(state.events[$0].change) }
        let rows = max(0, box.height - 2)
        let maxScroll = max(0, entries.count - rows)
        let scroll = min(screen.timelineScroll, maxScroll)
        let title = scroll > 0 ? "Timeline — \(scroll) newer below, ] or PgDn" : "Timeline"
        Box(title).draw(box, into: &canvas)
        let end = entries.count - scroll
        let shown = entries[max(0, end - rows)..<end]
        for (i, position) in shown.enumerated() {
            guard let entry = timelineLine(at: position) else { continue }
            canvas.put(entry.0, x: box.x + 2, y: box.y + 1 + i, role: .muted)
            canvas.put(entry.1, x: box.x + 8, y: box.y + 1 + i, role: entry.2, maxWidth: box.width - 10)
        }
        if end - rows > 0 {
            canvas.put(" ↑ \(end - rows) earlier ", x: box.maxX - 16, y: box.maxY - 1, role: .muted)
        }
    }

    /// The timeline row of the event at a position, if it has one: time, text, style. An undone
    /// entry stays, marked.
    func timelineLine(at position: Int) -> (String, String, StyleRole)? {
        let state = session
        guard let text = timelineText(state, at: position) else { return nil }
        let event = state.events[position]
        let role: StyleRole = event.change.isVoidEvent || state.isVoided(position) ? .muted : role(of: event.change)
        return (formatting.time(event.at), text, role)
    }

    private func timelineText(_ state: SessionState, at position: Int) -> String? {
        let change = state.events[position].change
        if change.isVoidEvent { return "↶ undo" }
        guard let text = Self.describe(change, catalog: catalog) else { return nil }
        return state.isVoided(position) ? text + " — undone" : text
    }

    /// Whether a change has a timeline row (``describe(_:catalog:)`` is not nil for it, or it is an
    /// undo), told from its kind without putting its words together: a long session's frame looks
    /// at every event.
    static func hasRow(_ change: SessionChange) -> Bool {
        switch change {
        case .started, .treatmentBegan, .workStarted, .workEnded, .pressureChanged, .techniqueChanged, .checkedIn,
             .noted, .treatmentEnded, .contraindicationOverridden, .redFlagsAcknowledged, .unreadable, .voided:
            return true
        case .assessed, .aftercareRecorded, .signed, .amended, .historyReviewed, .rescheduled, .screeningSkipped,
             .outcomeMeasured, .goalWorkedOn:
            return false
        }
    }

    /// A change in a few words, as the timeline and the undo message show it.
    static func describe(_ change: SessionChange, catalog: TechniqueCatalog) -> String? {
        switch change {
        case .started: return "session started"
        case .treatmentBegan: return "treatment begun"
        case .workStarted(let work):
            return "\(work.region.shortName) · \(catalog.name(of: work.technique)) · P\(work.pressure.rawValue)"
                + (work.avoidConfirmed ? " ⚠ avoid region confirmed" : "")
                + (work.cautionConfirmed ? " ⚠ deep confirmed" : "")
        case .workEnded(let region): return "ended \(region.shortName)"
        case .pressureChanged(let pressure, let confirmed):
            return "pressure → \(pressure.rawValue) \(pressure.label)" + (confirmed ? " ⚠ confirmed" : "")
        case .techniqueChanged(let technique): return "technique → \(catalog.name(of: technique))"
        case .checkedIn(let checkIn): return "pain \(checkIn.score.value)" + (checkIn.region.map { " · \($0.shortName)" } ?? "")
        case .noted(let text): return "finding: " + text
        case .treatmentEnded: return "treatment ended"
        case .contraindicationOverridden(let override): return "override: " + override.reason
        case .redFlagsAcknowledged: return "red flags acknowledged"
        case .unreadable(let entry): return "entry \(entry.seq) cannot be read"
        case .assessed, .aftercareRecorded, .signed, .amended, .voided, .historyReviewed, .rescheduled, .screeningSkipped: return nil
        case .outcomeMeasured, .goalWorkedOn: return nil
        }
    }

    private func role(of change: SessionChange) -> StyleRole {
        switch change {
        case .workStarted, .techniqueChanged: .normal
        case .pressureChanged(let pressure, _): pressureRole(pressure)
        case .checkedIn(let checkIn): painRole(checkIn.score)
        case .noted: .accent
        case .contraindicationOverridden, .redFlagsAcknowledged: .warning
        default: .muted
        }
    }
}

private extension SessionChange {
    var isVoidEvent: Bool { if case .voided = self { true } else { false } }
}

/// Pain scores as a row of block characters, one per check-in.
func sparkline(_ scores: [PainScore]) -> String {
    let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    return String(scores.suffix(24).map { blocks[min(7, ($0.value * 7 + 5) / 10)] })
}
