/// A window over the current screen (help, a confirmation, a menu, a prompt), with its own keys.
///
/// Overlays sit on a stack in `KneadApp`: the one on top gets every key (the global quit
/// aside) and draws last. Like a screen, an overlay gives a key to itself first
/// (``handle(key:_:)``, for typing), then the app looks the key up in ``bindings(_:)`` (no global
/// ones: under an overlay, `q` is a letter) and hands the action to ``handle(_:_:)``. An overlay
/// closes itself with `env.pop(self)`.
protocol Overlay: AnyObject {
    /// The keymap context of the overlay's keys.
    var keyContext: KeyContext { get }
    /// The bindings that act now, in the keymap's order.
    func bindings(_ env: ScreenEnvironment) -> [Binding]
    /// Gives a key to the overlay before the keymap. Returns true when the key was used.
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool
    /// Does what a key bound in ``bindings(_:)`` asks.
    func handle(_ action: Action, _ env: ScreenEnvironment)
    /// Draws the overlay over the screen; `rect` is the whole terminal. Returns where the text
    /// cursor goes, if the overlay has a field.
    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point?
}

extension Overlay {
    func bindings(_ env: ScreenEnvironment) -> [Binding] { env.keymap.bindings(in: keyContext) }
    func handle(key: Key, _ env: ScreenEnvironment) -> Bool { false }

    /// The action of a key in this overlay: its own bindings only.
    func action(for key: Key, _ env: ScreenEnvironment) -> Action? {
        bindings(env).first { $0.keys.contains(key) }?.action
    }
}
