import Foundation

/// Keeps a written progress report as a private file beside the records (folder 0700, file
/// 0600), so that the screens can hand one to a physician without knowing where the data lives.
/// KneadStore implements it in the data folder.
public protocol ReportFiling: AnyObject, Sendable {
    /// Writes a new file and returns its path; an earlier report of the same day is never
    /// replaced (the new one gets a number).
    func fileReport(_ text: String, for client: ClientID, on day: CalendarDate, extension: String) throws -> String
}
