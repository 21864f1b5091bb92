import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    /// `knead backup` and `knead restore` through pipes, on the sample practice.
    @Suite("Backup and restore commands")
    struct BackupCommands {
        static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        static func permissions(_ path: String) throws -> Int {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            return (mode?.intValue ?? -1) & 0o777
        }

        @Test("backup to a folder and to a file: 0600 copies, counts printed; an existing file needs --force")
        func backup() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let folder = knead.home.appendingPathComponent("usb")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

            let toFolder = try knead.runPiped(["backup", folder.path, "--data-dir", knead.dataDir.path])
            #expect(toFolder.status == 0, "\(Self.text(toFolder.stderr))")
            let made = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(made.count == 1 && made[0].hasPrefix("knead-") && made[0].hasSuffix(".sqlite"))
            #expect(Self.text(toFolder.stdout).hasPrefix("Backed up 4 sessions"))
            #expect(try Self.permissions(folder.appendingPathComponent(made[0]).path) == 0o600)

            let file = knead.home.appendingPathComponent("friday.sqlite").path
            #expect(try knead.runPiped(["backup", file, "--data-dir", knead.dataDir.path]).status == 0)
            let again = try knead.runPiped(["backup", file, "--data-dir", knead.dataDir.path])
            #expect(again.status == 1)
            #expect(Self.text(again.stderr).contains("already exists"))
            #expect(try knead.runPiped(["backup", file, "--force", "--data-dir", knead.dataDir.path]).status == 0)

            // Without DEST the copy goes to the backups folder, and restore lists it.
            #expect(try knead.runPiped(["backup", "--data-dir", knead.dataDir.path]).status == 0)
            let list = try knead.runPiped(["restore", "--data-dir", knead.dataDir.path])
            #expect(list.status == 0)
            #expect(Self.text(list.stdout).contains("knead-"))
        }

        @Test("restore: a bad file exits 1 and changes nothing; without a terminal it needs --yes; with it the backup is the data again")
        func restore() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let backup = knead.home.appendingPathComponent("monday.sqlite").path
            #expect(try knead.runPiped(["backup", backup, "--data-dir", knead.dataDir.path]).status == 0)

            // A session added after the backup.
            let journal = try knead.openJournal()
            let extra = SessionID("after-the-backup")
            try journal.append([SessionEvent(at: RecordsCommands.now, .started(SessionStart(
                client: Client(id: ClientID("late"), name: "Late Client"), plannedMinutes: 30)))], to: extra)
            try journal.close()
            let database = DataLocation(folder: knead.dataDir).databaseFile.path
            let before = try Data(contentsOf: URL(fileURLWithPath: database))

            let junk = knead.home.appendingPathComponent("junk.sqlite").path
            try Data(repeating: 1, count: 4096).write(to: URL(fileURLWithPath: junk))
            let refused = try knead.runPiped(["restore", junk, "--yes", "--data-dir", knead.dataDir.path])
            #expect(refused.status == 1)
            #expect(Self.text(refused.stderr).contains("not an SQLite database"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)

            let unasked = try knead.runPiped(["restore", backup, "--data-dir", knead.dataDir.path])
            #expect(unasked.status == 2)
            #expect(Self.text(unasked.stderr).contains("--yes"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)

            let done = try knead.runPiped(["restore", backup, "--yes", "--data-dir", knead.dataDir.path])
            #expect(done.status == 0, "\(Self.text(done.stderr))")
            #expect(Self.text(done.stdout).contains("checks out: 4 sessions"))
            let reopened = try knead.openJournal()
            defer { try? reopened.close() }
            #expect(try reopened.events(of: extra).isEmpty)
            #expect(try Self.permissions(database) == 0o600)
            // The restored data's access log says it was put back, from which file, and where the
            // data it replaced went; the refused attempts left no line.
            let restores = try reopened.accessLog().filter { $0.action == .restore }
            #expect(restores.count == 1)
            #expect(restores.first?.detail.hasPrefix("monday.sqlite; the data it replaced is kept in before-restore-") == true,
                    "\(restores)")
        }

        @Test("Opening knead makes today's automatic backup in the background, a 0600 file in a 0700 folder")
        func dailyBackupOnOpen() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let folder = knead.dataDir.appendingPathComponent("backups")
            let terminal = try knead.start()
            defer { terminal.terminate() }
            _ = try terminal.waitFor("Today")
            let deadline = Date().addingTimeInterval(15)
            var made: [String] = []
            while Date() < deadline {
                made = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                    .filter { $0.hasPrefix("daily-") && $0.hasSuffix(".sqlite") }
                if !made.isEmpty { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(made.count == 1, "no daily backup appeared within 15 s")
            try terminal.send("n")  // the sample practice offers to resume a session
            try terminal.send("q")
            _ = try terminal.waitForExit()
            if let name = made.first {
                #expect(try Self.permissions(folder.appendingPathComponent(name).path) == 0o600)
                #expect(try Self.permissions(folder.path) == 0o700)
                #expect(try Backups.check(folder.appendingPathComponent(name)).sessions == 4)
            }
        }

        @Test("restore is refused while knead is open on the data, and the open session's data is untouched")
        func restoreRefusedWhileOpen() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let backup = knead.home.appendingPathComponent("copy.sqlite").path
            #expect(try knead.runPiped(["backup", backup, "--data-dir", knead.dataDir.path]).status == 0)
            let terminal = try knead.start()
            defer { terminal.terminate() }
            _ = try terminal.waitFor("Today")
            let refused = try knead.runPiped(["restore", backup, "--yes", "--data-dir", knead.dataDir.path])
            #expect(refused.status == 1)
            #expect(Self.text(refused.stderr).contains("already open"))
            // A backup is still allowed: SQLite's online backup reads beside the open app.
            #expect(try knead.runPiped(["backup", "--data-dir", knead.dataDir.path]).status == 0)
            try terminal.send("n")
            try terminal.send("q")
            _ = try terminal.waitForExit()
            #expect(try knead.runPiped(["restore", backup, "--yes", "--data-dir", knead.dataDir.path]).status == 0)
        }

        @Test("A path with escape sequences is written as it is, but never echoed raw to the terminal")
        func hostilePathsAreNotEchoed() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let hostile = knead.home.appendingPathComponent("copy\u{1B}]0;owned\u{07}\u{1B}[2J.sqlite").path
            let made = try knead.runPiped(["backup", hostile, "--data-dir", knead.dataDir.path])
            #expect(made.status == 0)
            #expect(FileManager.default.fileExists(atPath: hostile), "the file has exactly the name asked for")
            #expect(!made.stdout.contains(0x1B) && !made.stdout.contains(0x07))
            let again = try knead.runPiped(["backup", hostile, "--data-dir", knead.dataDir.path])
            #expect(again.status == 1)
            #expect(!again.stderr.contains(0x1B) && !again.stderr.contains(0x07), "the error quotes the path safely")
            let missing = try knead.runPiped(["restore", hostile + "\u{1B}[31m", "--yes", "--data-dir", knead.dataDir.path])
            #expect(missing.status == 1)
            #expect(!missing.stderr.contains(0x1B))
        }
    }
}
