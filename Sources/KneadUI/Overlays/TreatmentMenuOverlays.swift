import KneadCore

/// The technique menu of the treatment screen (`t`, then the technique's key).
final class TechniqueMenuOverlay: Overlay {
    /// The screen the technique is chosen for.
    let screen: TreatmentScreen
    init(_ screen: TreatmentScreen) { self.screen = screen }

    var keyContext: KeyContext { .techniqueMenu }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .pickTechnique(let c):
            env.pop(self)
            if let info = env.catalog.info(key: c) { screen.chooseTechnique(info, env) }
        case .back:
            env.pop(self)
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let entries = env.catalog.entries
        let box = env.centered(width: 44, height: entries.count + 3)
        canvas.fill(box)
        Box("Technique — press its key", role: .accent).draw(box, into: &canvas)
        let current = env.session?.activeWork?.technique ?? screen.state.technique
        for (i, info) in entries.enumerated() {
            // The key in use: the config file may have rebound it.
            let key = env.keymap.bindings(in: .techniqueMenu).first { $0.action == .pickTechnique(info.key) }?.keys.first?.label
            canvas.put(key ?? String(info.key), x: box.x + 2, y: box.y + 1 + i, role: .hintKey, maxWidth: 3)
            canvas.put(info.name, x: box.x + 5, y: box.y + 1 + i,
                       role: info.technique == current ? .selected : .normal, maxWidth: box.width - 7)
        }
        canvas.put("Esc cancels", x: box.x + 2, y: box.maxY - 2, role: .muted)
        return nil
    }
}

/// A small menu of the treatment screen whose other letters say they are not in it.
protocol TreatmentMenu: Overlay {}

extension TreatmentMenu {
    /// A letter the menu does not know says so, naming the key that closes it.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        guard action(for: key, env) == nil, case .character(let c) = key else { return false }
        env.say("\(c) is not in this menu; \(env.keyLabel(.back, in: keyContext)) closes it.")
        return true
    }
}

/// The pressure menu of the treatment screen (`p`, then a level 0–5).
final class PressureMenuOverlay: TreatmentMenu {
    /// The screen the pressure is set for.
    let screen: TreatmentScreen
    init(_ screen: TreatmentScreen) { self.screen = screen }

    var keyContext: KeyContext { .pressureMenu }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .setPressure(let level):
            env.pop(self)
            if let pressure = Pressure(rawValue: level) { screen.setPressure(pressure, env) }
        case .back:
            env.pop(self)
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let box = env.centered(width: 36, height: 9)
        canvas.fill(box)
        Box("Pressure — press 0–5", role: .accent).draw(box, into: &canvas)
        let current = env.session?.activeWork?.pressure ?? screen.state.pressure
        for pressure in Pressure.allCases {
            let y = box.y + 1 + pressure.rawValue
            canvas.put("\(pressure.rawValue)", x: box.x + 2, y: y, role: .hintKey)
            let g = canvas.put(pressureGauge(pressure), x: box.x + 4, y: y, role: pressureRole(pressure))
            canvas.put(" " + pressure.label + (pressure == current ? "  ◂ now" : ""), x: box.x + 4 + g, y: y,
                       role: pressure == current ? .selected : .normal, maxWidth: box.width - 6 - g)
        }
        canvas.put("Esc cancels", x: box.x + 2, y: box.maxY - 2, role: .muted)
        return nil
    }
}

/// The region jump of the treatment screen (`g`, then an area's letter; again flips the side).
final class RegionJumpOverlay: TreatmentMenu {
    /// The screen whose highlighted region moves.
    let screen: TreatmentScreen
    init(_ screen: TreatmentScreen) { self.screen = screen }

    var keyContext: KeyContext { .regionJump }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .pickArea(let letter):
            env.pop(self)
            if let area = BodyMap.area(forLetter: letter), let region = BodyMap.jump(to: area, from: screen.state.selected) {
                screen.state.selected = region
            }
        case .back:
            env.pop(self)
        default:
            break
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let letters = BodyMap.areaLetters
        let perColumn = (letters.count + 1) / 2
        let box = env.centered(width: 50, height: perColumn + 3)
        canvas.fill(box)
        Box("Go to — press a letter", role: .accent).draw(box, into: &canvas)
        let selected = screen.state.selected.area
        for (i, entry) in letters.enumerated() {
            let x = box.x + 2 + (i / perColumn) * 24
            let y = box.y + 1 + i % perColumn
            canvas.put(String(entry.1), x: x, y: y, role: .hintKey)
            canvas.put(entry.0.name, x: x + 2, y: y, role: entry.0 == selected ? .selected : .normal, maxWidth: 20)
        }
        canvas.put("again flips left/right · Esc cancels", x: box.x + 2, y: box.maxY - 2, role: .muted)
        return nil
    }
}
