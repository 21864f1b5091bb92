/// A screen whose keys are exactly the bindings of its one keymap context (no field's context
/// added, none left out): a key resolves through the keymap's lookup table, as fast as before
/// screens were types, instead of a search of the bindings list.
protocol SingleContextScreen: Screen {}

extension SingleContextScreen {
    /// The screen's context first, then the global one.
    func action(for key: Key, _ env: ScreenEnvironment) -> Action? {
        env.keymap.action(for: key, in: keyContext)
    }
}
