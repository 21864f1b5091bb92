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
