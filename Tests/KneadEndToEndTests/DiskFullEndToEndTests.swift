import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("A full disk (KNEAD_DEV_PAGE_LIMIT) in the running app")
    struct DiskFull {
        @Test("Notes fill the capped database: the banner counts waiting actions, quitting asks, saved ones are intact")
        func bannerAndQuit() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start(extraEnvironment: ["KNEAD_DEV_PAGE_LIMIT": "3"])
            defer { pty.terminate() }
            try pty.startSession(client: "Ana Lima")
            try pty.assess(complaint: "Stiff after gardening", region: "left shoulder", score: 6)
            try pty.startWork(on: "left shoulder")

            let text = String(repeating: "Taut band in upper trapezius, tender on palpation. ", count: 9)
            var notes = 0, checkIns = 0
            /// Sends keys; true when the screen confirms `saved`, false when the disk-full banner shows instead.
            func act(_ keys: String, saved: String) throws -> Bool {
                try pty.send(keys)
                let screen = try pty.waitForScreen("\(saved) or the banner") { lines in
                    lines.contains { $0.contains(saved) || $0.contains("The disk is full") }
                }
                return !screen.contains { $0.contains("The disk is full") }
            }
            for _ in 0..<40 {
                try pty.send("n")
                try pty.waitFor("Finding or note")
                guard try act(text + "\r", saved: "Note saved.") else { break }
                notes += 1
                // A check-in changes the status line, so the next "Note saved." is a new one.
                guard try act("1", saved: "Pain 1 in the left shoulder logged") else { break }
                checkIns += 1
            }
            try pty.waitFor("The disk is full: 1 action is waiting to be saved. Free some space; knead keeps trying.")
            try pty.waitFor("Shown but not saved yet")
            try pty.send("2")
            try pty.waitFor("The disk is full: 2 actions are waiting to be saved.")

            try pty.send(key: .ctrlC)
            try pty.waitFor("lose them?")
            try pty.send("n")
            try pty.waitForScreen("the confirmation closed") { !$0.contains { $0.contains("lose them?") } }
            try pty.send(key: .ctrlC)
            try pty.waitFor("lose them?")
            try pty.send("y")
            #expect(try pty.waitForExit() == .exited(0))

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let session = try #require(try journal.unfinishedSessions().first)
            let state = SessionState(id: session.id, replaying: try journal.events(of: session.id))
            #expect(notes > 0, "some notes fit before the cap")
            #expect(state.notes.count == notes, "every note confirmed as saved is there; the waiting ones are not")
            #expect(state.checkIns.map(\.value.score.value) == Array(repeating: 1, count: checkIns))
        }
    }
}
