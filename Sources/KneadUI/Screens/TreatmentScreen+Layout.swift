import Foundation
import KneadCore
import Synchronization

/// Where the panels of the treatment screen go at a size. The body map takes the right; on 100
/// columns or more a large timer and a per-region summary join the Now panel and the timeline.
struct TreatmentLayout: Hashable, Sendable {
    /// Terminals this wide or wider get the large-digit timer.
    static let bigTimerWidth = 100

    let scale: Int
    let map: Rect
    let timer: Rect?
    let now: Rect
    let regions: Rect?
    let timeline: Rect

    init(body: Rect) {
        let leftMinimum = 46
        var scale = 1
        for s in stride(from: 4, through: 1, by: -1) where BodyMap.width * s + 4 <= body.width - leftMinimum
            && BodyMap.height * s + 6 <= body.height {
            scale = s
            break
        }
        self.scale = scale
        let mapWidth = min(body.width - leftMinimum, BodyMap.width * scale + 4)
        map = Rect(x: body.maxX - mapWidth, y: body.y, width: mapWidth, height: body.height)
        let left = Rect(x: body.x, y: body.y, width: body.width - mapWidth, height: body.height)
        if body.width >= Self.bigTimerWidth {
            let timer = Rect(x: left.x, y: left.y, width: left.width, height: 7)
            now = Rect(x: left.x, y: timer.maxY, width: left.width, height: 7)
            let rest = left.maxY - now.maxY
            let regions = Rect(x: left.x, y: now.maxY, width: left.width, height: min(14, rest / 2))
            self.timer = timer
            self.regions = regions
            timeline = Rect(x: left.x, y: regions.maxY, width: left.width, height: left.maxY - regions.maxY)
        } else {
            timer = nil
            regions = nil
            now = Rect(x: left.x, y: left.y, width: left.width, height: 8)
            timeline = Rect(x: left.x, y: now.maxY, width: left.width, height: left.maxY - now.maxY)
        }
    }
}

/// The panels of the treatment screen, each a function of the session, what the screen
/// remembers and a rectangle: they draw into any canvas, so each is tested on a small one.
struct TreatmentPanels {
    let session: SessionState
    let screen: TreatmentState
    let now: Date
    let catalog: TechniqueCatalog
    let keymap: Keymap
    let formatting: Formatting
    /// Minutes of work without a check-in before the Now panel asks for one.
    var checkInReminderMinutes = 5

    /// The first key that does an action on the treatment screen, as people read it.
    func keyLabel(_ action: Action) -> String { keymap.keyLabel(action, in: .treatment) }

    /// The Now panel: region, technique, pressure and pain of the work going on (or of the next
    /// work), a cue, and on narrow terminals the one-line timer.
    func renderNow(into canvas: inout Canvas, _ box: Rect, withTime: Bool) {
        let state = session
        Box("Now", role: .accent).draw(box, into: &canvas)
        let x = box.x + 2
        let valueX = x + 11
        let valueWidth = box.width - 14
        let active = state.activeWork
        canvas.put("Region", x: x, y: box.y + 1, role: .muted)
        canvas.put(active?.region.name ?? "none — \(keyLabel(.startWork)) starts work", x: valueX, y: box.y + 1,
                   role: active == nil ? .muted : .title, maxWidth: valueWidth)
        canvas.put("Technique", x: x, y: box.y + 2, role: .muted)
        canvas.put(catalog.name(of: active?.technique ?? screen.technique) + (active == nil ? " (next)" : ""),
                   x: valueX, y: box.y + 2, role: active == nil ? .muted : .normal, maxWidth: valueWidth)
        let pressure = active?.pressure ?? screen.pressure
        canvas.put("Pressure", x: x, y: box.y + 3, role: .muted)
        let g = canvas.put(pressureGauge(pressure), x: valueX, y: box.y + 3, role: pressureRole(pressure))
        canvas.put(" \(pressure.rawValue) \(pressure.label)", x: valueX + g, y: box.y + 3, role: pressureRole(pressure),
                   maxWidth: valueWidth - g)
        canvas.put("Pain", x: x, y: box.y + 4, role: .muted)
        if let latest = state.latestPain {
            let n = canvas.put("\(latest.value)/10", x: valueX, y: box.y + 4, role: painRole(latest))
            let trend = sparkline(state.checkIns.map(\.value.score))
            canvas.put(trend.isEmpty ? "  (intake)" : "  " + trend, x: valueX + n, y: box.y + 4, role: .accent,
                       maxWidth: valueWidth - n)
        } else {
            canvas.put("no score yet — press 0–9, x for 10", x: valueX, y: box.y + 4, role: .muted, maxWidth: valueWidth)
        }
        if let cue = cue {
            canvas.put(cue.text, x: x, y: box.y + 5, role: cue.role, maxWidth: box.width - 4)
        } else if let caution = screeningCue(width: box.width - 4) {
            canvas.put(caution, x: x, y: box.y + 5, role: .warning, maxWidth: box.width - 4)
        }
        if withTime { renderTimerLine(into: &canvas, x: x, y: box.y + 6, width: box.width - 4) }
    }

