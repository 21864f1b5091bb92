import Foundation
import GRDB
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    /// The commands that only read change no byte of any file, and refuse files that are not knead's.
    @Suite("Reading commands change nothing and refuse what is not knead's")
    struct ReadOnlyRecords {
        static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        /// The bytes of the database and whether a -wal or -shm is beside it.
        static func state(_ file: URL) throws -> (Data, Bool, Bool) {
            (try Data(contentsOf: file), FileManager.default.fileExists(atPath: file.path + "-wal"),
             FileManager.default.fileExists(atPath: file.path + "-shm"))
        }

        /// Everything knead keeps in the file but the access log, as text, and the access log's
        /// length: read from a copy, so that reading it changes nothing.
        static func records(_ file: URL) throws -> (records: [String], accessEntries: Int, schemaVersion: Int) {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("knead-records-\(UUID().uuidString).sqlite")
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy.path + suffix) } }
            try FileManager.default.copyItem(at: file, to: copy)
            if FileManager.default.fileExists(atPath: file.path + "-wal") {
                try FileManager.default.copyItem(atPath: file.path + "-wal", toPath: copy.path + "-wal")
            }
            let queue = try DatabaseQueue(path: copy.path)
            defer { try? queue.close() }
            return try queue.read { db in
                var records = try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || IFNULL(sql, '') FROM sqlite_master ORDER BY name")
                for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'note_search_%' AND name <> 'access_log' ORDER BY name") {
                    records += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
                }
                let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM access_log") ?? 0
                return (records, entries, try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0)
            }
        }

        /// A session of the seeded practice in a phase, found without writing to the file.
        static func session(_ knead: KneadBinary, signed: Bool) throws -> String {
            let journal = try SQLiteJournal.openForReading(at: DataLocation(folder: knead.dataDir), clock: testClock())
            defer { try? journal.close() }
            return try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
                .first { ($0.phase == .signed) == signed }?.id.rawValue ?? ""
        }

        static func readingRuns(_ knead: KneadBinary, session: String) -> [[String]] {
            let data = ["--data-dir", knead.dataDir.path]
            return [["review", "--date", "2026-11-18"] + data, ["review", "--date", "2026-11-18", "--format", "json"] + data,
                    ["history", "María"] + data, ["search", "trigger"] + data,
                    ["export", session] + data, ["export", session, "-f", "json"] + data, ["verify"] + data]
        }

        @Test("review, history, search, export and verify leave knead's records as they were (adding only their access-log entry) and make no -wal or -shm",
              arguments: [true, false])
        func nothingChanges(walLeftBeside: Bool) throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let file = knead.dataDir.appendingPathComponent("knead.sqlite")
            let session = try Self.session(knead, signed: true)
            try #require(!session.isEmpty)
            if !walLeftBeside {
                // As a copy or a checkpointed file is: WAL mode in its header, no -wal or -shm beside it.
                let queue = try DatabaseQueue(path: file.path)
                try queue.writeWithoutTransaction { _ = try String.fetchOne($0, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
                try queue.close()
                try #require(!FileManager.default.fileExists(atPath: file.path + "-wal"))
            }
            // knead leaves its -wal and -shm in place (GRDB keeps the WAL); a reader makes none of its own.
            // The one thing a reading command writes is its access-log entry (issue: every view is
            // logged), through a short connection of its own; knead's records, its schema and the
            // files beside it stay as they were, and verify writes nothing at all.
            var before = try Self.state(file)
            var previous = try Self.records(file)
            for arguments in Self.readingRuns(knead, session: session) {
                let run = try knead.runPiped(arguments)
                #expect(run.status == 0, "\(arguments): \(Self.text(run.stderr))")
                let after = try Self.state(file)
                let now = try Self.records(file)
                #expect(now.records == previous.records, "\(arguments[0]) changed knead's records")
                #expect(now.schemaVersion == previous.schemaVersion, "\(arguments[0]) changed the schema")
                #expect(now.accessEntries == previous.accessEntries + (arguments[0] == "verify" ? 0 : 1),
                        "\(arguments[0]) adds exactly its own access-log entry")
                if arguments[0] == "verify" { #expect(after.0 == before.0, "verify changed the file") }
                #expect((!after.1 || before.1) && (!after.2 || before.2), "\(arguments[0]) left a -wal or -shm")
                previous = now
                before = after
            }
        }

        @Test("A foreign file, a conflicting events table and an empty file: every reading command and the app refuse, untouched",
              arguments: ["foreign", "conflicting", "empty"])
        func foreignFiles(_ kind: String) throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            try FileManager.default.createDirectory(at: knead.dataDir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let file = knead.dataDir.appendingPathComponent("knead.sqlite")
            let expected: String
            switch kind {
            case "foreign":
                let queue = try DatabaseQueue(path: file.path)
                try queue.write { try $0.execute(sql: "CREATE TABLE foo (bar TEXT); INSERT INTO foo VALUES ('keep')") }
                try queue.close()
                expected = "is an SQLite database that another program made"
            case "conflicting":
                let queue = try DatabaseQueue(path: file.path)
                try queue.write { try $0.execute(sql: "CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT)") }
                try queue.close()
                expected = "has a table named events that Knead did not make"
            default:
                try Data().write(to: file)
                expected = "is empty: there are no records in it yet"
            }
            let before = try Self.state(file)
            for arguments in Self.readingRuns(knead, session: "abc") {
                let run = try knead.runPiped(arguments)
                let message = Self.text(run.stderr)
                #expect(run.status == 1, "\(arguments): \(message)")
                #expect(message.contains(file.path) && message.contains(expected), "\(arguments): \(message)")
                let after = try Self.state(file)
                #expect(after.0 == before.0 && !after.1 && !after.2, "\(arguments[0]) touched the file")
            }
            guard kind != "empty" else { return }
            // The app refuses it too, untouched (an empty file is where it makes its database).
            let pty = try knead.start()
            defer { pty.terminate() }
            #expect(try pty.waitForExit() == .exited(1))
            #expect(String(decoding: pty.rawOutput, as: UTF8.self).contains(expected))
            let after = try Self.state(file)
            #expect(after.0 == before.0 && !after.1 && !after.2, "the app touched the file")
        }

        @Test("verify: exit 0 on knead's own data, 1 naming the first entry changed outside knead, 2 for bad usage")
        func verifyStatuses() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let data = ["--data-dir", knead.dataDir.path]
            let good = try knead.runPiped(["verify"] + data)
            #expect(good.status == 0)
            #expect(Self.text(good.stdout).hasPrefix("The journal checks out: "))

            let signed = try Self.session(knead, signed: true)
            let unsigned = try Self.session(knead, signed: false)
            let exported = try knead.runPiped(["export", signed, "-f", "txt"] + data)
            let line = try #require(Self.text(exported.stdout).split(separator: "\n").last { $0.hasPrefix("Fingerprint: sha256:") })
            let fingerprint = String(line.dropFirst("Fingerprint: sha256:".count).prefix(64))
            let copy = try knead.runPiped(["verify", "--fingerprint", fingerprint] + data)
            #expect(copy.status == 0, "\(Self.text(copy.stdout))")
            #expect(Self.text(copy.stdout).contains("still holds that note exactly as it was"))

            // A hand edit of an unsigned session's check-in, behind knead's back.
            let queue = try DatabaseQueue(path: knead.dataDir.appendingPathComponent("knead.sqlite").path)
            let edited = try queue.write { db -> String in
                try db.execute(sql: "UPDATE events SET at = at + 60 WHERE session_id = ? AND seq = 2", arguments: [unsigned])
                let (session, seq) = (unsigned, 2)
                return "Entry \(seq) of session \(session) was changed outside knead."
            }
            try queue.close()
            let bad = try knead.runPiped(["verify"] + data)
            #expect(bad.status == 1)
            #expect(Self.text(bad.stdout).hasPrefix(knead.dataDir.appendingPathComponent("knead.sqlite").path + " was changed outside knead: 1 problem found."))
            #expect(Self.text(bad.stdout).contains("  - " + edited), "\(Self.text(bad.stdout))")

            let usage = try knead.runPiped(["verify", "--fingerprint", "xyz"] + data)
            #expect(usage.status == 2)
            #expect(Self.text(usage.stderr).contains("64 hex digits"))
        }
    }
}
