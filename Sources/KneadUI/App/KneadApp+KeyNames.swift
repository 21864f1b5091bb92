extension KneadApp {
    /// The first key that does an action in a context, as people read it ("w", "F5"), so that
    /// messages name the keys in use after a config file rebinds them.
    func keyLabel(_ action: Action, in context: KeyContext) -> String {
        keymap.bindings(in: context).first { $0.action == action }?.keys.first?.label
            ?? keymap.bindings(in: .global).first { $0.action == action }?.keys.first?.label
            ?? action.name
    }
}