    /// The gentle cue of the Now panel: a check-in is due, or the planned end is near.
    var cue: (text: String, role: StyleRole)? {
        if let minutes = minutesWithoutCheckIn {
            return ("◷ check in? \(minutes) min without a pain score", .accent)
        }
        if let left = minutesToPlannedEnd {
            return left > 0 ? ("◷ \(left) min to the planned end", .warning) : ("◷ past the planned end", .timerOver)
        }
        return nil
    }

    /// Minutes since the last check-in, or since hands went on if that was later, while a region
    /// is worked, once they reach the reminder setting; nil otherwise.
    var minutesWithoutCheckIn: Int? {
        let state = session
        guard state.phase == .treatment, state.activeWork != nil, var i = state.segments.indices.last else { return nil }
        // Work without a break: segments that follow one another with no gap.
        while i > 0, state.segments[i - 1].to == state.segments[i].from { i -= 1 }
        let handsOn = state.segments[i].from
        let since = max(handsOn, state.checkIns.last?.at ?? handsOn)
        let minutes = Int(now.timeIntervalSince(since) / 60)
        return minutes >= max(1, checkInReminderMinutes) ? minutes : nil
    }

    /// Whole minutes left to the planned end once 5 or fewer remain (0 or less when past it).
    var minutesToPlannedEnd: Int? {
        let state = session
        guard state.phase == .treatment, state.plannedMinutes > 0 else { return nil }
        let remaining = TimeInterval(state.plannedMinutes * 60) - state.elapsedSeconds(at: now)
        guard remaining <= 300 else { return nil }
        return remaining > 0 ? Int((remaining / 60).rounded(.up)) : 0
    }

    /// The body map panel: both figures, the highlighted region's name, flags and pain, and as
    /// much of the legend as fits. `cached` is the picture of the figures last drawn, reused
    /// when the marks are the same; returns where the figures went (for clicks) and the picture.
    @discardableResult
    func renderMap(marks: [Region: RegionMarks], scale: Int, cached: BodyMapPicture? = nil,
                   into canvas: inout Canvas, _ box: Rect) -> (placement: BodyMapPlacement, picture: BodyMapPicture) {
        let state = session
        Box("Body map").draw(box, into: &canvas)
        let inner = box.inset(by: 1)
        let size = BodyMap.size(scale: scale)
        let x = inner.x + 1, w = inner.width - 2
        // Under the figures: the highlighted region (two rows) and the legend, as many rows of it as fit.
        let legendLines = BodyMap.legendLines(width: w, maxLines: max(0, inner.height - size.height - 2))
        let free = inner.height - size.height - 2 - legendLines.count
        let origin = Point(x: inner.x + max(0, (inner.width - size.width) / 2), y: inner.y + max(0, free / 2))
        let map = BodyMap.standard
        let key = BodyMapPicture.Key(scale: scale, looks: marks.mapValues(\.look))
        let picture: BodyMapPicture
        if let cached, cached.key == key {
            picture = cached
        } else {
            var figures = Canvas(width: size.width, height: size.height)
            map.draw(marks: marks, selected: nil, into: &figures, at: Point(x: 0, y: 0), scale: scale)
            picture = BodyMapPicture(key: key, canvas: figures)
        }
        canvas.draw(picture.canvas, rows: 0..<picture.canvas.height, at: origin)
        let region = screen.selected
        let mark = marks[region] ?? RegionMarks()
        map.drawPatch(region, mark, selected: true, into: &canvas, at: origin, scale: scale)
        var y = origin.y + size.height + max(0, free - free / 2)
        // Words for the flags where they fit, symbols (explained in the legend) where they do not.
        let flags = [(" ● now", " ●", mark.active, StyleRole.accent), (" × avoid", " ×", mark.avoid, .danger),
                     (" ⚠ caution", " ⚠", mark.caution, .warning)].filter(\.2)
        let name = "▸ " + region.name
        let wordy = DisplayWidth.of(name) + flags.reduce(0) { $0 + DisplayWidth.of($1.0) } <= w
        var column = x + canvas.put(name, x: x, y: y, role: .title, maxWidth: w)
        for flag in flags {
            column += canvas.put(wordy ? flag.0 : flag.1, x: column, y: y, role: flag.3, maxWidth: x + w - column)
        }
        y += 1
        column = x
        if let first = mark.firstPain, let latest = mark.latestPain {
            column += canvas.put("pain ", x: column, y: y, role: .muted)
            column += canvas.put("\(first.value)", x: column, y: y, role: painRole(first))
            if mark.latestPain != mark.firstPain || state.checkIns(for: region).count > 1 {
                column += canvas.put(" → ", x: column, y: y, role: .muted)
                column += canvas.put("\(latest.value)", x: column, y: y, role: painRole(latest))
            }
            column += canvas.put(" · ", x: column, y: y, role: .muted)
        }
        canvas.put(mark.worked ? "\(Int(mark.seconds / 60)) min worked" : "not worked yet", x: column, y: y,
                   role: .muted, maxWidth: x + w - column)
        for line in legendLines {
            y += 1
            canvas.put(line, x: x, y: y, role: .muted, maxWidth: w)
        }
        return (BodyMapPlacement(origin: origin, scale: scale), picture)
    }

