import Foundation
import KneadCore
@testable import KneadUI

/// The screens and overlays a test looks into, when they are the ones shown (nil otherwise).
extension KneadApp {
    var review: DayReviewScreen? { current as? DayReviewScreen }
    var history: ClientHistoryScreen? { current as? ClientHistoryScreen }
    var picker: ClientPickerScreen? { current as? ClientPickerScreen }
    var searchOverlay: SearchOverlay? { overlays.last as? SearchOverlay }
    var themePickerOverlay: ThemePickerOverlay? { overlays.last as? ThemePickerOverlay }

    /// Reads the today screen's list again, as showing it does.
    func reloadToday() { home.reload(environment) }

    /// Shows the day review of the day that holds `date`, as `r` on Today does for today.
    func showDayReview(_ date: Date) { show(DayReviewScreen(showing: date, environment)) }

    /// Shows a client's history, going back to Today, as `h` on Today does.
    func showClientHistory(_ client: Client) { show(ClientHistoryScreen(client, returningTo: home, environment)) }

    /// Opens the search over the screen shown, as `/` does.
    func openSearch() { overlays.append(SearchOverlay()) }
}
