import Foundation
import GRDB
import Testing

/// Files the data folder can hold that knead must refuse, each with how to make it.
enum BadDataFile: String, CaseIterable, CustomTestStringConvertible {
    case randomBytes, newerVersion, newerMigration, readOnly

    var testDescription: String { rawValue }

    /// Whether this machine can make the file (read-only needs `chattr +i`: tests run as root).
    var canMake: Bool { self != .readOnly || ImmutableFile.isAvailable }

    /// Writes the file at `url`; its folder exists.
    func make(at url: URL) throws {
        switch self {
        case .randomBytes:
            var generator = SystemRandomNumberGenerator()
            try Data((0..<8192).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).write(to: url)
        case .newerVersion, .newerMigration, .readOnly:
            // Rollback-journal mode, as an older SQLite or another tool leaves a file.
            let queue = try DatabaseQueue(path: url.path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                for id in ["v1", "v2-client-records", "v3-review-indices"] {
                    try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [id])
                }
                if self == .newerVersion { try db.execute(sql: "PRAGMA user_version = 99") }
                if self == .newerMigration { try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
            }
            try queue.close()
            if self == .readOnly, !ImmutableFile.set(url.path, true) {
                throw DriverError("chattr +i \(url.path) failed")
            }
        }
    }

    /// What the message must say.
    var expected: String {
        switch self {
        case .randomBytes: "is not a Knead database"
        case .newerVersion, .newerMigration: "was written by a newer version of Knead"
        case .readOnly: "is read-only"
        }
    }
}

/// `chattr +i`: unwritable even for root, where the file system has the flag.
enum ImmutableFile {
    @discardableResult
    static func set(_ path: String, _ on: Bool) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [on ? "+i" : "-i", path]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let isAvailable: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("knead-chattr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data("x".utf8)) else { return false }
        defer { set(probe.path, false); try? FileManager.default.removeItem(at: probe) }
        return set(probe.path, true) && (try? FileHandle(forWritingTo: probe)) == nil
    }()
}

extension EndToEnd {
    @Suite("Bad data files: refused with a message, exit 1, left untouched")
    struct BadFiles {
        @Test("The app and `knead review` both refuse, naming the file; its bytes stay the same",
              arguments: BadDataFile.allCases)
        func refused(_ kind: BadDataFile) throws {
            guard kind.canMake else { return }  // read-only needs chattr +i; see ImmutableFile
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            try FileManager.default.createDirectory(at: knead.dataDir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let file = knead.dataDir.appendingPathComponent("knead.sqlite")
            try kind.make(at: file)
            defer { if kind == .readOnly { ImmutableFile.set(file.path, false) } }
            let before = try Data(contentsOf: file)

            let pty = try knead.start()
            defer { pty.terminate() }
            #expect(try pty.waitForExit() == .exited(1))
            let shown = String(decoding: pty.rawOutput, as: UTF8.self)
            #expect(shown.contains(file.path) && shown.contains(kind.expected), "\(shown)")
            #expect(!pty.rawOutput.contains(0x1B), "a plain message, no screen drawn")

            let review = try knead.runPiped(["review", "--data-dir", knead.dataDir.path])
            let message = String(decoding: review.stderr, as: UTF8.self)
            #expect(review.status == 1)
            // review only reads, so a read-only file does not stop it; this one has no knead tables.
            let reviewExpected = kind == .readOnly ? "an SQLite database that another program made" : kind.expected
            #expect(message.contains(file.path) && message.contains(reviewExpected), "\(message)")
            #expect(message.split(separator: "\n").count == 1, "one paragraph: \(message)")

            #expect(try Data(contentsOf: file) == before, "the file is byte for byte unchanged")
            #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
        }

        @Test("A data folder path under a regular file: exit 1, the message says so")
        func folderUnderAFile() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let file = knead.home.appendingPathComponent("notes.txt")
            try Data("keep".utf8).write(to: file)
            let pty = try knead.start(["--data-dir", file.appendingPathComponent("knead").path])
            defer { pty.terminate() }
            #expect(try pty.waitForExit() == .exited(1))
            let shown = String(decoding: pty.rawOutput, as: UTF8.self)
            #expect(shown.contains("\(file.path) is a file, not a folder"), "\(shown)")
            #expect(try Data(contentsOf: file) == Data("keep".utf8))
        }
    }
}
