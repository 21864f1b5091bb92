import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("knead backup --encrypt and restore of such a copy")
    struct EncryptedBackups {
        /// Runs knead with `passphrase` (and a line break) on standard input, read through --passphrase-fd 0.
        /// With `passphrase` nil: no descriptor, and no controlling terminal either (`setsid`).
        static func run(_ knead: KneadBinary, _ arguments: [String], passphrase: String?) throws -> (status: Int32, stdout: String, stderr: String) {
            let process = Process()
            if passphrase != nil {
                process.executableURL = URL(fileURLWithPath: try KneadBinary.path())
                process.arguments = arguments + ["--passphrase-fd", "0"]
            } else {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
                process.arguments = ["--wait", try KneadBinary.path()] + arguments
            }
            process.environment = knead.environment()
            let input = Pipe(), out = Pipe(), err = Pipe()
            process.standardInput = input
            process.standardOutput = out
            process.standardError = err
            try process.run()
            input.fileHandleForWriting.write(Data(((passphrase ?? "") + "\n").utf8))
            try input.fileHandleForWriting.close()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
        }

        @Test("an encrypted copy holds no readable data, restores with the passphrase, and refuses a wrong one or a changed byte")
        func roundTrip() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            try SamplePractice.seed(into: journal, now: OutputStreams.now)
            let sessions = try journal.sessions(startedFrom: .distantPast, to: .distantFuture).count
            try journal.close()
            let data = ["--data-dir", knead.dataDir.path]
            let copy = knead.home.appendingPathComponent("usb/copy.knead.enc")
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            let passphrase = "correct horse battery staple"

            let made = try Self.run(knead, ["backup", copy.path, "--encrypt"] + data, passphrase: passphrase)
            #expect(made.status == 0, "\(made.stderr)")
            #expect(made.stdout.contains("to \(copy.path)"))
            let bytes = try Data(contentsOf: copy)
            #expect(Array(bytes.prefix(9)) == Array("KNEADENC".utf8) + [1])
            for secret in ["SQLite format 3", "Tom O'Brien", "María", "Apixaban", passphrase] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) must not be readable in the copy")
            }
            let mode = try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(!made.stderr.contains(passphrase) && !made.stdout.contains(passphrase))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: knead.dataDir.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "no plain copy is left behind: \(leftovers)")

            // Wrong passphrase, then one flipped byte: refused, the data untouched.
            let wrong = try Self.run(knead, ["restore", copy.path, "--yes"] + data, passphrase: "not the passphrase")
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("The passphrase is wrong, or the file was changed"))
            var damaged = bytes
            damaged[damaged.count / 2] ^= 0x01
            let damagedFile = knead.home.appendingPathComponent("damaged.enc")
            try damaged.write(to: damagedFile)
            let flipped = try Self.run(knead, ["restore", damagedFile.path, "--yes"] + data, passphrase: passphrase)
            #expect(flipped.status == 1)
            var header = bytes
            header[10] = 16  // a lower scrypt cost in the header: authenticated, so refused
            try header.write(to: damagedFile)
            #expect(try Self.run(knead, ["restore", damagedFile.path, "--yes"] + data, passphrase: passphrase).status == 1)

            // Add a session to the data, then restore the copy: the data is what the copy holds.
            let later = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            try SamplePractice.record(later, at: OutputStreams.now, client: Client(id: ClientID("new"), name: "New Client"),
                                      minutes: 30, steps: [])
            try later.close()
            let restored = try Self.run(knead, ["restore", copy.path, "--yes"] + data, passphrase: passphrase)
            #expect(restored.status == 0, "\(restored.stderr)")
            #expect(restored.stdout.contains("\(copy.path) checks out"))
            let back = try knead.openJournal()
            #expect(try back.sessions(startedFrom: .distantPast, to: .distantFuture).count == sessions)
            try back.close()
            let after = try FileManager.default.contentsOfDirectory(atPath: knead.dataDir.path).filter { $0.hasPrefix(".") }
            #expect(after.isEmpty, "the decrypted file is removed: \(after)")
        }

        @Test("an encrypted copy in the backups folder is listed beside the plain ones, as encrypted")
        func listedAsEncrypted() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            try SamplePractice.seed(into: journal, now: OutputStreams.now)
            try journal.close()
            let data = ["--data-dir", knead.dataDir.path]
            let made = try Self.run(knead, ["backup", "--encrypt"] + data, passphrase: "correct horse battery staple")
            #expect(made.status == 0, "\(made.stderr)")
            #expect(try Self.run(knead, ["backup"] + data, passphrase: nil).status == 0)
            let list = try Self.run(knead, ["restore"] + data, passphrase: nil)
            #expect(list.status == 0)
            #expect(list.stdout.contains(".sqlite.enc") && list.stdout.contains("encrypted: the passphrase opens it"), "\(list.stdout)")
            #expect(list.stdout.contains(".sqlite ") || list.stdout.contains(".sqlite\t"), "the plain copy is listed too: \(list.stdout)")
        }

        @Test("a short or missing passphrase makes no copy")
        func passphraseRules() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            try journal.close()
            let copy = knead.home.appendingPathComponent("copy.enc")
            let short = try Self.run(knead, ["backup", copy.path, "--encrypt", "--data-dir", knead.dataDir.path], passphrase: "short")
            #expect(short.status == 2)
            #expect(short.stderr.contains("at least 8 characters"))
            #expect(!FileManager.default.fileExists(atPath: copy.path))
            // No terminal, no descriptor, no variable: a sentence, exit 2.
            // KNEAD_BACKUP_PASSPHRASE, for scripts.
            let fromVariable = try knead.runPiped(["backup", copy.path, "--encrypt", "--data-dir", knead.dataDir.path],
                                                  extraEnvironment: ["KNEAD_BACKUP_PASSPHRASE": "from the environment"])
            #expect(fromVariable.status == 0)
            #expect(Array(try Data(contentsOf: copy).prefix(8)) == Array("KNEADENC".utf8))
            let opened = try knead.runPiped(["restore", copy.path, "--yes", "--data-dir", knead.dataDir.path],
                                            extraEnvironment: ["KNEAD_BACKUP_PASSPHRASE": "from the environment"])
            #expect(opened.status == 0, "\(String(decoding: opened.stderr, as: UTF8.self))")
            try FileManager.default.removeItem(at: copy)
            let none = try Self.run(knead, ["backup", copy.path, "--encrypt", "--data-dir", knead.dataDir.path], passphrase: nil)
            #expect(none.status == 2)
            #expect(none.stderr.contains("needs a passphrase"), "\(none.stderr)")
            #expect(!FileManager.default.fileExists(atPath: copy.path))
        }
    }
}

