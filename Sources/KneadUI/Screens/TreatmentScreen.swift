import Foundation
import KneadCore

/// What the treatment screen remembers between keys: the region highlighted on the body map,
/// what the next work will use when no region is being worked, and how far the timeline is scrolled.
struct TreatmentState: Hashable, Sendable {
    var selected = Region.all[0]
    var technique = Technique("effleurage")
    var pressure = Pressure.swedish
    /// Timeline rows scrolled back from the newest; 0 follows the newest entry.
    var timelineScroll = 0
    /// The body map as last drawn, reused while its marks and scale stay the same.
    var mapPicture: BodyMapPicture?

    init() {}

    /// Starts on the region being worked, else the first painful region, with the client's preferred pressure.
    init(state: SessionState) {
        if let active = state.activeWork {
            selected = active.region
            technique = active.technique
            pressure = active.pressure
        } else {
            if let first = state.assessment?.painfulRegions.first?.region { selected = first }
            pressure = state.assessment?.pressurePreference ?? .swedish
        }
    }
}

extension KneadApp {
    func treatmentAction(_ action: Action) {
        guard let state = session else { return }
        let map = BodyMap.standard
        switch action {
        case .moveUp: treatment.selected = map.move(treatment.selected, .up)
        case .moveDown: treatment.selected = map.move(treatment.selected, .down)
        case .moveLeft: treatment.selected = map.move(treatment.selected, .left)
        case .moveRight: treatment.selected = map.move(treatment.selected, .right)
        case .goToRegion: overlays.append(RegionJumpOverlay())
        case .pageUp: treatment.timelineScroll += max(1, timelineRows / 2)
        case .pageDown: treatment.timelineScroll = max(0, treatment.timelineScroll - max(1, timelineRows / 2))
        case .startWork:
            let work = RegionWork(region: treatment.selected, technique: state.activeWork?.technique ?? treatment.technique,
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
            setPressure(next)
        case .choosePressure:
            overlays.append(PressureMenuOverlay())
        case .chooseTechnique:
            overlays.append(TechniqueMenuOverlay())
        case .checkIn(let score):
            let region = state.activeWork?.region
            let before = state.previousReading(region: region, before: state.checkIns.count)
            guard execute(.checkIn(score: score, region: region)) == nil else { return }
            status = checkInMessage(score: score, region: region, previous: before, in: state)
        case .undo:
            let what = state.lastUndoableAction.map { undoDescription(state, $0) }
            guard execute(.undo) == nil, let after = session else { return }
            status = StatusMessage(text: "Undone: \(what ?? "the last action").", kind: .info)
            treatment.pressure = after.activeWork?.pressure ?? treatment.pressure
            treatment.technique = after.activeWork?.technique ?? treatment.technique
        case .quickNote:
            overlays.append(QuickNoteOverlay())
        case .endTreatment:
            confirm("End treatment and go to aftercare? Work on the current region ends now.", .endTreatment)
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

    /// Sets the pressure of the work going on, or of the next work when none is.
    func setPressure(_ pressure: Pressure) {
        guard session?.activeWork != nil else {
            treatment.pressure = pressure
            status = StatusMessage(text: "Next work starts at \(pressure).", kind: .info)
            return
        }
        run(.changePressure(pressure, confirmed: false), success: "Pressure \(pressure).")
        treatment.pressure = session?.activeWork?.pressure ?? treatment.pressure
    }

    /// Executes a command; a deep-pressure caution asks first.
    private func run(_ command: SessionCommand, success: String, kind: StatusMessage.Kind = .info) {
        guard let rejection = execute(command) else {
            status = StatusMessage(text: success, kind: kind)
            return
        }
        if rejection.needsConfirmation {
            confirm(rejection.reason + " Go ahead?", .screeningConfirmation(command))
        }
    }

    /// `state` is the session before the check-in; `previous` the reading it is compared with.
    private func checkInMessage(score: Int, region: Region?, previous: PainScore?, in state: SessionState) -> StatusMessage {
        let whereText = region.map { " in the \($0.name)" } ?? ""
        if state.suggestsLighterPressure(score: score, region: region) {
            let rise = previous.map { " (was \($0.value))" } ?? ""
            let lighter = keyLabel(.pressureDown, in: .treatment)
            return StatusMessage(text: "Pain \(score)\(whereText)\(rise) — lighten the pressure? \(lighter) lightens it.", kind: .warning)
        }
        return StatusMessage(text: "Pain \(score)\(whereText) logged.", kind: .info)
    }

    /// What an undo would take back, in words: "pain 6 in the left gluteals".
    private func undoDescription(_ state: SessionState, _ positions: [Int]) -> String {
        guard let last = positions.last, state.events.indices.contains(last) else { return "the last action" }
        return describe(state.events[last].change) ?? "the last action"
    }
}
