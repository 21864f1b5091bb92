import ArgumentParser
import Foundation
import KneadStore
#if canImport(Glibc)
import Glibc
#endif

/// `knead backup --encrypt` and the restore of such a copy. The plain copy exists only inside
/// the data folder (0700, where the data already is), for as long as it takes to encrypt or
/// check it, and is removed however the command ends.
extension EncryptedBackup {
    /// Makes a checked backup, then writes it encrypted to `target` (0600, under a `.partial`
    /// name until it is whole); the summary names `target`.
    static func copy(_ location: DataLocation, to target: URL, replacing: Bool, passphrase: String) throws -> Backups.Summary {
        if !replacing, FileManager.default.fileExists(atPath: target.path) {
            throw Failure("\(target.path) already exists; nothing was written. Add --force to replace it.")
        }
        let plain = privateScratch(in: location, "encrypting")
        defer { removeScratch(plain) }
        var summary = try Backups.copy(location, to: plain)
        // The backups folder (or new folders of DEST) is made as a plain copy's is.
        try Backups.prepareFolder(for: target)
        let sealed = try seal(try Data(contentsOf: plain), passphrase: passphrase)
        let partial = target.path + ".partial"
        do {
            try PrivateOutput.save(sealed, to: partial, replacing: true)
        } catch let error as DocumentError {
            throw Failure(error.message)
        }
        guard rename(partial, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw Failure("Could not name the encrypted copy \(target.path): \(reason). Nothing was kept.")
        }
        Backups.syncFolder(holding: target)
        summary.file = target
        return summary
    }

    /// Decrypts an encrypted backup into a private file in the data folder for restore to check
    /// and use; the caller removes it with ``removeScratch(_:)``.
    static func decryptForRestore(_ backup: URL, into location: DataLocation, passphrase: String) throws -> URL {
        let plain = try open(try Data(contentsOf: backup), passphrase: passphrase)
        let scratch = privateScratch(in: location, "restoring")
        do {
            try PrivateOutput.save(plain, to: scratch.path, replacing: false)
        } catch let error as DocumentError {
            throw Failure(error.message)
        }
        return scratch
    }

    /// A name for a plain copy inside the data folder.
    static func privateScratch(in location: DataLocation, _ purpose: String) -> URL {
        location.folder.appendingPathComponent(".\(purpose)-\(UUID().uuidString.prefix(8)).sqlite")
    }

    /// Removes a plain copy and any SQLite files beside it.
    static func removeScratch(_ file: URL) {
        for suffix in ["", "-wal", "-shm", "-journal", ".partial"] { unlink(file.path + suffix) }
    }
}
