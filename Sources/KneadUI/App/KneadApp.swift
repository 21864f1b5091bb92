import Foundation
import KneadCore

/// Settings the app runs with, from the command line and, later, the config file.
public struct AppSettings: Sendable {
    /// The name a signature carries.
    public var therapistName: String
    public var defaultPlannedMinutes: Int
    /// Whether treatment screens show the client's full name instead of initials.
    public var showNamesDuringTreatment: Bool
    public var timeZone: TimeZone
    /// The aftercare advice offered as one-key items; the config file may extend the standard set.
    public var adviceTemplates: [String]
    /// Minutes of work without a pain check-in before the treatment screen gently asks for one.
    public var checkInReminderMinutes: Int
    /// Whether the mouse may be used as well as the keyboard (config file `mouse`).
    public var mouse: Bool = false
    /// Which timed billing code each technique's minutes count toward (config file `[billing]`, `[[techniques]]`).
    public var billingCodes: BillingCodes = .standard
    /// Minutes without a key or click after which the screen blanks, outside the treatment
    /// screen (config file `[privacy] idle_blank_minutes`); 0 never blanks.
    public var idleBlankMinutes: Int = 10

    public init(therapistName: String, defaultPlannedMinutes: Int = 60, showNamesDuringTreatment: Bool = false,
                timeZone: TimeZone = .current, adviceTemplates: [String] = Aftercare.standardAdvice,
                checkInReminderMinutes: Int = 5) {
        self.therapistName = therapistName
        self.defaultPlannedMinutes = defaultPlannedMinutes
        self.showNamesDuringTreatment = showNamesDuringTreatment
        self.timeZone = timeZone
        self.adviceTemplates = adviceTemplates
        self.checkInReminderMinutes = checkInReminderMinutes
    }
}

/// The screens of the app.
public enum ScreenID: Hashable, Sendable {
    case today, clientPicker, assessment, treatment, aftercare, note, amendment
    case clients, clientRecord, historyReview
    case dayReview, clientHistory
}

/// Something waiting for a yes or no.
enum Pending: Hashable, Sendable {
    case resume(SessionID)
    /// A command screening asked to confirm: work on an avoided region, or deep pressure under a caution.
    case screeningConfirmation(SessionCommand)
    case endTreatment
    case sign
    /// Quit although actions wait for disk space and will be lost.
    case quitLosingWaitingActions
}

/// A line of feedback under the screen.
struct StatusMessage: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case info, warning, error }
    var text: String
    var kind: Kind
}

/// The Knead app: state in, frames out. It owns the open session and writes every decided
/// event to the journal before the screen shows it.
public final class KneadApp: TerminalProgram {
    public let journal: SessionJournal
    /// The records the review, history and search screens read; nil leaves those screens empty.
    public let records: PracticeRecords?
    public let clock: Clock
    public let keymap: Keymap
    public let catalog: TechniqueCatalog
    public var settings: AppSettings {
        didSet { if settings.timeZone != formatting.zone { formatting = Formatting(zone: settings.timeZone) } }
    }
    public var theme: Theme
    /// The name of the theme in use, as the theme picker and the config file know it.
    public var themeName = "default"
    /// Where the theme picker finds themes; nil offers the built-in default only.
    public var themeLoader: ThemeLoader?
    /// Called with a theme's name when the therapist keeps it in the picker; returns a sentence
    /// to show when the choice could not be saved for next time.
    public var onThemeChosen: ((String) -> String?)?
    var formatting: Formatting
    public internal(set) var isFinished = false

    /// Which screen is shown.
    public var screen: ScreenID { current.id }
    /// The screen shown (see ``Screen``).
    var current: any Screen
    /// The today screen, kept for the whole run: every session closes to it, and its highlighted
    /// row and clinic's-day choice survive the session.
    let home: TodayScreen
    /// The session on screen, if any.
    public internal(set) var session: SessionState?
    /// Windows over the current screen, innermost last.
    var overlays: [any Overlay] = []
    var status: StatusMessage? { didSet { statusRaised &+= 1 } }
    /// Counts the messages raised, so that one raised again in the same words is told apart.
    private var statusRaised = 0
    var width = 80
    var height = 24

    /// Referrals and plans of care read for the screens (see ClientCarePlan).
    let carePlans = CarePlanCache()
    /// Where closing an open session returns to, when not the today screen.
    var returnScreen: (any Screen)?
    /// What the last frame drew where a click can land.
    var mouseTargets = MouseTargets()
    /// The hint line of the last frame (``renderHints(into:)``).
    var keptHintLine: KeptPanel<HintInputs>?
    /// Actions shown but waiting for disk space to be saved (see KneadApp+Waiting).
    var waiting = WaitingEvents()
    /// The title bar's initials of the last client named there, by that client's name: worked
    /// out from the name's words at every frame, they were 3.9 % of a body-map key's samples.
    var titleInitials: (name: String, initials: String)?
    /// When the last key or click came, by the app's clock: the idle blank counts from it.
    var lastInputAt: Date

