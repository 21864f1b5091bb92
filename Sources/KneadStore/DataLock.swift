import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per data folder: the interactive app holds this lock while it is open.
///
/// An advisory `flock` on `knead.lock` (0600) in the data folder. The kernel drops the lock
/// when its holder's descriptor closes, which includes the process dying by `kill -9` or a
/// power cut, so a stale lock can never block the next start; no pid file has to be trusted.
/// The file holds the holder's process id and start time (no client data) so that a second
/// knead can say who has the data open. Commands that only read (review, history, search,
/// export) do not take it: SQLite's WAL lets them read while the app writes.
public final class DataLock {
    /// The name of the lock file inside the data folder.
    public static let fileName = "knead.lock"

    /// Who holds a data folder's lock.
    public struct Holder: Hashable, Sendable {
        /// The holder's process id.
        public var processID: Int32
        /// When the holder took the lock, when it wrote it down.
        public var since: Date?

        public init(processID: Int32, since: Date?) {
            self.processID = processID
            self.since = since
        }
    }

    private var descriptor: Int32
    /// The lock file.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes the lock of a data folder, creating the folder (0700) and the lock file (0600) as needed.
    ///
    /// - Throws: ``StoreError/alreadyOpen(processID:since:)`` when another process holds it, or
    ///   the folder errors of opening the database when the folder cannot be used.
    public static func acquire(folder: URL, now: Date) throws -> DataLock {
        let folderPath = folder.standardizedFileURL.path
        try PrivateFiles.prepareFolder(folderPath)
        let path = lockPath(folderPath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, PrivateFiles.fileMode)
        guard fd >= 0 else { throw openError(errno, folder: folderPath, path: path) }
        var info = stat()
        if fstat(fd, &info) != 0 || info.st_mode & 0o7777 != PrivateFiles.fileMode { _ = fchmod(fd, PrivateFiles.fileMode) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = readHolder(fd)
            close(fd)
            if code == EWOULDBLOCK {
                throw StoreError.alreadyOpen(processID: holder?.processID ?? 0, since: holder?.since)
            }
            throw StoreError.failed(reason: "the lock file \(path) cannot be locked")
        }
        // The record over the old one, then cut to its length: no truncation to nothing first,
        // which made the file system free and reallocate its block at every start.
        let record = Array("\(getpid()) \(now.timeIntervalSince1970)\n".utf8)
        let written = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        if written == record.count { _ = ftruncate(fd, off_t(record.count)) } else { _ = ftruncate(fd, 0) }
        return DataLock(descriptor: fd, path: path)
    }

    /// Who holds the lock of a data folder, or nil when nobody does (or there is no lock file).
    public static func holder(folder: URL) -> Holder? {
        let fd = open(lockPath(folder.standardizedFileURL.path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        return readHolder(fd) ?? Holder(processID: 0, since: nil)
    }

    /// Gives the lock up. Safe to call twice; closing the process does the same.
    public func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    private static func lockPath(_ folder: String) -> String {
        (folder as NSString).appendingPathComponent(fileName)
    }

    /// The "pid seconds-since-1970" record the holder wrote.
    private static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let fields = String(decoding: buffer.prefix(count), as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let first = fields.first, let pid = Int32(first) else { return nil }
        let since = fields.dropFirst().first.flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0) }
        return Holder(processID: pid, since: since)
    }

    private static func openError(_ code: Int32, folder: String, path: String) -> StoreError {
        switch code {
        case ENOSPC, EDQUOT: .diskFull(path: path)
        case EROFS: .readOnly(path: path)
        default: .folderNotWritable(path: folder)
        }
    }
}
