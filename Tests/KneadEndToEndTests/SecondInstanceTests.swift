import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("A second knead on the same data")
    struct SecondInstance {
        @Test("Refused with who holds it, writes nothing; reads work; the first goes on; after kill -9 a new start works")
        func oneWriter() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let first = try knead.start()
            defer { first.terminate() }
            try first.startSession(client: "Ana Lima")
            try first.assess(complaint: "Stiff neck", region: "left shoulder", score: 6)
            try first.startWork(on: "left shoulder")
            try first.checkIn(5, region: "left shoulder")
            let database = knead.dataDir.appendingPathComponent("knead.sqlite")
            let eventsBefore = try knead.openJournal().unfinishedSessions().count

            // The second interactive knead: one paragraph, exit 1, before touching the database.
            let second = try knead.start()
            defer { second.terminate() }
            #expect(try second.waitForExit() == .exited(1))
            let message = String(decoding: second.rawOutput, as: UTF8.self)
            #expect(message.contains("knead is already open on this data (process \(first.pid) since "), "\(message)")
            #expect(message.contains("Close it first, or use the other window."))
            #expect(!second.rawOutput.contains(0x1B), "no terminal set-up before the refusal")
            #expect(try knead.openJournal().unfinishedSessions().count == eventsBefore)

            // Commands that only read keep working while the app is open.
            let review = try knead.runPiped(["review", "--data-dir", knead.dataDir.path])
            #expect(review.status == 0, "review: \(String(decoding: review.stderr, as: UTF8.self))")
            #expect(String(decoding: review.stdout, as: UTF8.self).contains("Ana Lima"))
            let history = try knead.runPiped(["history", "Ana", "--data-dir", knead.dataDir.path])
            #expect(history.status == 0, "history: \(String(decoding: history.stderr, as: UTF8.self))")

            // The first still works, and then dies without a chance to clean up.
            try first.checkIn(3, region: "left shoulder")
            first.kill(SIGKILL)
            #expect(try first.waitForExit() == .signalled(SIGKILL))

            // The lock died with it: a new start resumes the session.
            let third = try knead.start()
            defer { third.terminate() }
            try third.waitFor("Resume the unfinished session with A.L.")
            try third.send("y")
            try third.waitFor("pain 3 · L shoulder")
            try third.send(key: .ctrlC)
            #expect(try third.waitForExit() == .exited(0))

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let session = try #require(try journal.unfinishedSessions().first)
            let checkIns = try journal.events(of: session.id).compactMap { event -> Int? in
                if case .checkedIn(let c) = event.change { c.score.value } else { nil }
            }
            #expect(checkIns == [5, 3])
            #expect(FileManager.default.fileExists(atPath: database.path))
            let lockMode = try FileManager.default.attributesOfItem(atPath: knead.dataDir.appendingPathComponent("knead.lock").path)[.posixPermissions] as? NSNumber
            #expect(lockMode?.intValue == 0o600)
        }
    }
}
