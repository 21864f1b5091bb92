import Foundation
import KneadCore

/// Progress reports written from the screens go to `reports/` in the data folder: the folder
/// 0700, each file 0600, created new (never over an earlier one), synced before it is named.
extension SQLiteJournal: ReportFiling {
    public func fileReport(_ text: String, for client: ClientID, on day: CalendarDate, extension ext: String) throws -> String {
        let folder = location.folder.appendingPathComponent("reports").path
        try PrivateFiles.prepareFolder(folder)
        // The client id, not the name, names the file: the folder listing shows no health data.
        let safeID = String(client.rawValue.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" })
        let base = "report-\(safeID)-\(day)"
        for n in 1...999 {
            let path = folder + "/" + base + (n == 1 ? "" : "-\(n)") + "." + ext
            do {
                guard try NewPrivateFile.create(path, Data(text.utf8)) == .created else { continue }
            } catch {
                throw StoreError.failed(reason: error.stage == .create
                    ? "the report could not be created (\(error.reason))"
                    : "the report could not be written (\(error.reason)); nothing was kept")
            }
            PrivateFiles.syncFolder(folder)
            return path
        }
        throw StoreError.failed(reason: "999 reports of this client already exist for \(day) in \(folder)")
    }
}
