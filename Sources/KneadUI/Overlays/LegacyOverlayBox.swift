/// An overlay not yet moved to a type of its own, on the overlay stack: keys and drawing go to
/// the app's handlers for it.
final class LegacyOverlayBox: Overlay {
    var overlay: LegacyOverlay

    init(_ overlay: LegacyOverlay) { self.overlay = overlay }

    var keyContext: KeyContext {
        // The context the app gives this overlay (the screen under it does not matter: it has one).
        switch overlay {
        case .search: .search
        case .themePicker: .themePicker
        }
    }

    func handle(key: Key, _ env: ScreenEnvironment) -> Bool {
        env.app.handleOverlayKey(key, overlay)
        return true
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {}

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        env.app.renderOverlay(overlay, into: &canvas)
    }
}