    /// The clinic sync's few words for the title bar ("synced 14:02"), nil without a clinic server.
    let clinicStatus: ClinicStatusProvider?
    /// A sentence from the clinic sync the therapist must read (this machine's clock far from the
    /// server's), nil when there is none; shown once as a warning when it appears or changes.
    let clinicNotice: (@Sendable () -> String?)?
    /// The clinic notice last shown, so one notice is not raised again at every tick.
    var clinicNoticeShown: String?

    public init(journal: SessionJournal, clock: Clock, theme: Theme, settings: AppSettings,
                keymap: Keymap = .standard(), catalog: TechniqueCatalog = .standard, records: PracticeRecords? = nil,
                clinicStatus: ClinicStatusProvider? = nil, clinicNotice: (@Sendable () -> String?)? = nil) {
        self.clinicStatus = clinicStatus
        self.clinicNotice = clinicNotice
        self.journal = journal
        self.records = records ?? journal as? PracticeRecords
        self.clock = clock
        self.theme = theme
        self.settings = settings
        self.formatting = Formatting(zone: settings.timeZone)
        self.keymap = keymap
        self.catalog = catalog
        self.lastInputAt = clock.now()
        let home = TodayScreen()
        self.home = home
        self.current = home
        showToday()
        offerResume()
    }

    /// Raises the clinic sync's notice as a warning when it first appears or changes; a notice
    /// that goes and comes back is raised again.
    func showClinicNotice() {
        let notice = clinicNotice?()
        defer { clinicNoticeShown = notice }
        guard let notice, notice != clinicNoticeShown else { return }
        status = StatusMessage(text: notice, kind: .warning)
    }

    /// Shows a line of information under the screen, e.g. a notice from start-up.
    public func notify(_ text: String) {
        status = StatusMessage(text: text, kind: .info)
    }

    // MARK: TerminalProgram

    public func handle(_ input: Input) {
        switch input {
        case .resized(let w, let h):
            width = w
            height = h
        case .tick:
            saveWaitingActions()
            saveDirtyForms()
            blankIfIdle()
            showClinicNotice()
        case .terminate:
            saveWaitingActions()
            saveDirtyForms()
            isFinished = true
        case .key(let key):
            lastInputAt = clock.now()
            if isTooSmall {
                // Nothing may act unseen: under the size notice only quitting does.
                if isQuitKeyUnderNotice(key) { perform(.quit) }
                return
            }
            keepingStatusToItsScreen { handleKey(key) }
        case .mouse(let event):
            lastInputAt = clock.now()
            if isTooSmall { return }
            keepingStatusToItsScreen { handleMouse(event) }
        }
    }

    /// Which screen is shown: the screen object itself, so that opening another note or client
    /// counts as a change of screen too.
    private var shownScreenIdentity: ObjectIdentifier { ObjectIdentifier(current) }

    /// A status message belongs to the screen that raised it: when a key or click changes the
    /// screen, the message shown before goes. One that the same key raised (about the new screen,
    /// or why it changed) stays, and so does every message while the screen stays.
    private func keepingStatusToItsScreen(_ input: () -> Void) {
        let screenBefore = shownScreenIdentity
        let raisedBefore = statusRaised
        input()
        if shownScreenIdentity != screenBefore, statusRaised == raisedBefore, status != nil { status = nil }
    }

    /// Blanks the screen after `idleBlankMinutes` without a key, outside the treatment screen
    /// (where the therapist's hands are busy and the timer must stay in view). Forms are saved
    /// first; any key brings the screen back, as after `b`.
    func blankIfIdle() {
        let minutes = settings.idleBlankMinutes
        guard minutes > 0, screen != .treatment, !(overlays.last is BlankOverlay),
              clock.now().timeIntervalSince(lastInputAt) >= Double(minutes) * 60 else { return }
        overlays.append(BlankOverlay())
    }

    /// Whether the terminal is below the smallest size knead draws in; the notice shows instead.
    var isTooSmall: Bool { width < Layout.minWidth || height < Layout.minHeight }

    /// The keys that act while the size notice shows: the global quit and the today screen's quit.
    func isQuitKeyUnderNotice(_ key: Key) -> Bool {
        keymap.action(for: key, in: .global, includingGlobal: false) == .quit
            || keymap.action(for: key, in: .today, includingGlobal: false) == .quit
    }

    public func frame(width: Int, height: Int) -> Frame {
        var canvas = Canvas(width: width, height: height)
        mouseTargets = MouseTargets()
        guard width >= Layout.minWidth, height >= Layout.minHeight else {
            renderTooSmall(into: &canvas)
            return Frame(canvas: canvas)
        }
        if overlays.last is BlankOverlay { return Frame(canvas: canvas) }
        let body = Rect(x: 0, y: 1, width: width, height: height - 3)
        var cursor: Point?
        cursor = current.render(into: &canvas, body, environment)
        renderRedFlagBanner(into: &canvas)
        renderTitleBar(into: &canvas)
        renderStatus(into: &canvas)
        renderWaitingBanner(into: &canvas)
        renderHints(into: &canvas)
        if let overlay = overlays.last {
            cursor = overlay.render(into: &canvas, Rect(x: 0, y: 0, width: width, height: height), environment)
        }
        return Frame(canvas: canvas, cursor: cursor)
    }

