/// Where a binding applies. Each screen and overlay has its own context, plus a global one.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    case global, today, clientPicker, form, treatment, techniqueMenu, pressureMenu, regionJump, note, confirm, help

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
    case sign, amend
    case confirmYes, confirmNo

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
        case .save: "save"
        case .toggle: "toggle"
        case .addRegion: "add-region"
        case .removeRegion: "remove-region"
        case .sign: "sign"
        case .amend: "amend"
        case .confirmYes: "confirm"
        case .confirmNo: "cancel"
        }
    }
}
