import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the data folder and database files private to the user: folders 0700, files 0600.
///
/// Modes are set with `mkdir`/`open` and then `chmod`, never by changing the process umask,
/// which is shared by every thread of the process.
enum PrivateFiles {
    static let folderMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    /// Creates the folder and any missing parents with mode 0700, or tightens an existing one to 0700.
    static func prepareFolder(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError.folderNotCreatable(path: path, reason: "a file of that name is in the way")
            }
            if info.st_mode & 0o7777 != folderMode, chmod(path, folderMode) != 0 {
                throw StoreError.folderNotPrivate(path: path)
            }
        } else {
            try createFolders(path)
        }
        guard access(path, W_OK | X_OK) == 0 else { throw StoreError.folderNotWritable(path: path) }
    }

    /// Makes sure a folder that copies go into exists: missing folders are created 0700; an existing
    /// folder chosen by the therapist (a USB stick, say) is used as it is, never re-permissioned.
    static func prepareFolderForCopies(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError.folderNotCreatable(path: path, reason: "a file of that name is in the way")
            }
        } else {
            try createFolders(path)
        }
        guard access(path, W_OK | X_OK) == 0 else { throw StoreError.folderNotWritable(path: path) }
    }

    /// Creates each missing folder of the path, outermost first.
    private static func createFolders(_ path: String) throws {
        var prefixes: [String] = []
        var current = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + component
            prefixes.append(current)
        }
        for prefix in prefixes {
            var info = stat()
            if stat(prefix, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw StoreError.folderNotCreatable(path: path, reason: "\(prefix) is a file, not a folder")
                }
                continue
            }
            if mkdir(prefix, folderMode) != 0 {
                let code = errno
                if code == EEXIST { continue }
                throw StoreError.folderNotCreatable(path: path, reason: reason(for: code))
            }
            // mkdir's mode passes through the umask; set it exactly.
            _ = chmod(prefix, folderMode)
            // The new folder's name is on disk only once its parent is synced.
            syncFolder((prefix as NSString).deletingLastPathComponent)
        }
    }

    /// Syncs a folder, so that names created, renamed or removed in it survive a power cut.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    /// Creates an empty file with mode 0600 unless one exists. Returns true when it created one.
    @discardableResult
    static func createFileIfMissing(_ path: String) throws -> Bool {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, fileMode)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return false }
            switch code {
            case ENOSPC, EDQUOT: throw StoreError.diskFull(path: path)
            case EROFS: throw StoreError.readOnly(path: path)
            default: throw StoreError.folderNotWritable(path: (path as NSString).deletingLastPathComponent)
            }
        }
        _ = fchmod(fd, fileMode)
        _ = fsync(fd)
        _ = close(fd)
        // SQLite syncs the folder for the WAL it creates, not for the database file: do it here.
        syncFolder((path as NSString).deletingLastPathComponent)
        return true
    }

    /// Sets mode 0600 on each of the files that exists and has another mode.
    static func tightenFiles(_ paths: [String]) throws {
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if info.st_mode & 0o7777 != fileMode, chmod(path, fileMode) != 0 {
                throw StoreError.readOnly(path: path)
            }
        }
    }

    /// A short reason for a failed `mkdir`, in plain words.
    private static func reason(for code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case EROFS: "the disk is read-only"
        case ENOSPC, EDQUOT: "the disk is full"
        case ENOTDIR: "part of the path is a file, not a folder"
        case ENAMETOOLONG: "the path is too long"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
