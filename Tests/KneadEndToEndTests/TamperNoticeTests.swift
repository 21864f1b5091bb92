import Foundation
import GRDB
import Testing

extension EndToEnd {
    @Suite("The app checks new entries on open and says once what was changed outside knead")
    struct TamperNotice {
        @Test("An entry inserted behind knead's back is named on the next open, and only on that one")
        func saidOnce() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let queue = try DatabaseQueue(path: knead.dataDir.appendingPathComponent("knead.sqlite").path)
            let session = try queue.write { db -> String in
                let id = try String.fetchOne(db, sql: "SELECT id FROM sessions WHERE phase <> 'signed' ORDER BY id LIMIT 1") ?? ""
                let seq = (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM events WHERE session_id = ?", arguments: [id]) ?? 0) + 1
                try db.execute(sql: """
                    INSERT INTO events (session_id, seq, at, type, payload) VALUES (?, ?, 0, 'noted', '{"text":"x","type":"noted"}')
                    """, arguments: [id, seq])
                return id
            }
            try queue.close()

            let first = try knead.start()
            defer { first.terminate() }
            try first.waitFor("Changed outside knead")
            #expect(first.screenText.contains(String(session.prefix(8))))
            let steady = first.screenLines.filter { !$0.contains("Changed outside knead") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            try first.send(key: .ctrlC)
            #expect(try first.waitForExit() == .exited(0))

            let second = try knead.start()
            defer { second.terminate() }
            let marker = try #require(steady.first { $0.contains("Today") } ?? steady.first)
            try second.waitFor(marker.trimmingCharacters(in: .whitespaces))
            #expect(!second.screenText.contains("Changed outside knead"), "said once")
            try second.send(key: .ctrlC)
            #expect(try second.waitForExit() == .exited(0))
        }
    }
}
