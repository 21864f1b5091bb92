import Foundation
import KneadCore

/// What the treatment screen remembers between keys: the highlighted region and what the next
/// work will use when no region is being worked.
struct TreatmentState: Hashable, Sendable {
    var selection = 0
    var technique = Technique("effleurage")
    var pressure = Pressure.swedish

    init() {}

    /// Starts on the first painful region, with the client's preferred pressure.
    init(state: SessionState) {
        if let active = state.activeWork {
            selection = Region.all.firstIndex(of: active.region) ?? 0
            technique = active.technique
            pressure = active.pressure
        } else {
            if let first = state.assessment?.painfulRegions.first?.region {
                selection = Region.all.firstIndex(of: first) ?? 0
            }
            pressure = state.assessment?.pressurePreference ?? .swedish
        }
    }

    var selectedRegion: Region { Region.all[selection] }
}

extension KneadApp {
    func treatmentAction(_ action: Action) {
        guard let state = session else { return }
        switch action {
        case .moveUp:
            treatment.selection = (treatment.selection + Region.all.count - 1) % Region.all.count
        case .moveDown:
            treatment.selection = (treatment.selection + 1) % Region.all.count
        case .startWork:
            let work = RegionWork(region: treatment.selectedRegion, technique: state.activeWork?.technique ?? treatment.technique,
                                  pressure: state.activeWork?.pressure ?? treatment.pressure)
            run(.startWork(work), success: "Working on the \(work.region.name).")
        case .endWork:
            if let region = state.activeWork?.region {
                run(.endWork, success: "Ended work on the \(region.name).")
            } else {
                status = StatusMessage(text: "No region is being worked.", kind: .info)
            }
        case .pressureUp, .pressureDown:
            let current = state.activeWork?.pressure ?? treatment.pressure
            guard let next = action == .pressureUp ? current.firmer : current.lighter else {
                status = StatusMessage(text: "Pressure is already \(current).", kind: .info)
                return
            }
            if state.activeWork != nil {
                run(.changePressure(next, confirmed: false), success: "Pressure \(next).")
                treatment.pressure = session?.activeWork?.pressure ?? treatment.pressure
            } else {
                treatment.pressure = next
                status = StatusMessage(text: "Next work starts at \(next).", kind: .info)
            }
        case .chooseTechnique:
            overlays.append(.techniqueMenu)
        case .checkIn(let score):
            let region = state.activeWork?.region
            guard execute(.checkIn(score: score, region: region)) == nil else { return }
            status = checkInMessage(score: score, region: region)
        case .quickNote:
            overlays.append(.quickNote(TextField(limit: 500)))
        case .endTreatment:
            overlays.append(.confirm("End treatment and go to aftercare? Work on the current region ends now.", .endTreatment))
        case .back:
            closeSession()
        default:
            break
        }
    }

    func chooseTechnique(_ info: TechniqueInfo) {
        treatment.technique = info.technique
        if session?.activeWork != nil {
            run(.changeTechnique(info.technique), success: "Technique: \(info.name).")
        } else {
            status = StatusMessage(text: "Next work uses \(info.name).", kind: .info)
        }
    }

    /// Executes a command; a deep-pressure caution asks first.
    private func run(_ command: SessionCommand, success: String) {
        guard let rejection = execute(command) else {
            status = StatusMessage(text: success, kind: .info)
            return
        }
        if rejection.needsConfirmation {
            overlays.append(.confirm(rejection.reason + " Go ahead?", .deepPressure(command)))
        }
    }

    private func checkInMessage(score: Int, region: Region?) -> StatusMessage {
        let whereText = region.map { " in the \($0.name)" } ?? ""
        if session?.suggestsLighterPressure(score: score, region: region) == true {
            return StatusMessage(text: "Pain \(score)\(whereText) — lighten the pressure?", kind: .warning)
        }
        return StatusMessage(text: "Pain \(score)\(whereText) logged.", kind: .info)
    }

    // MARK: Drawing

