import ArgumentParser
import Foundation
import KneadCore
import KneadStore
import KneadUI

extension Knead {
    /// Puts a backup back as the therapist's data, after checking it.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Check a backup and make it your data again (lists the backups without FILE).",
            discussion: """
            The backup is checked first: an SQLite file, undamaged (integrity check), made by \
            knead, not by a newer version, every entry readable. Only then is the data replaced; \
            the data it replaces is first copied to backups/before-restore-….sqlite, so a restore \
            can itself be undone. The backup file is only read. knead must not be open on the data.

            Exit status: 0 when restored (or the list printed); 1 when the backup does not check \
            out or the data cannot be written (nothing is changed); 2 for bad usage, or when \
            standard input is not a terminal and --yes is not given.
            """
        )

        @Argument(help: ArgumentHelp("The backup file to restore.", valueName: "file"))
        var file: String?

        @Flag(name: .long, help: "Do not ask before replacing the data.")
        var yes = false

        @Option(name: .long, help: ArgumentHelp("For an encrypted backup: read the passphrase from this file descriptor (else KNEAD_BACKUP_PASSPHRASE, else the terminal).", valueName: "n"))
        var passphraseFd: Int32?

        @OptionGroup var records: RecordsOptions

        func run() throws {
            let location = try records.location()
            guard let file else { return list(location) }
            let given = Self.resolve(file, in: location)
            let clock = try CommandClock.resolve()
            // Replacing the data under an open knead would pull it from under the session.
            let lock: DataLock
            do {
                lock = try DataLock.acquire(folder: location.folder, now: clock.now())
            } catch {
                let message = "\(error)"
                printError(message.hasPrefix("knead ") ? message : "knead: \(message)")
                throw ExitCode(1)
            }
            defer { lock.release() }
            // An encrypted backup is opened into a private file in the data folder, checked and
            // restored from there like any other, then removed.
            var backup = given
            if EncryptedBackup.isEncrypted(given) {
                let passphrase = try PassphraseSource(fileDescriptor: passphraseFd, environment: ProcessInfo.processInfo.environment)
                    .read(confirming: false)
                do {
                    backup = try EncryptedBackup.decryptForRestore(given, into: location, passphrase: passphrase)
                } catch {
                    printError("knead: \(error)")
                    throw ExitCode(1)
                }
            }
            defer { if backup != given { EncryptedBackup.removeScratch(backup) } }
            let dates = Formatting()
            let checked: Backups.Summary
            do {
                checked = try Backups.check(backup)
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            let latest = checked.latestSession.map { " (latest session \(dates.date($0)) \(dates.time($0)))" } ?? ""
            StandardOutput.line("\(Output.safe(given.path)) checks out: \(counted(checked.sessions, "session")), "
                  + "\(counted(checked.clients, "client")), \(counted(checked.events, "entry", plural: "entries"))\(latest).")
            if checked.unreadableEntries > 0 {
                print("\(counted(checked.unreadableEntries, "entry", plural: "entries")) in it cannot be read; "
                      + "they are restored as they are and shown as unreadable (knead verify names them).")
            }
            if !yes {
                guard isatty(0) == 1 else {
                    printError("knead: restoring replaces the data in \(location.folder.path); add --yes to do it without asking.")
                    throw ExitCode(2)
                }
                // The question goes to standard error, like other prompts, so it shows even when output is piped.
                printError("Replace the data in \(Output.safe(location.folder.path)) with it? The current data is kept as a backup first. [y/N] ",
                           terminator: "")
                guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased().trimmingCharacters(in: .whitespaces)) else {
                    StandardOutput.line("Nothing was changed.")
                    return
                }
            }
            var restoredData: Backups.Restored?
            do {
                let done = try Backups.restore(backup, into: location, now: clock.now(), timeZone: .current)
                if let previous = done.previous { StandardOutput.line("The data it replaced is kept in \(Output.safe(previous.path))") }
                StandardOutput.line("Restored \(counted(done.restored.sessions, "session")) into \(Output.safe(location.databaseFile.path))")
                restoredData = done
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            // The restored data's access log says it was put back, from which file, and where the
            // data it replaced went. Only after the switch: before, the line would go with the old data.
            let replaced = restoredData?.previous.map { "; the data it replaced is kept in \($0.lastPathComponent)" } ?? ""
            let environment = ProcessInfo.processInfo.environment
            let entry = AccessEntry(at: clock.now(), who: AccessLogging.who(environment), action: .restore,
                                    detail: given.lastPathComponent + replaced)
            do {
                try SQLiteJournal.recordAccess(entry, at: location)
            } catch {
                printError("knead: the data was restored, but the access log could not record the restore: \(error)")
                throw ExitCode(1)
            }
        }

        /// A path as given, or a bare name from `knead restore`'s list found in the backups folder.
        static func resolve(_ file: String, in location: DataLocation) -> URL {
            let given = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
            if !file.contains("/"), !FileManager.default.fileExists(atPath: given.path) {
                let listed = Backups.folder(of: location).appendingPathComponent(file)
                if FileManager.default.fileExists(atPath: listed.path) { return listed }
            }
            return given
        }

        /// Prints the backups in the data folder, newest first.
        private func list(_ location: DataLocation) {
            let files = Backups.list(location)
            guard !files.isEmpty else {
                StandardOutput.line("There are no backups in \(Output.safe(Backups.folder(of: location).path)) yet. Make one with: knead backup")
                return
            }
            StandardOutput.line("Backups in \(Output.safe(Backups.folder(of: location).path)), newest first:")
            var rows: [[String]] = [["file", "sessions", "clients"]]
            for file in files {
                if EncryptedBackup.isEncrypted(file) {
                    rows.append([Output.safe(file.lastPathComponent), "?", "? (encrypted: the passphrase opens it)"])
                } else if let summary = try? Backups.summary(of: file) {
                    rows.append([Output.safe(file.lastPathComponent), "\(summary.sessions)", "\(summary.clients)"])
                } else {
                    rows.append([Output.safe(file.lastPathComponent), "?", "? (cannot be read)"])
                }
            }
            for line in Output.table(rows) { StandardOutput.line("  " + line) }
            StandardOutput.line("Restore one with: knead restore FILE")
        }
    }
}
