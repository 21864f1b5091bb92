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

    /// Takes the pressure and technique of the work going on, so the next work starts from them.
    mutating func follow(_ session: SessionState?) {
        pressure = session?.activeWork?.pressure ?? pressure
        technique = session?.activeWork?.technique ?? technique
    }
}

/// The treatment screen: the body map, the Now panel, the timeline (and, on wide terminals,
/// the large timer and the regions summary). One key per action: the hands are busy.
///
/// The session itself is the app's (``ScreenEnvironment/session``), changed only through
/// `execute`; the screen owns what it shows of it: the highlighted region, the next work's
/// technique and pressure, the timeline's scroll. Its panels are drawn by ``TreatmentPanels``.
final class TreatmentScreen: Screen {
    let id = ScreenID.treatment
    var state: TreatmentState
    /// The timeline panel as last drawn, and what it was drawn from: put back while that is the
    /// same (a key that moves on the body map leaves the session's events as they were).
    var keptTimeline: KeptPanel<TimelineInputs>?
    init(_ session: SessionState) { state = TreatmentState(state: session) }

    var title: String { "Treatment" }
    var keyContext: KeyContext { .treatment }

    /// A letter with no action here says so, naming the help key, rather than doing nothing unseen.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        guard case .character(let c) = key, env.keymap.action(for: key, in: .treatment) == nil else { return false }
        env.say("\(c) does nothing here. Press \(env.keyLabel(.help, in: .treatment)) for the keys.")
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        guard let session = env.session else { return }
        let map = BodyMap.standard
        // The timeline pages by half of the rows it shows at the terminal's size.
        let size = env.size
        let timelineRows = max(1, TreatmentLayout(body: Rect(x: 0, y: 1, width: size.width, height: size.height - 3)).timeline.height - 2)
        switch action {
        case .moveUp: state.selected = map.move(state.selected, .up)
        case .moveDown: state.selected = map.move(state.selected, .down)
        case .moveLeft: state.selected = map.move(state.selected, .left)
        case .moveRight: state.selected = map.move(state.selected, .right)
        case .goToRegion: env.push(RegionJumpOverlay(self))
        case .pageUp: state.timelineScroll += max(1, timelineRows / 2)
        case .pageDown: state.timelineScroll = max(0, state.timelineScroll - max(1, timelineRows / 2))
        case .startWork:
            let work = RegionWork(region: state.selected, technique: session.activeWork?.technique ?? state.technique,
                                  pressure: session.activeWork?.pressure ?? state.pressure)
            run(.startWork(work), success: "Working on the \(work.region.name).", env)
        case .endWork:
            if let region = session.activeWork?.region {
                run(.endWork, success: "Ended work on the \(region.name).", env)
            } else {
                env.say("No region is being worked.")
            }
        case .pressureUp, .pressureDown:
            let current = session.activeWork?.pressure ?? state.pressure
            guard let next = action == .pressureUp ? current.firmer : current.lighter else {
                env.say("Pressure is already \(current).")
                return
            }
            setPressure(next, env)
        case .choosePressure:
            env.push(PressureMenuOverlay(self))
        case .chooseTechnique:
            env.push(TechniqueMenuOverlay(self))
        case .checkIn(let score):
            let region = session.activeWork?.region
            let before = session.previousReading(region: region, before: session.checkIns.count)
            guard env.execute(.checkIn(score: score, region: region)) == nil else { return }
            let message = checkInMessage(score: score, region: region, previous: before, in: session, env)
            env.say(message.text, message.kind)
        case .undo:
            let what = session.lastUndoableAction.map { undoDescription(session, $0, env) }
            guard env.execute(.undo) == nil, let after = env.session else { return }
            env.say("Undone: \(what ?? "the last action").")
            state.follow(after)
        case .quickNote:
            env.push(QuickNoteOverlay())
        case .acknowledgeRedFlags:
            env.acknowledgeRedFlags()
        case .endTreatment:
            env.app.confirm("End treatment and go to aftercare? Work on the current region ends now.", .endTreatment)
        case .back:
            env.closeSession()
        default:
            break
        }
    }

    func chooseTechnique(_ info: TechniqueInfo, _ env: ScreenEnvironment) {
        state.technique = info.technique
        if env.session?.activeWork != nil {
            run(.changeTechnique(info.technique), success: "Technique: \(info.name).", env)
        } else {
            env.say("Next work uses \(info.name).")
        }
    }

    /// Sets the pressure of the work going on, or of the next work when none is.
    func setPressure(_ pressure: Pressure, _ env: ScreenEnvironment) {
        guard env.session?.activeWork != nil else {
            state.pressure = pressure
            env.say("Next work starts at \(pressure).")
            return
        }
        run(.changePressure(pressure, confirmed: false), success: "Pressure \(pressure).", env)
        state.pressure = env.session?.activeWork?.pressure ?? state.pressure
    }

    /// Executes a command; a deep-pressure caution asks first.
    private func run(_ command: SessionCommand, success: String, _ env: ScreenEnvironment) {
        guard let rejection = env.execute(command) else {
            env.say(success)
            return
        }
        if rejection.needsConfirmation {
            env.app.confirm(rejection.reason + " Go ahead?", .screeningConfirmation(command))
        }
    }

    /// `session` is the session before the check-in; `previous` the reading it is compared with.
    private func checkInMessage(score: Int, region: Region?, previous: PainScore?, in session: SessionState,
                                _ env: ScreenEnvironment) -> StatusMessage {
        let whereText = region.map { " in the \($0.name)" } ?? ""
        if session.suggestsLighterPressure(score: score, region: region) {
            let rise = previous.map { " (was \($0.value))" } ?? ""
            let lighter = env.keyLabel(.pressureDown, in: .treatment)
            return StatusMessage(text: "Pain \(score)\(whereText)\(rise) — lighten the pressure? \(lighter) lightens it.", kind: .warning)
        }
        return StatusMessage(text: "Pain \(score)\(whereText) logged.", kind: .info)
    }

    /// What an undo would take back, in words: "pain 6 in the left gluteals".
    private func undoDescription(_ session: SessionState, _ positions: [Int], _ env: ScreenEnvironment) -> String {
        guard let last = positions.last, session.events.indices.contains(last) else { return "the last action" }
        return TreatmentPanels.describe(session.events[last].change, catalog: env.catalog) ?? "the last action"
    }

    func render(into canvas: inout Canvas, _ body: Rect, _ env: ScreenEnvironment) -> Point? {
        guard let session = env.session else { return nil }
        let layout = TreatmentLayout(body: body)
        let panels = TreatmentPanels(session: session, screen: state, now: env.now, catalog: env.catalog,
                                     keymap: env.keymap, formatting: env.formatting,
                                     checkInReminderMinutes: env.settings.checkInReminderMinutes)
        let marks = session.regionMarks(upTo: panels.now)
        if let timer = layout.timer { panels.renderBigTimer(into: &canvas, timer) }
        panels.renderNow(into: &canvas, layout.now, withTime: layout.timer == nil)
        if let regions = layout.regions { panels.renderRegionSummary(marks: marks, into: &canvas, regions) }
        let timelineInputs = TimelineInputs(scroll: state.timelineScroll, events: session.events,
                                            catalog: env.catalog.entries, zone: env.formatting.zone)
        KeptPanel.putBack(&keptTimeline, drawnFrom: timelineInputs, in: layout.timeline, into: &canvas) { canvas in
            panels.renderTimeline(into: &canvas, layout.timeline)
        }
        let drawn = panels.renderMap(marks: marks, scale: layout.scale, cached: state.mapPicture, into: &canvas, layout.map)
        state.mapPicture = drawn.picture
        env.app.mouseTargets.bodyMap = drawn.placement
        return nil
    }

    /// A click on the body map highlights the region under it.
    func click(_ region: Region) { state.selected = region }
}

/// What the timeline panel shows is made of, besides its box: how far it is scrolled back, the
/// session's events (compared by their storage first, so a frame with no new event compares in
/// constant time), the techniques' names and the time zone of their times.
struct TimelineInputs: Equatable {
    var scroll: Int
    var events: [SessionEvent]
    var catalog: [TechniqueInfo]
    var zone: TimeZone
}