    func renderTreatment(into canvas: inout Canvas, _ body: Rect) {
        guard let state = session else { return }
        let now = clock.now()
        let rightWidth = max(30, body.width * 2 / 5)
        let left = Rect(x: body.x, y: body.y, width: body.width - rightWidth, height: body.height)
        let right = Rect(x: left.maxX, y: body.y, width: rightWidth, height: body.height)
        let nowBox = Rect(x: left.x, y: left.y, width: left.width, height: 8)
        let timelineBox = Rect(x: left.x, y: nowBox.maxY, width: left.width, height: left.height - nowBox.height)

        drawBox(nowBox, title: "Now", into: &canvas, role: .accent)
        let x = nowBox.x + 2
        let valueX = x + 11
        let valueWidth = nowBox.width - 14
        let active = state.activeWork
        canvas.put("Region", x: x, y: nowBox.y + 1, role: .muted)
        canvas.put(active?.region.name ?? "none — Enter starts work", x: valueX, y: nowBox.y + 1,
                   role: active == nil ? .muted : .title, maxWidth: valueWidth)
        canvas.put("Technique", x: x, y: nowBox.y + 2, role: .muted)
        canvas.put(catalog.name(of: active?.technique ?? treatment.technique) + (active == nil ? " (next)" : ""),
                   x: valueX, y: nowBox.y + 2, role: active == nil ? .muted : .normal, maxWidth: valueWidth)
        let pressure = active?.pressure ?? treatment.pressure
        canvas.put("Pressure", x: x, y: nowBox.y + 3, role: .muted)
        let g = canvas.put(pressureGauge(pressure), x: valueX, y: nowBox.y + 3, role: pressureRole(pressure))
        canvas.put(" \(pressure.rawValue) \(pressure.label)", x: valueX + g, y: nowBox.y + 3, role: pressureRole(pressure),
                   maxWidth: valueWidth - g)
        canvas.put("Pain", x: x, y: nowBox.y + 4, role: .muted)
        if let latest = state.latestPain {
            let n = canvas.put("\(latest.value)/10", x: valueX, y: nowBox.y + 4, role: painRole(latest))
            let trend = sparkline(state.checkIns.map(\.value.score))
            canvas.put(trend.isEmpty ? "  (intake)" : "  " + trend, x: valueX + n, y: nowBox.y + 4, role: .accent,
                       maxWidth: valueWidth - n)
        } else {
            canvas.put("no score yet — press 0–9, x for 10", x: valueX, y: nowBox.y + 4, role: .muted, maxWidth: valueWidth)
        }
        renderTimer(state, now: now, into: &canvas, x: x, y: nowBox.y + 6, width: nowBox.width - 4)

        drawBox(timelineBox, title: "Timeline", into: &canvas)
        let entries = timelineLines(state)
        let rows = timelineBox.height - 2
        for (i, entry) in entries.suffix(rows).enumerated() {
            canvas.put(entry.0, x: timelineBox.x + 2, y: timelineBox.y + 1 + i, role: .muted)
            canvas.put(entry.1, x: timelineBox.x + 8, y: timelineBox.y + 1 + i, role: entry.2,
                       maxWidth: timelineBox.width - 10)
        }
        renderRegionList(state, now: now, into: &canvas, right)
    }

    private func renderTimer(_ state: SessionState, now: Date, into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let elapsed = state.elapsedSeconds(at: now)
        let planned = TimeInterval(state.plannedMinutes * 60)
        let remaining = planned - elapsed
        let text = "\(Formatting.clock(elapsed)) / \(Formatting.clock(planned))"
        let role: StyleRole = remaining <= 0 ? .timerOver : .timer
        canvas.put("Time", x: x, y: y, role: .muted)
        let n = canvas.put(text, x: x + 11, y: y, role: role)
        let barWidth = max(0, width - 11 - n - 2)
        let filled = planned > 0 ? min(barWidth, Int(Double(barWidth) * elapsed / planned)) : 0
        canvas.put(String(repeating: "━", count: filled), x: x + 11 + n + 2, y: y, role: role)
        canvas.put(String(repeating: "─", count: barWidth - filled), x: x + 11 + n + 2 + filled, y: y, role: .border)
        if remaining <= 0 {
            canvas.put(" over time ", x: x + 11 + n + 2, y: y, role: .timerOver)
        } else if remaining <= 300 {
            canvas.put(" \(Int((remaining / 60).rounded(.up))) min left ", x: x + 11 + n + 2, y: y, role: .warning)
        }
    }

