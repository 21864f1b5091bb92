extension KneadApp {
    /// The first key that does an action in a context, as people read it ("w", "F5"), so that
    /// messages name the keys in use after a config file rebinds them. `preferring` names a key to mention when it still does the action, e.g. Enter over w.
    func keyLabel(_ action: Action, in context: KeyContext, preferring preferred: Key? = nil) -> String {
        keymap.keyLabel(action, in: context, preferring: preferred)
    }
}

extension Keymap {
    /// The first key that does an action in a context, as people read it ("w", "F5"); the global
    /// binding's key when the context has none, else the action's name.
    func keyLabel(_ action: Action, in context: KeyContext, preferring preferred: Key? = nil) -> String {
        let keys = bindings(in: context).first { $0.action == action }?.keys ?? []
        if let preferred, keys.contains(preferred) { return preferred.label }
        return keys.first?.label
            ?? bindings(in: .global).first { $0.action == action }?.keys.first?.label
            ?? action.name
    }
}