    // MARK: Screens and overlays

    /// What screens and overlays read and do outside themselves.
    var environment: ScreenEnvironment { ScreenEnvironment(app: self) }

    /// Shows a screen that is a type of its own.
    func show(_ screen: any Screen) {
        current = screen
    }

    /// The bindings that act in what is on top: an overlay, else the screen.
    var activeBindings: [Binding] {
        if let overlay = overlays.last { return overlay.bindings(environment) }
        return current.bindings(environment)
    }

    // MARK: Keys

    /// The key context of what is on top: an overlay, else the screen.
    var context: KeyContext { context(under: overlays.last) }

    /// The key context with a given overlay on top of the screen.
    func context(under overlay: (any Overlay)?) -> KeyContext {
        overlay?.keyContext ?? current.keyContext
    }

    func handleKey(_ key: Key) {
        // The global quit (Ctrl-C) works under every overlay too: everything is already saved.
        if keymap.action(for: key, in: .global, includingGlobal: false) == .quit {
            perform(.quit)
            return
        }
        if let overlay = overlays.last {
            if overlay.handle(key: key, environment) { return }
            if let action = overlay.action(for: key, environment) { overlay.handle(action, environment) }
            return
        }
        if current.handle(key: key, environment) { return }
        if let action = current.action(for: key, environment) { perform(action) }
    }

    func perform(_ action: Action) {
        switch action {
        case .help:
            overlays.append(HelpOverlay([HelpOverlay.Section(title: context.title, bindings: activeBindings),
                                         HelpOverlay.Section(title: KeyContext.global.title, bindings: keymap.bindings(in: .global))]))
            return
        case .blankScreen:
            overlays.append(BlankOverlay())
            return
        case .quit:
            saveDirtyForms()
            if holdQuitForWaitingActions() { return }
            isFinished = true
            return
        default:
            break
        }
        current.handle(action, environment)
    }

    // MARK: Sessions

    /// Decides a command against the open session, makes it durable, then shows it.
    /// Returns the rejection when the command was refused or could not be saved.
    ///
    /// With `starting`, the command starts a new session (no session is open yet): it is made
    /// durable before it shows, never kept waiting for disk space, and the status line is left
    /// to the screen that asked, which says why in its own place.
    @discardableResult
    func execute(_ command: SessionCommand, starting: Bool = false) -> Rejection? {
        if starting {
            var state = SessionState(id: .make())
            do {
                try journal.perform(command, on: &state, at: clock.now())
                session = state
                return nil
            } catch {
                return Rejection(error.description)
            }
        }
        guard var state = session else { return Rejection("No session is open.") }
        do {
            try journal.perform(command, on: &state, at: clock.now(), waiting: &waiting)
            session = state
            return nil
        } catch .rejected(let rejection) {
            if !rejection.needsConfirmation { status = StatusMessage(text: rejection.reason, kind: .warning) }
            return rejection
        } catch {
            status = StatusMessage(text: error.description, kind: .error)
            return Rejection(error.description)
        }
    }

    /// Opens a session on the screen that fits its phase.
    func open(_ id: SessionID) {
        do {
            let state = SessionState(id: id, replaying: try journal.events(of: id))
            session = state
            // Another room's session (clinic sync) is only read here: its note, as it stands.
            if let owner = home.owners[id] {
                show(NoteScreen(owner: owner))
                return
            }
            enterScreen(for: state)
        } catch {
            status = StatusMessage(text: "Could not open that session: \(error)", kind: .error)
        }
    }

    func enterScreen(for state: SessionState) {
        switch state.phase {
        case .assessment where state.reviewedHistory == nil && state.rescheduled == nil:
            startHistoryReview(for: state)
        case .assessment:
            show(AssessmentScreen(state.assessment))
        case .treatment:
            show(TreatmentScreen(state))
        case .aftercare:
            show(AftercareScreen(draft: aftercareDraft(for: state), state: state, settings: settings))
        case .signed:
            showNote()
        }
    }

    func closeSession() {
        saveDirtyForms()
        if holdLeavingForWaitingActions() { return }
        session = nil
        showToday()
        returnAfterSession()
    }

    func offerResume() {
        let unfinished = home.unfinished
        guard let listing = unfinished.last(where: { $0.phase == .treatment }) ?? unfinished.last else { return }
        let time = formatting.time(listing.startedAt)
        let day = formatting.isSameDay(listing.startedAt, clock.now())
            ? time : "\(formatting.date(listing.startedAt)) \(time)"
        confirm(
            "Resume the unfinished session with \(listing.client.initials) (\(listing.phase.title.lowercased()), started \(day))?",
            .resume(listing.id))
    }

    func saveDirtyForms() {
        current.saveDraft(environment)
    }
}

/// Sizes the layout depends on.
enum Layout {
    static let minWidth = 80
    static let minHeight = 24
}
