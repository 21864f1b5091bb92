import Foundation
import KneadCore

/// What a screen or an overlay may read and do outside itself.
///
/// It reads: the journal and the records, the clock, the keymap, the technique catalogue, the
/// settings and the formatting. It does, through the app: `execute` (the one path by which a
/// session command is decided, made durable and only then shown), showing another screen,
/// opening and closing overlays, and the status line. A value made fresh for each call;
/// screens keep none.
struct ScreenEnvironment {
    /// The app the screen is shown in; screens reach it only through the members below.
    unowned let app: KneadApp

    var journal: SessionJournal { app.journal }
    var records: PracticeRecords? { app.records }
    var clock: Clock { app.clock }
    var keymap: Keymap { app.keymap }
    var catalog: TechniqueCatalog { app.catalog }
    var settings: AppSettings { app.settings }
    var formatting: Formatting { app.formatting }
    var theme: Theme { app.theme }
    /// The terminal's size: overlays centre themselves in it.
    var size: (width: Int, height: Int) { (app.width, app.height) }
    /// Now, by the app's clock.
    var now: Date { app.clock.now() }
    /// The session open on screen, if any.
    var session: SessionState? { app.session }

    /// Decides a command against the open session, makes it durable, then shows it. Returns
    /// the rejection when it was refused or could not be saved (the status line says why).
    @discardableResult
    func execute(_ command: SessionCommand) -> Rejection? { app.execute(command) }

    /// Shows another screen in place of the current one.
    func show(_ screen: any Screen) { app.show(screen) }

    /// Puts an overlay on top.
    func push(_ overlay: any Overlay) { app.overlays.append(overlay) }

    /// Closes an overlay (and any above it); nothing happens when it is no longer open.
    func pop(_ overlay: any Overlay) {
        guard let i = app.overlays.lastIndex(where: { $0 === overlay }) else { return }
        app.overlays.removeSubrange(i...)
    }

    /// A line of feedback under the screen, until the next one.
    func say(_ text: String, _ kind: StatusMessage.Kind = .info) {
        app.status = StatusMessage(text: text, kind: kind)
    }

    /// The first key that does an action in a context, as people read it, so that messages name
    /// the keys in use after a config file rebinds them.
    func keyLabel(_ action: Action, in context: KeyContext, preferring preferred: Key? = nil) -> String {
        app.keyLabel(action, in: context, preferring: preferred)
    }

    /// Puts a view of client data in the access log (see `KneadApp.logAccess`).
    func logAccess(_ action: AccessEntry.Action, client: ClientID? = nil, detail: String = "") {
        app.logAccess(action, client: client, detail: detail)
    }

    /// Notes where a row of a list was drawn, so that a click there chooses it.
    func clickable(_ list: MouseTargets.List, row: Int, at rect: Rect) {
        app.mouseTargets.row(list, row, rect)
    }

    /// A box of a given size in the middle of the terminal.
    func centered(width: Int, height: Int) -> Rect { app.centered(width: width, height: height) }
}
