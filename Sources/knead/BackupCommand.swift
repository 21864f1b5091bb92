import ArgumentParser
import Foundation
import KneadStore
import KneadUI

extension Knead {
    /// Copies the database, safely even while knead is open, to a file the therapist keeps.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy your data to a backup file (safe while knead is open).",
            discussion: """
            Uses SQLite's online backup, so a session open in another window is copied as it \
            stands. DEST is a file, or a folder to put a dated file in; without DEST the copy goes \
            to the backups folder inside the data folder. Copies are private (0600) and checked \
            before they are kept. knead also makes one automatic copy a day when it opens \
            (backups/daily-YYYY-MM-DD.sqlite) and keeps the last 7 days of them.

            Exit status: 0 when the copy is made and checked; 1 when it cannot be made (nothing is \
            left half-written); 2 for bad usage.
            """
        )

        @Argument(help: ArgumentHelp("File or folder to write the copy to.", valueName: "dest"))
        var destination: String?

        @Flag(name: .long, help: "Replace DEST if it is an existing file.")
        var force = false

        @Flag(name: .long, help: "Encrypt the copy with a passphrase (AES-256-GCM, key by scrypt), for copies that leave this machine.")
        var encrypt = false

        @Option(name: .long, help: ArgumentHelp("With --encrypt: read the passphrase from this file descriptor (else KNEAD_BACKUP_PASSPHRASE, else the terminal).", valueName: "n"))
        var passphraseFd: Int32?

        @OptionGroup var records: RecordsOptions

        func validate() throws {
            guard let destination else { return }
            if destination.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("DEST is empty. Name a file or a folder to back up to, or leave DEST out for the backups folder.")
            }
            // A trailing slash says "this folder": a missing one is a typing mistake, not a file name.
            if destination.hasSuffix("/") {
                var isFolder: ObjCBool = false
                let path = (destination as NSString).expandingTildeInPath
                if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) || !isFolder.boolValue {
                    throw ValidationError("\(destination) is not a folder. Make the folder first, or name a file to back up to.")
                }
            }
            if passphraseFd != nil, !encrypt { throw ValidationError("--passphrase-fd only applies with --encrypt.") }
        }

        func run() throws {
            let location = try records.location()
            let passphrase = encrypt
                ? try PassphraseSource(fileDescriptor: passphraseFd, environment: ProcessInfo.processInfo.environment).read(confirming: true)
                : nil
            let now = try CommandClock.resolve().now()
            let name = Backups.manualFileName(at: now, timeZone: .current) + (encrypt ? ".enc" : "")
            let target: URL
            if let destination {
                let url = URL(fileURLWithPath: (destination as NSString).expandingTildeInPath)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                    target = url.appendingPathComponent(name)
                } else {
                    target = url
                }
            } else {
                target = Backups.folder(of: location).appendingPathComponent(name)
            }
            try AccessLogging.record(.backup, detail: target.path, at: location)
            do {
                let summary = if let passphrase {
                    try EncryptedBackup.copy(location, to: target, replacing: force, passphrase: passphrase)
                } else {
                    try Backups.copy(location, to: target, replacing: force)
                }
                StandardOutput.line("Backed up \(counted(summary.sessions, "session")), \(counted(summary.clients, "client")) "
                      + "and \(counted(summary.events, "entry", plural: "entries")) to \(Output.safe(summary.file.path))")
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// "1 session", "3 sessions".
func counted(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}
