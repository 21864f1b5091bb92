import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore

/// A file in rollback-journal mode (a restored backup before knead first opens it) whose write
/// was cut by a power failure keeps a hot `-journal` beside it.
@Suite("A hot rollback journal")
struct HotJournalTests {
    @Test("knead opens a file with a hot journal: the cut write is rolled back, the data before it kept")
    func opensAndRollsBack() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("kept")
        try journal.append([SessionEvent(at: testClock().now(), .started(SessionStart(
            client: Client(id: ClientID("c1"), name: "Kept Client"), plannedMinutes: 30)))], to: session)
        try journal.close()

        // Out of WAL, as a restored backup is; then a write cut while its journal is on disk.
        let path = temp.databaseFile.path
        let plain = try DatabaseQueue(path: path)
        try plain.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try plain.close()
        let cutFolder = temp.url.appendingPathComponent("cut")
        try FileManager.default.createDirectory(at: cutFolder, withIntermediateDirectories: true)
        let writer = try DatabaseQueue(path: path)
        try writer.inDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = 1")  // the changed pages spill into the file before commit
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "CREATE TABLE interrupted(x)")
            for i in 0..<2000 { try db.execute(sql: "INSERT INTO interrupted VALUES (?)", arguments: [String(repeating: "x", count: 200) + "\(i)"]) }
            // The power cut: what is on disk now is the data folder after it.
            for name in ["knead.sqlite", "knead.sqlite-journal"] {
                try FileManager.default.copyItem(atPath: temp.dataFolder.appendingPathComponent(name).path,
                                                 toPath: cutFolder.appendingPathComponent(name).path)
            }
            try db.execute(sql: "ROLLBACK")
        }
        try writer.close()
        #expect((try FileManager.default.attributesOfItem(atPath: cutFolder.appendingPathComponent("knead.sqlite-journal").path)[.size] as? Int ?? 0) > 0)

        let reopened = try SQLiteJournal.open(folder: cutFolder, clock: testClock())
        defer { try? reopened.close() }
        #expect(try reopened.events(of: session).count == 1)
        #expect(try reopened.fetchRawStrings("SELECT name FROM sqlite_master WHERE name = 'interrupted'").isEmpty)
        #expect(try reopened.fetchRawStrings("PRAGMA journal_mode") == ["wal"])
    }
}
