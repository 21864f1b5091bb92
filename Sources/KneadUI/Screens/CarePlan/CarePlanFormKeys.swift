import Foundation
import KneadCore

/// The keys of the care plan's forms (referral, plan of care, PSFS, PEG): the form keys every
/// form shares, without those that belong to the assessment (regions, red flags, the care plan
/// window) or to the client record.
enum CarePlanFormKeys {
    static let actions: Set<Action> = [.nextField, .previousField, .toggle, .save, .back]

    static func bindings(_ env: ScreenEnvironment, form: Form) -> [Binding] {
        env.keymap.bindings(in: .form).filter { actions.contains($0.action) }
            + (form.fieldContext.map { env.keymap.bindings(in: $0) } ?? [])
    }

    /// Gives a typed key to the focused field; keys bound to a form action are left to it.
    /// Enter in a one-line field moves to the next one.
    static func handle(_ key: Key, _ form: inout Form, _ env: ScreenEnvironment) -> Bool {
        let action = env.keymap.action(for: key, in: .form, includingGlobal: false)
        if let action, action != .toggle { return false }
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
