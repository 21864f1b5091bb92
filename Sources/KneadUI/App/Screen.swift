/// One screen of the app: a type that owns its state and knows, for the state it is in, which
/// keys act, what they do and how it looks.
///
/// `KneadApp` shows one screen at a time. It gives a key to the screen first (``handle(key:_:)``:
/// a text field takes what is typed), then looks the key up in the screen's ``bindings(_:)``
/// (the global ones after it) and hands the action to ``handle(_:_:)``. Help and the hint bar
/// list the same bindings, so they show exactly the keys that act now. Everything a screen
/// reads or changes outside itself goes through the ``ScreenEnvironment``: the journal (only
/// through its `execute`), the records, the clock, the keymap, the catalogue, the settings,
/// the formatting, and moving to another screen or opening an overlay.
///
/// Screens are classes: a screen that moves the app to another screen from inside `handle`
/// goes on running safely to the end of that call, and the screen it left may be kept and
/// shown again with its state (a list's selection) intact.
protocol Screen: AnyObject {
    /// Which screen this is, as tests and the benchmark name it.
    var id: ScreenID { get }
    /// The title bar's name for the screen.
    var title: String { get }
    /// The title bar's name for the screen in the state it and the session are in; `title` unless
    /// the screen says otherwise.
    func title(_ env: ScreenEnvironment) -> String
    /// The keymap context the screen's keys come from (help's heading, the config file's section).
    var keyContext: KeyContext { get }
    /// The bindings that act in the state the screen is in, in the keymap's order.
    func bindings(_ env: ScreenEnvironment) -> [Binding]
    /// Gives a key to the screen before the keymap, for typing into a field. Returns true when
    /// the key was used.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool
    /// The action of a key on this screen: its own bindings first, then the global ones.
    func action(for key: Key, _ env: ScreenEnvironment) -> Action?
    /// Does what a key bound in ``bindings(_:)`` asks.
    func handle(_ action: Action, _ env: ScreenEnvironment)
    /// Draws the screen inside `rect`; returns where the text cursor goes, if a field has it.
    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point?
    /// Saves what is typed but not saved yet (on a tick, before quitting); most screens have nothing.
    func saveDraft(_ env: ScreenEnvironment)
    /// Highlights a row of one of the screen's lists that was clicked (see `ScreenEnvironment.clickable`).
    func choose(row: Int, in list: MouseTargets.List, _ env: ScreenEnvironment)
}

extension Screen {
    func bindings(_ env: ScreenEnvironment) -> [Binding] { env.keymap.bindings(in: keyContext) }
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool { false }
    func saveDraft(_ env: ScreenEnvironment) {}
    func title(_ env: ScreenEnvironment) -> String { title }
    func choose(row: Int, in list: MouseTargets.List, _ env: ScreenEnvironment) {}

    /// The action of a key on this screen: its own bindings first, then the global ones.
    func action(for key: Key, _ env: ScreenEnvironment) -> Action? {
        bindings(env).first { $0.keys.contains(key) }?.action
            ?? env.keymap.action(for: key, in: .global, includingGlobal: false)
    }
}
