import Foundation
import KneadCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            if try ReportFile.create(path, Data(text.utf8)) {
                PrivateFiles.syncFolder(folder)
                return path
            }
        }
        throw StoreError.failed(reason: "999 reports of this client already exist for \(day) in \(folder)")
    }
}

/// One new private file, written and synced.
private enum ReportFile {
    /// Creates the file 0600 with the data; false when a file of that name exists.
    static func create(_ path: String, _ data: Data) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return false }
            throw StoreError.failed(reason: "the report could not be created (\(String(cString: strerror(code))))")
        }
        var ok = fchmod(fd, 0o600) == 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while ok, offset < buffer.count {
                let written = write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written <= 0 { ok = false } else { offset += written }
            }
        }
        let code = errno
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok else {
            unlink(path)
            throw StoreError.failed(reason: "the report could not be written (\(String(cString: strerror(code)))); nothing was kept")
        }
        return true
    }
}
