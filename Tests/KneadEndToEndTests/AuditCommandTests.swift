import Foundation
import GRDB
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("knead audit and the access log of the records commands")
    struct Audit {
        @Test("history, search, review, export, handout and backup each leave one entry (who, when, what); audit prints them, all or for one client")
        func everyReadIsLogged() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            try SamplePractice.seed(into: journal, now: OutputStreams.now)
            let signed = try #require(try journal.sessions(startedFrom: .distantPast, to: .distantFuture).last { $0.phase == .signed })
            try journal.close()
            let data = ["--data-dir", knead.dataDir.path]
            let id = String(signed.id.rawValue.prefix(8))
            for arguments in [["history", "tom"], ["search", "trigger", "--client", "tom"], ["review", "--date", "2026-11-18"],
                              ["export", id], ["handout", id], ["backup", knead.home.appendingPathComponent("copy.sqlite").path]] {
                let run = try knead.runPiped(arguments + data)
                #expect(run.status == 0, "\(arguments): \(String(decoding: run.stderr, as: UTF8.self))")
            }
            let check = try knead.openJournal()
            let log = try check.accessLog()
            try check.close()
            try #require(log.map(\.action) == [.history, .search, .review, .export, .handout, .backup])
            #expect(log.allSatisfy { $0.who == KneadBinary.therapist })
            #expect(log[0].client == ClientID("demo-tom"))
            #expect(log[1].detail == "trigger")
            #expect(log[2].detail == "2026-11-18 as text")
            #expect(log[3].client == signed.client.id && log[3].detail.contains(signed.id.rawValue))

            let audit = try knead.runPiped(["audit"] + data)
            #expect(audit.status == 0)
            let lines = String(decoding: audit.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("Date") == true)
            #expect(lines.count == 1 + 6 + 1, "a header, six entries, and the audit itself: \(lines)")
            #expect(lines[1].contains("Sam Rivera") && lines[1].contains("history") && lines[1].contains("demo-tom"))
            #expect(lines.last?.contains("audit") == true)

            let tom = try knead.runPiped(["audit", "tom"] + data)
            let tomLines = String(decoding: tom.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
            #expect(tomLines.dropFirst().allSatisfy { $0.contains("demo-tom") }, "\(tomLines)")
            #expect(tomLines.dropFirst().map { $0.contains("history") || $0.contains("search") || $0.contains("audit") }.allSatisfy { $0 })
        }

        @Test("a read that cannot be logged shows nothing and exits 1")
        func unloggedReadShowsNothing() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            try SamplePractice.seed(into: journal, now: OutputStreams.now)
            try journal.close()
            // Make the log refuse new entries, as a damaged or tampered file might.
            let raw = try DatabaseQueue(path: DataLocation(folder: knead.dataDir).databaseFile.path)
            try raw.write { db in try db.execute(sql: "DROP TABLE access_log") }
            try raw.close()
            let run = try knead.runPiped(["history", "tom", "--data-dir", knead.dataDir.path])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(String(decoding: run.stderr, as: UTF8.self).contains("could not be recorded in the access log"))
        }
    }
}
