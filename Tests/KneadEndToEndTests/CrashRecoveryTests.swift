import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("A SIGKILL in the middle of treatment, then a restart")
    struct CrashRecovery {
        @Test("Every check-in shown before kill -9 is saved, and the restart resumes the session")
        func killNineThenResume() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let shoulder = try #require(Region(.shoulder, .left))
            let scores = [7, 5, 3, 2]

            do {
                let pty = try knead.start()
                defer { pty.terminate() }
                try pty.startSession(client: "Ana Lima")
                try pty.assess(complaint: "Stiff after gardening", region: "left shoulder", score: 8)
                try pty.startWork(on: "left shoulder")
                for score in scores { try pty.checkIn(score, region: "left shoulder") }
                try pty.waitFor("pain 2 · L shoulder")
                pty.kill(SIGKILL)
                #expect(try pty.waitForExit() == .signalled(SIGKILL))
            }

            let sessionID: SessionID
            do {
                let journal = try knead.openJournal()
                defer { try? journal.close() }
                let unfinished = try journal.unfinishedSessions()
                try #require(unfinished.count == 1)
                sessionID = unfinished[0].id
                #expect(unfinished[0].phase == .treatment)
                let events = try journal.events(of: sessionID)
                let checkIns = events.compactMap { if case .checkedIn(let c) = $0.change { c } else { nil } }
                #expect(checkIns.map(\.score.value) == scores, "every check-in shown before the kill, in order")
                let state = SessionState(id: sessionID, replaying: events)
                #expect(state.phase == .treatment)
                #expect(state.activeWork?.region == shoulder)
                #expect(state.checkIns.map(\.value.score.value) == scores)
                #expect(state.latestPain?.value == 2)
            }

            let pty = try knead.start()
            defer { pty.terminate() }
            try pty.waitFor("Resume the unfinished session with A.L.")
            try pty.send("y")
            try pty.waitFor("Knead · Treatment")
            let shown = try pty.waitForScreen("the resumed treatment") { lines in
                lines.contains { $0.contains("Region") && $0.contains("left shoulder") }
                    && lines.contains { $0.contains("pain 2 · L shoulder") }
            }
            let timeline = shown.filter { $0.contains("· L shoulder") && $0.contains("pain ") }
            let timelineScores = timeline.compactMap { line -> Int? in
                guard let range = line.range(of: #"pain (\d+) · L shoulder"#, options: .regularExpression) else { return nil }
                return Int(line[range].dropFirst(5).prefix { $0.isNumber })
            }
            #expect(timelineScores == scores, "the timeline after the restart:\n\(shown.joined(separator: "\n"))")
            #expect(shown.contains { $0.contains("Pain") && $0.contains("2/10") })

            // Work goes on where it stopped, and the app still quits cleanly.
            try pty.checkIn(1, region: "left shoulder")
            try pty.send(key: .escape)
            try pty.waitFor("Knead · Today")
            try pty.send("q")
            #expect(try pty.waitForExit() == .exited(0))

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let events = try journal.events(of: sessionID)
            let checkIns = events.compactMap { if case .checkedIn(let c) = $0.change { c.score.value } else { nil } }
            #expect(checkIns == scores + [1])
            #expect(events.filter { $0.change.kind == "started" }.count == 1)
        }
    }
}
