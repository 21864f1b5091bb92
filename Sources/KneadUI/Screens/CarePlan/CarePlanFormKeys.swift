import Foundation
import KneadCore

/// The keys of the care plan's forms (referral, plan of care, PSFS, PEG): the form keys every
/// form shares, without those that belong to the assessment (regions, red flags, the care plan
/// window) or to the client record.
enum CarePlanFormKeys {
    static let actions: Set<Action> = [.nextField, .previousField, .save, .back]

    static func bindings(_ env: ScreenEnvironment, form: Form) -> [Binding] {
        env.keymap.bindings(in: .form).filter { actions.contains($0.action) }
            + form.fieldBindings(env.keymap)
    }

    /// Gives a typed key to the focused field; keys bound to a form action are left to it.
    /// Enter in a one-line field moves to the next one.
    static func handle(_ key: Key, _ form: inout Form, _ env: ScreenEnvironment) -> Bool {
        let action = env.keymap.action(for: key, in: .form, includingGlobal: false)
        if action != nil { return false }
        if key == .enter {
            switch form.focused.value {
            case .text(let field) where !field.isMultiline:
                form.focusNext()
                return true
            case .number, .choice:
                form.focusNext()
                return true
            default: break
            }
        }
        return form.handle(key, keymap: env.keymap)
    }
}

/// What a care-plan form saves, in the words its messages use.
struct CarePlanFormSubject {
    /// "referral", "plan of care".
    var name: String
    /// "referrals", "plans of care".
    var plural: String

    var capitalized: String { name.prefix(1).uppercased() + name.dropFirst() }

    /// Saves `value` as a new version when it differs from `original`; the form's fields say why
    /// when it cannot be read (nil). True when there is nothing left to save.
    func save<Value: Equatable>(_ value: Value?, original: Value?, form: inout Form, _ env: ScreenEnvironment,
                                into store: (CarePlanRecords, Value) throws -> Void) -> Bool {
        guard let value else {
            if let first = form.fields.firstIndex(where: { $0.problem != nil }) { form.focus = first }
            env.say("Fix the marked fields; the \(name) is not saved yet.", .warning)
            return false
        }
        guard value != original else {
            form.isDirty = false
            env.say("The \(name) is unchanged.")
            return true
        }
        guard let records = env.app.carePlanRecords else {
            env.say("This database keeps no \(plural).", .error)
            return false
        }
        do {
            try store(records, value)
        } catch {
            env.say("Could not save the \(name): \(error). It is still on screen; try again.", .error)
            return false
        }
        form.isDirty = false
        env.app.carePlans.clear()
        env.say(original == nil ? "\(capitalized) saved." : "\(capitalized) saved as a new version; the earlier one is kept.")
        return true
    }
}

/// A care-plan form screen (referral, plan of care): the form, the subject its messages name, how
/// it saves and where it goes when left. Both forms move, save and leave in the same way.
protocol CarePlanFormScreen: AnyObject {
    var form: Form { get set }
    /// Set after an Esc that could not save: the next Esc leaves without saving.
    var leaving: Bool { get set }
    var subject: CarePlanFormSubject { get }
    var leave: (ScreenEnvironment) -> Void { get }
    /// Saves a new version when something changed; false (the fields say why) when it cannot.
    func save(_ env: ScreenEnvironment) -> Bool
}

extension CarePlanFormScreen {
    /// Tab and Shift-Tab move, F2 saves and leaves, Esc saves and leaves; an Esc that cannot save
    /// says so, and a second one leaves without saving.
    func performFormAction(_ action: Action, _ env: ScreenEnvironment) {
        switch action {
        case .nextField: form.focusNext()
        case .previousField: form.focusPrevious()
        case .save: if save(env) { leave(env) }
        case .back:
            if !form.isDirty || leaving {
                if form.isDirty { env.say("Changes to the \(subject.name) discarded.") }
                leave(env)
            } else if save(env) {
                leave(env)
            } else {
                leaving = true
                env.say("The \(subject.name) cannot be saved as it is (marked). \(env.keyLabel(.back, in: .form)) again leaves without saving.", .warning)
            }
        default: break
        }
    }
}
