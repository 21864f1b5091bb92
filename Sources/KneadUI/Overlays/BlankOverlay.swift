/// The blanked screen (`b`, or idle outside treatment): nothing is drawn, and any key or click
/// brings the screen back without doing anything else.
final class BlankOverlay: Overlay {
    var keyContext: KeyContext { .global }

    /// Nothing acts under the blank: no key is listed.
    func bindings(_ env: ScreenEnvironment) -> [Binding] { [] }

    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        env.pop(self)
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {}

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? { nil }
}
