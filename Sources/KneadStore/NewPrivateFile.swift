import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One new file only its owner can read (0600), written in full and synced before it counts as
/// made; never over an existing file. Reports, exports and handouts are written through it.
public enum NewPrivateFile {
    public enum Outcome: Sendable, Equatable { case created, exists }

    /// Why the file could not be made; nothing of it is left behind.
    public struct Failure: Error, Sendable {
        public enum Stage: Sendable { case create, write }
        public let stage: Stage
        public let code: Int32
        /// The system's words for the failure ("No space left on device").
        public var reason: String { String(cString: strerror(code)) }
    }

    /// Creates `path` with `data`. Returns `.exists` when a file of that name is already there
    /// (it is left untouched); throws ``Failure`` when the file cannot be created, written or
    /// synced, and then removes what it began.
    public static func create(_ path: String, _ data: Data) throws(Failure) -> Outcome {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return .exists }
            throw Failure(stage: .create, code: code)
        }
        var failure: Int32 = fchmod(fd, 0o600) == 0 ? 0 : errno
        data.withUnsafeBytes { buffer in
            var offset = 0
            while failure == 0, offset < buffer.count {
                let written = write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written > 0 { offset += written }
                else if written < 0, errno == EINTR { continue }
                else { failure = written < 0 ? errno : EIO }
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0 else {
            unlink(path)
            throw Failure(stage: .write, code: failure)
        }
        return .created
    }
}
