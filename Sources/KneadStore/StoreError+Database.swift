import Foundation
import GRDB
import KneadCore

extension StoreError {
    /// Translates any error from GRDB or SQLite into a StoreError; a StoreError passes through.
    ///
    /// Only SQLite's own message is kept, never the SQL statement or its arguments.
    init(_ error: any Error, path: String, session: SessionID? = nil) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self = .failed(reason: String(describing: type(of: error)))
            return
        }
        if let message = error.message, Schema.signedSessionMessages.contains(message) {
            self = .signedSessionLocked(session)
            return
        }
        switch error.resultCode {
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_READONLY: self = .readOnly(path: path)
        case .SQLITE_NOTADB: self = .notADatabase(path: path)
        case .SQLITE_CORRUPT: self = .damaged(path: path, latestBackup: nil)
        case .SQLITE_CANTOPEN: self = .folderNotWritable(path: (path as NSString).deletingLastPathComponent)
        default: self = .failed(reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }
}