    /// A number right-aligned in `width` columns, as `%*d` prints it, without `String(format:)`
    /// (a Foundation formatter for each number of a panel drawn at every frame).
    static func rightAligned(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: " ", count: max(0, width - digits.count)) + digits
    }

    /// The regions panel of wide terminals: minutes and first → latest pain per region.
    func renderRegionSummary(marks: [Region: RegionMarks], into canvas: inout Canvas, _ box: Rect) {
        let state = session
        Box("Regions: minutes, first → latest pain").draw(box, into: &canvas)
        let listed = state.workedRegions + Region.all.filter { marks[$0]?.latestPain != nil && marks[$0]?.worked != true }
        let rows = box.height - 2
        if listed.isEmpty {
            canvas.put("Nothing worked yet.", x: box.x + 2, y: box.y + 1, role: .muted)
            return
        }
        let nameWidth = min(22, box.width - 24)
        for (i, region) in listed.prefix(rows).enumerated() {
            let mark = marks[region] ?? RegionMarks()
            let y = box.y + 1 + i
            let flag = mark.active ? "● " : mark.avoid ? "× " : "  "
            canvas.put(flag + region.shortName, x: box.x + 1, y: y, role: mark.active ? .accent : .normal, maxWidth: nameWidth + 2)
            var column = box.x + 3 + nameWidth
            canvas.put(mark.worked ? Self.rightAligned(Int(mark.seconds / 60), 3) + " min" : "      –", x: column, y: y, role: .muted)
            column += 9
            if let first = mark.firstPain, let latest = mark.latestPain {
                column += canvas.put(Self.rightAligned(first.value, 2), x: column, y: y, role: painRole(first))
                column += canvas.put(" → ", x: column, y: y, role: .muted)
                column += canvas.put("\(latest.value)", x: column, y: y, role: painRole(latest))
                if PainScore.isMeaningfulChange(from: first, to: latest) {
                    canvas.put(latest < first ? "  ↓ better" : "  ↑ worse", x: column, y: y, role: latest < first ? .success : .warning)
                }
            }
        }
        if listed.count > rows {
            canvas.put(" +\(listed.count - rows) more ", x: box.maxX - 12, y: box.maxY - 1, role: .muted)
        }
    }
}

extension TreatmentPanels {
    /// What screening says about the region being worked (or highlighted), naming the answer behind
    /// it; in a narrow panel the answer alone.
    func screeningCue(width: Int) -> String? {
        let state = session
        let region = state.activeWork?.region ?? screen.selected
        let findings = state.findings
        // Drawn at every frame from what changes only with the screening, the region and the
        // width: the last cue is kept (the findings compare by their storage first).
        let inputs = CueInputs(findings: findings, region: region, width: width)
        return Self.keptCue.withLock { kept in
            let cue = if let held = kept, held.inputs == inputs { held.cue }
                else { Self.screeningCue(findings: findings, region: region, width: width) }
            // Equal inputs are kept too: the next frame compares the findings by this storage.
            kept = (inputs, cue)
            return cue
        }
    }

    private struct CueInputs: Equatable {
        var findings: [ScreeningFinding]
        var region: Region
        var width: Int
    }

    private static let keptCue = Mutex<(inputs: CueInputs, cue: String?)?>(nil)

    static func screeningCue(findings: [ScreeningFinding], region: Region, width: Int) -> String? {
        let avoid = findings.avoidCauses(for: region).joined(separator: "; ")
        let deepCauses = findings.deepPressureCauses(for: region)
        let deep = deepCauses.joined(separator: "; ")
        // The short form is made only when the long one does not fit.
        if !avoid.isEmpty {
            let long = "× avoid the \(region.name) — \(avoid)"
            return DisplayWidth.of(long) <= width ? long : "× avoid — \(avoid)"
        }
        guard !deep.isEmpty else { return nil }
        let long = "▲ deep pressure asks first — \(deep)"
        guard DisplayWidth.of(long) > width else { return long }
        // The short form drops the label of a medication's cause. (String's generic `replacing`
        // was 6.6 % of a body-map key's samples: this cue is drawn at every frame.)
        let label = ScreeningFinding.medicationsLabel
        return "▲ deep asks — " + deepCauses.map { $0.hasPrefix(label) ? String($0.dropFirst(label.count)) : $0 }
            .joined(separator: "; ")
    }
}