extension EndToEnd.EncryptedBackups {
    @Test("on a terminal the passphrase is asked twice and never shown; Ctrl-C cancels with echo back on and nothing written")
    func terminalPrompt() throws {
        let knead = try KneadBinary()
        defer { knead.removeHome() }
        let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
        try journal.close()
        let copy = knead.home.appendingPathComponent("copy.enc")
        let arguments = ["backup", copy.path, "--encrypt", "--data-dir", knead.dataDir.path]

        let pty = try knead.start(arguments)
        defer { pty.terminate() }
        try pty.waitFor("Passphrase (not shown):")
        try pty.send("hunter2hunter2\r")
        try pty.waitFor("The same passphrase again:")
        try pty.send("hunter2hunterX\u{7F}2\r")  // Backspace edits as usual
        #expect(try pty.waitForExit() == .exited(0))
        #expect(pty.rawOutput.lastRange(of: "hunter2") == nil, "the passphrase is never echoed")
        #expect(FileManager.default.fileExists(atPath: copy.path))
        let restored = try EndToEnd.EncryptedBackups.run(knead, ["restore", copy.path, "--yes", "--data-dir", knead.dataDir.path],
                                                          passphrase: "hunter2hunter2")
        #expect(restored.status == 0, "the passphrase typed is the one the copy opens with: \(restored.stderr)")

        let other = knead.home.appendingPathComponent("other.enc")
        let cancelled = try knead.start(["backup", other.path, "--encrypt", "--data-dir", knead.dataDir.path])
        defer { cancelled.terminate() }
        try cancelled.waitFor("Passphrase (not shown):")
        try cancelled.send("half")
        try cancelled.send(key: .ctrlC)
        #expect(try cancelled.waitForExit() == .exited(130))
        let modes = try #require(cancelled.terminalModes())
        #expect(modes.c_lflag & tcflag_t(ECHO) != 0, "echo is back")
        #expect(modes.c_lflag & tcflag_t(ISIG) != 0, "Ctrl-C is a signal again")
        #expect(!FileManager.default.fileExists(atPath: other.path))
    }
}
