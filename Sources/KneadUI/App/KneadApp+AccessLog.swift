import Foundation
import KneadCore

extension KneadApp {
    /// Puts a view of client data in the access log, when the journal keeps one: who (the
    /// therapist's name), when (the app's clock), what. A view that cannot be logged is still
    /// shown (the therapist is at work, and the data is theirs), but the status line says so.
    func logAccess(_ action: AccessEntry.Action, client: ClientID? = nil, detail: String = "") {
        guard let log = journal as? AccessRecording else { return }
        do {
            try log.recordAccess(AccessEntry(at: clock.now(), who: settings.therapistName, action: action,
                                             client: client, detail: detail))
        } catch {
            status = StatusMessage(text: "This view could not be written to the access log: \(error)", kind: .warning)
        }
    }
}