    private func renderRegionList(_ state: SessionState, now: Date, into canvas: inout Canvas, _ box: Rect) {
        drawBox(box, title: "Regions", into: &canvas)
        let rows = box.height - 2
        let regions = Region.all
        let first = min(max(0, treatment.selection - rows / 2), max(0, regions.count - rows))
        let seconds = state.secondsByRegion(upTo: now)
        for (offset, region) in regions.dropFirst(first).prefix(rows).enumerated() {
            let index = first + offset
            let y = box.y + 1 + offset
            let selected = index == treatment.selection
            let working = state.activeWork?.region == region
            let caution = state.isCautionRegion(region)
            let marker = working ? "● " : (selected ? "▸ " : "  ")
            let nameRole: StyleRole = selected ? .selected : (working ? .accent : (caution ? .warning : .normal))
            let nameWidth = box.width - 12
            canvas.put(marker + pad(region.shortName + (caution ? " ⚠" : ""), nameWidth - 2), x: box.x + 1, y: y, role: nameRole)
            let pain = state.checkIns(for: region).last?.value.score ?? state.assessment?.baseline(for: region)
            if let pain {
                canvas.put(String(format: "%2d", pain.value), x: box.x + 1 + nameWidth, y: y, role: painRole(pain))
            }
            if let s = seconds[region], s > 0 {
                canvas.put(String(format: "%3dm", Int(s / 60)), x: box.x + 4 + nameWidth, y: y, role: .muted)
            }
        }
    }

    /// The session's events as timeline rows: time, text, style.
    func timelineLines(_ state: SessionState) -> [(String, String, StyleRole)] {
        state.events.compactMap { event in
            let time = formatting.time(event.at)
            switch event.change {
            case .started: return (time, "session started", .muted)
            case .assessed: return nil
            case .treatmentBegan: return (time, "treatment begun", .muted)
            case .workStarted(let work):
                return (time, "\(work.region.shortName) · \(catalog.name(of: work.technique)) · P\(work.pressure.rawValue)"
                        + (work.avoidConfirmed ? " ⚠ avoid region confirmed" : "")
                        + (work.cautionConfirmed ? " ⚠ deep confirmed" : ""), .normal)
            case .workEnded(let region): return (time, "ended \(region.shortName)", .muted)
            case .pressureChanged(let pressure, let confirmed):
                return (time, "pressure → \(pressure.rawValue) \(pressure.label)" + (confirmed ? " ⚠ confirmed" : ""),
                        pressureRole(pressure))
            case .techniqueChanged(let technique): return (time, "technique → \(catalog.name(of: technique))", .normal)
            case .checkedIn(let checkIn):
                return (time, "pain \(checkIn.score.value)" + (checkIn.region.map { " · \($0.shortName)" } ?? ""),
                        painRole(checkIn.score))
            case .noted(let text): return (time, "note: " + text, .accent)
            case .treatmentEnded: return (time, "treatment ended", .muted)
            case .contraindicationOverridden(let override): return (time, "override: " + override.reason, .warning)
            case .redFlagsAcknowledged: return (time, "red flags acknowledged", .warning)
            case .aftercareRecorded, .signed, .amended, .historyReviewed, .rescheduled: return nil
            }
        }
    }
}

/// Pain scores as a row of block characters, one per check-in.
func sparkline(_ scores: [PainScore]) -> String {
    let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    return String(scores.suffix(24).map { blocks[min(7, ($0.value * 7 + 5) / 10)] })
}
