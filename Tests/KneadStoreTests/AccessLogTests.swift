import Foundation
import KneadCore
import Testing
@testable import KneadStore

/// The access log: entries are added, read back in order, and never changed or removed.
@Suite("Access log")
struct AccessLogTests {
    let temp: TemporaryFolder
    let journal: SQLiteJournal
    let start = Date(timeIntervalSinceReferenceDate: 815_000_000)

    init() throws {
        temp = try TemporaryFolder()
        journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: ManualClock(start))
    }

    @Test("entries from the app's writer and from a short connection of their own come back in order, all or per client")
    func appendAndRead() throws {
        let ada = ClientID("ada")
        try journal.recordAccess(AccessEntry(at: start, who: "Sam", action: .record, client: ada))
        try SQLiteJournal.recordAccess(AccessEntry(at: start.addingTimeInterval(60), who: "Sam\u{0}Jo", action: .search,
                                                   detail: "trigger point"), at: DataLocation(folder: temp.dataFolder))
        try journal.recordAccess(AccessEntry(at: start.addingTimeInterval(120), who: "Lee", action: .history, client: ada))
        let all = try journal.accessLog()
        #expect(all.map(\.action) == [.record, .search, .history])
        #expect(all[1].who == "Sam\u{0}Jo", "stored exactly")
        #expect(all[1].detail == "trigger point")
        #expect(all[0].at == start)
        #expect(try journal.accessLog(client: ada).map(\.who) == ["Sam", "Lee"])
    }

    @Test("the database refuses to change or remove an entry", arguments: [
        "UPDATE access_log SET who = 'someone else'",
        "UPDATE access_log SET at = at - 86400",
        "DELETE FROM access_log",
        "DELETE FROM access_log WHERE action = 'record'",
    ])
    func appendOnly(_ sql: String) throws {
        try journal.recordAccess(AccessEntry(at: start, who: "Sam", action: .record, client: ClientID("ada")))
        #expect(throws: (any Error).self) { try journal.executeRawSQL(sql) }
        let after = try journal.accessLog()
        #expect(after == [AccessEntry(at: start, who: "Sam", action: .record, client: ClientID("ada"))])
    }

    @Test("a short connection to a file that is not there creates nothing and says so")
    func noFile() throws {
        let elsewhere = temp.url.appendingPathComponent("nothing-here")
        #expect(throws: (any Error).self) {
            try SQLiteJournal.recordAccess(AccessEntry(at: start, who: "Sam", action: .review),
                                           at: DataLocation(folder: elsewhere))
        }
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path))
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        #expect(throws: (any Error).self) {
            try SQLiteJournal.recordAccess(AccessEntry(at: start, who: "Sam", action: .review),
                                           at: DataLocation(folder: elsewhere))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}
