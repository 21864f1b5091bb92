/// Where a binding applies. Each screen and overlay has its own context, plus a global one.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    case global, today, clientPicker, form, treatment, techniqueMenu, pressureMenu, regionJump, note, confirm, help
    case clients, historyReview, wholeBody, reasonPrompt
    case dayReview, clientHistory, search
    case themePicker
    case quickNote, regionFinder, regionPain, dateEntry
    case pressureField, toggleField, checklistField, regionList, choiceField, screeningList
    case carePlanRecord, carePlan, progressReport

    /// The heading used in help and in KEYBINDINGS.md.
    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .today: "Today"
        case .clientPicker: "New session: client"
        case .form: "Assessment and aftercare forms"
        case .treatment: "Treatment"
        case .techniqueMenu: "Technique menu"
        case .pressureMenu: "Pressure menu"
        case .regionJump: "Go to a region"
        case .note: "Note preview and signing"
        case .confirm: "Confirmation"
        case .help: "Help"
        case .clients: "Clients"
        case .historyReview: "Health history review"
        case .wholeBody: "Whole-body contraindication"
        case .reasonPrompt: "A reason to record (override, reschedule, not screened)"
        case .dayReview: "Day review"
        case .clientHistory: "Client history"
        case .search: "Search notes"
        case .themePicker: "Theme picker"
        case .quickNote: "Finding or note"
        case .regionFinder: "Find a region"
        case .regionPain: "Pain in the region found"
        case .dateEntry: "Go to a day"
        case .pressureField: "Form: a pressure field"
        case .toggleField: "Form: a yes/no field"
        case .checklistField: "Form: a checklist"
        case .regionList: "Form: a list of regions"
        case .choiceField: "Form: a choice"
        case .screeningList: "Form: the screening questions"
        case .carePlanRecord: "Client record: referral and plan of care"
        case .carePlan: "Care plan in a session"
        case .progressReport: "Progress report"
        }
    }
}

/// Something the therapist can do with a key.
public enum Action: Hashable, Sendable {
    case help, quit, back, blankScreen
    case moveUp, moveDown, pageUp, pageDown
    case newSession, openSession
    case startWork, endWork, pressureUp, pressureDown, chooseTechnique, pickTechnique(Character)
    case checkIn(Int)
    case quickNote, endTreatment
    // Treatment: the body map, direct pressure, undo.
    case moveLeft, moveRight, goToRegion, pickArea(Character), choosePressure, setPressure(Int), undo
    case nextField, previousField, save, toggle, addRegion, removeRegion
    /// Aftercare: straight to the plan field.
    case toPlan
    case sign, amend, showSessionID
    case confirmYes, confirmNo
    case clients, newClient, editRecord, archive, showArchived
    case confirmHistory, confirmLastVisit, updateHistory, acknowledgeRedFlags, overrideContraindication, reschedule
    case dayReview, clientHistory, search, previousDay, nextDay, thisDay, jumpToDate
    case chooseTheme
    /// Today: this knead's sessions, or the whole clinic's day (other rooms read-only).
    case clinicDay
    /// Takes what is highlighted or typed in a finder or prompt.
    case choose
    /// Answers a yes/no field or a screening question.
    case answerYes, answerNo, clearAnswer
    /// Answers "no" to every question of the screening group under the cursor not answered yet.
    case answerNoToRest
    case editReferral, editPlanOfCare, carePlan, ratePSFS, ratePEG, workTowardGoal(Int), progressReport, writeReport

    /// A stable name, used in config files and KEYBINDINGS.md.
    public var name: String {
        switch self {
        case .help: "help"
        case .quit: "quit"
        case .back: "back"
        case .blankScreen: "blank-screen"
        case .moveUp: "move-up"
        case .moveDown: "move-down"
        case .pageUp: "page-up"
        case .pageDown: "page-down"
        case .newSession: "new-session"
        case .openSession: "open-session"
        case .startWork: "start-work"
        case .endWork: "end-work"
        case .pressureUp: "pressure-up"
        case .pressureDown: "pressure-down"
        case .chooseTechnique: "choose-technique"
        case .pickTechnique(let c): "technique-\(c)"
        case .checkIn(let n): "pain-\(n)"
        case .quickNote: "quick-note"
        case .endTreatment: "end-treatment"
        case .moveLeft: "move-left"
        case .moveRight: "move-right"
        case .goToRegion: "go-to-region"
        case .pickArea(let c): "go-to-\(c)"
        case .choosePressure: "choose-pressure"
        case .setPressure(let n): "pressure-\(n)"
        case .undo: "undo"
        case .nextField: "next-field"
        case .previousField: "previous-field"
        case .toPlan: "to-plan"
        case .save: "save"
        case .toggle: "toggle"
        case .addRegion: "add-region"
        case .removeRegion: "remove-region"
        case .sign: "sign"
        case .amend: "amend"
        case .showSessionID: "session-id"
        case .confirmYes: "confirm"
        case .confirmNo: "cancel"
        case .clients: "clients"
        case .newClient: "new-client"
        case .editRecord: "edit-record"
        case .archive: "archive"
        case .showArchived: "show-archived"
        case .confirmHistory: "confirm-history"
        case .confirmLastVisit: "confirm-last-visit"
        case .updateHistory: "update-history"
        case .acknowledgeRedFlags: "acknowledge-red-flags"
        case .overrideContraindication: "override"
        case .reschedule: "reschedule"
        case .dayReview: "day-review"
        case .clientHistory: "client-history"
        case .search: "search"
        case .previousDay: "previous-day"
        case .nextDay: "next-day"
        case .thisDay: "today"
        case .jumpToDate: "jump-to-date"
        case .chooseTheme: "choose-theme"
        case .clinicDay: "clinic-day"
        case .choose: "choose"
        case .answerYes: "yes"
        case .answerNo: "no"
        case .clearAnswer: "not-asked"
        case .answerNoToRest: "no-to-rest"
        case .editReferral: "referral"
        case .editPlanOfCare: "plan-of-care"
        case .carePlan: "care-plan"
        case .ratePSFS: "psfs"
        case .ratePEG: "peg"
        case .workTowardGoal(let n): "goal-\(n)"
        case .progressReport: "progress-report"
        case .writeReport: "write-report"
        }
    }
}
