import Foundation
import KneadCore

/// A screen that reads its records again when it is shown anew: after a session opened from it
/// is closed, or when a screen it opened goes back to it.
protocol ReloadingScreen: Screen {
    /// Reads again what the screen lists, keeping the highlighted row where it can.
    func reload(_ env: ScreenEnvironment)
}

/// Moving between screens, and what the list screens read that lives in the app (the care plan
/// cache, the theme in use). Each member is one sentence of what a screen asks for; the app
/// does it.
extension ScreenEnvironment {
    /// Clears the status line.
    func clearStatus() { app.status = nil }

    /// Shows the today screen, its list read again.
    func showToday() { app.showToday() }

    /// Shows a screen that was shown before, reading its records again first when it lists any.
    func showAgain(_ screen: any Screen) {
        (screen as? ReloadingScreen)?.reload(self)
        show(screen)
    }

    /// Opens a session on the screen that fits its phase (another room's read-only).
    func open(_ session: SessionID) { app.open(session) }

    /// Opens a session's note from `origin`, which is shown again when the note is closed.
    func openNote(_ session: SessionID, from origin: any Screen) { app.openNote(session, from: origin) }

    /// Opens a session found from the screen shown (a search); closing it goes back to that
    /// screen unless it is the today screen, where closing a session goes anyway.
    func openFound(_ session: SessionID) {
        app.saveDirtyForms()
        let origin = app.current
        app.open(session)
        if app.current !== origin, !(origin is TodayScreen) { app.returnScreen = origin }
    }

    /// Shows the screen of the open session's phase (after it was started or its history reviewed).
    func showSessionScreen() {
        guard let state = session else { return }
        app.enterScreen(for: state)
    }

    /// Records that the open session's red flags were seen and the client referred.
    func acknowledgeRedFlags() { app.acknowledgeRedFlags() }

    /// Closes the open session and goes back where it was opened from.
    func closeSession() { app.closeSession() }

    /// Decides a command that starts a session, makes it durable, then opens it: the one path
    /// (``execute(_:)``) with no session open yet. Returns why it could not start; the status
    /// line stays as it was, so the screen that asked says it in its own place.
    func start(_ command: SessionCommand) -> Rejection? { app.execute(command, starting: true) }

    /// The start of the day that holds `date`, and the days around it, in the practice's zone.
    var reviewCalendar: ReviewCalendar { ReviewCalendar(timeZone: settings.timeZone) }

    // MARK: Care plan lines the list screens show

    /// Draws Today's care plan lines in the rows the session list leaves free at the bottom of `inner`.
    func renderTodayCarePlan(_ rows: [SessionListing], listRows: Int, into canvas: inout Canvas, _ inner: Rect) {
        app.renderTodayCarePlan(rows, listRows: listRows, into: &canvas, inner)
    }

    /// The day review's care plan lines for the chosen session.
    func dayReviewCarePlanLines(_ summary: SessionSummary?) -> [(String, StyleRole)] { app.dayReviewCarePlanLines(summary) }

    /// How many rows the day review gives the care plan lines.
    func dayReviewCarePlanRows(_ lines: [(String, StyleRole)], height: Int) -> Int { app.dayReviewCarePlanRows(lines, height: height) }

    /// Draws a client's outcome trends at the top of `rect`; returns what is left.
    func renderOutcomeTrends(of client: ClientID, visits: [SessionSummary], into canvas: inout Canvas, _ rect: Rect) -> Rect {
        app.renderOutcomeTrends(of: client, visits: visits, into: &canvas, rect)
    }

    /// Opens the progress report of a client.
    func openProgressReport(_ client: Client) { app.openProgressReport(client) }

    // MARK: Themes

    /// The themes the picker offers: the theme folders', else the built-in default.
    func themeChoices() -> [ThemeChoice] {
        app.themeLoader?.choices()
            ?? [ThemeChoice(name: "default", origin: "built in", file: nil, result: .success(BuiltInTheme.default))]
    }

    /// The name of the theme in use.
    var themeName: String { app.themeName }

    /// Draws the whole app with a theme from now on (a preview, until it is kept or put back).
    func use(_ theme: Theme) { app.theme = theme }

    /// Keeps a theme for this run and asks the app's owner to remember it; nil when there is no
    /// one to remember it, else the sentence why it could not be saved, or "" when it was.
    func keep(_ theme: Theme, named name: String) -> String? {
        app.theme = theme
        app.themeName = name
        guard let remember = app.onThemeChosen else { return nil }
        return remember(name) ?? ""
    }
}

extension KneadApp {
    /// Opens a session's note from a list, coming back to `origin` when it is closed.
    func openNote(_ id: SessionID, from origin: any Screen) {
        do {
            session = SessionState(id: id, replaying: try journal.events(of: id))
            returnScreen = origin
            showNote()
        } catch {
            status = StatusMessage(text: "Could not open that session: \(error)", kind: .error)
        }
    }

    /// After a session opened from the review, the history or search is closed, goes back there.
    func returnAfterSession() {
        guard let back = returnScreen else { return }
        returnScreen = nil
        environment.showAgain(back)
    }
}
