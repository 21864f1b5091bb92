import Foundation
import KneadCore

/// Why the store could not do what was asked, in words a therapist can act on.
///
/// Descriptions name folders, files, session ids and sequence numbers, never client data.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Neither a data folder was given nor a home folder is known.
    case noDataFolder
    /// The data folder does not exist and cannot be made; `reason` says why (e.g. "permission denied").
    case folderNotCreatable(path: String, reason: String)
    /// The data folder exists but Knead may not write in it.
    case folderNotWritable(path: String)
    /// The data folder is readable by others and its permissions cannot be tightened.
    case folderNotPrivate(path: String)
    /// The data file is not an SQLite database.
    case notADatabase(path: String)
    /// The database was written by a newer version of Knead.
    case newerVersion(path: String)
    /// The database file or its disk is read-only.
    case readOnly(path: String)
    /// The disk is full.
    case diskFull(path: String)
    /// A stored event cannot be read back.
    case unreadableEvent(session: SessionID, seq: Int)
    /// Events were added to a session the journal does not know, and the first is not its start.
    case unknownSession(SessionID)
    /// A start event was added to a session that has already started, or not as its first event.
    case alreadyStarted(SessionID)
    /// The session is signed: only amendments may be added, nothing changed or removed.
    case signedSessionLocked(SessionID?)
    /// The session was started on another therapist's knead (pulled from the clinic record):
    /// only that knead records in it; here only an amendment of the signed note is taken.
    case anotherTherapistsSession(SessionID, therapist: String)
    /// Another knead holds the data folder's lock (see ``DataLock``): `processID` since `since`.
    case alreadyOpen(processID: Int32, since: Date?)
    /// The database or its WAL was moved, deleted or replaced while knead had it open.
    case filesMoved(folder: String)
    /// The database file is damaged; `latestBackup` names the newest backup that checks out.
    case damaged(path: String, latestBackup: String?)
    /// The file is an SQLite database that another program made (its tables are not knead's).
    case foreignDatabase(path: String)
    /// The file has a table knead uses (`table`) that knead did not make.
    case conflictingTable(path: String, table: String)
    /// The file is empty: there are no records in it yet.
    case noRecordsYet(path: String)
    /// The database was made by an older knead and must be brought up to date by opening knead once.
    case olderVersion(path: String)
    /// Anything else the database reported; `reason` is SQLite's message, never data.
    case failed(reason: String)

    public var description: String {
        switch self {
        case .noDataFolder:
            "Knead cannot tell where to keep its data because no home folder is set. Choose a folder with --data-dir."
        case .folderNotCreatable(let path, let reason):
            "The data folder \(path) cannot be created: \(reason). Choose another folder with --data-dir."
        case .folderNotWritable(let path):
            "The data folder \(path) cannot be written to. Check its permissions or choose another folder with --data-dir."
        case .folderNotPrivate(let path):
            "The data folder \(path) can be read by other users and Knead cannot make it private. Change its owner or choose another folder with --data-dir."
        case .notADatabase(let path):
            "The file \(path) is not a Knead database. Move it aside or choose another folder with --data-dir; Knead has left it unchanged."
        case .newerVersion(let path):
            "The database \(path) was written by a newer version of Knead. Update Knead to open it; the file has been left unchanged."
        case .readOnly(let path):
            "The database \(path) is read-only, so nothing can be saved. Check the file's permissions or choose another folder with --data-dir."
        case .diskFull(let path):
            "The disk holding \(path) is full, so nothing more can be saved. Free some space and try again."
        case .unreadableEvent(let session, let seq):
            "Entry \(seq) of session \(session) cannot be read; the database may be damaged. Keep a copy of the data folder and ask for help."
        case .unknownSession(let session):
            "Session \(session) is not in the journal yet. Start the session before recording anything in it."
        case .alreadyStarted(let session):
            "Session \(session) has already started; it cannot start again."
        case .signedSessionLocked(let session):
            if let session {
                "Session \(session) is signed and locked. Add an amendment instead."
            } else {
                "This session is signed and locked. Add an amendment instead."
            }
        case .anotherTherapistsSession(_, let therapist):
            "This session was started on \(therapist)'s knead, so only that knead records in it. Once it is signed, add an amendment instead."
        case .alreadyOpen(let processID, let since):
            "knead is already open on this data (process \(processID)\(since.map { " since " + Self.clockTime($0) } ?? "")). Close it first, or use the other window."
        case .filesMoved(let folder):
            "The data files were moved, deleted or replaced while knead was open (in \(folder)); nothing is written until knead has put them back."
        case .damaged(let path, let latestBackup):
            if let latestBackup {
                "The database \(path) is damaged, so knead does not write into it. Quit knead and restore the latest good backup: knead restore \(latestBackup)"
            } else {
                "The database \(path) is damaged, so knead does not write into it, and no backup checks out. Keep a copy of the data folder and ask for help."
            }
        case .foreignDatabase(let path):
            "The file \(path) is an SQLite database that another program made, not a Knead database. Knead has left it unchanged; move it aside or choose another folder with --data-dir."
        case .conflictingTable(let path, let table):
            "The file \(path) has a table named \(table) that Knead did not make, so it is not a Knead database. Knead has left it unchanged; move it aside or choose another folder with --data-dir."
        case .noRecordsYet(let path):
            "The file \(path) is empty: there are no records in it yet. Open knead to start recording, or check --data-dir or KNEAD_DATA_DIR."
        case .olderVersion(let path):
            "The database \(path) was made by an older version of Knead. Open it once with knead to bring it up to date, then try again; nothing was changed."
        case .failed(let reason):
            "The database reported a problem: \(reason). Try again; if it keeps happening, keep a copy of the data folder and ask for help."
        }
    }

    /// Whether saving failed only for want of disk space, so that it may succeed later.
    public var isOutOfSpace: Bool {
        if case .diskFull = self { true } else { false }
    }

    /// Whether saving may succeed later by itself: space freed, or moved files put back by knead.
    public var mayPassByItself: Bool {
        switch self {
        case .diskFull, .filesMoved: true
        default: false
        }
    }

    /// A time of day as HH:MM in the local time zone.
    private static func clockTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: date)
    }
}

extension StoreError: SpaceShortage {}
