import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("SIGTERM, SIGHUP and SIGINT during a session")
    struct Signals {
        /// After the program ends: it left the alternate screen (rmcup) after its last drawing and
        /// made the cursor visible again.
        static func expectTerminalRestored(_ raw: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
            let leaveAlternate = "\u{1B}[?1049l"
            guard let rmcup = raw.lastRange(of: leaveAlternate) else {
                Issue.record("no \\e[?1049l (rmcup) in the output", sourceLocation: sourceLocation)
                return
            }
            #expect(raw.lastRange(of: "\u{1B}[?1049h").map { $0.lowerBound < rmcup.lowerBound } ?? false,
                    "the alternate screen was entered before it was left", sourceLocation: sourceLocation)
            let after = Array(raw[rmcup.upperBound...]).withoutEscapes
            #expect(after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    "nothing is drawn after leaving the alternate screen: \(after.debugDescription)",
                    sourceLocation: sourceLocation)
            let shown = raw.lastRange(of: "\u{1B}[?25h")
            let hidden = raw.lastRange(of: "\u{1B}[?25l")
            #expect(shown != nil, "the cursor is made visible (\\e[?25h)", sourceLocation: sourceLocation)
            if let shown, let hidden {
                #expect(shown.lowerBound > hidden.lowerBound, "the cursor is shown after it was last hidden",
                        sourceLocation: sourceLocation)
            }
        }

        /// The scores of a session's check-ins, in order.
        static func checkInScores(_ events: [SessionEvent]) -> [Int] {
            events.compactMap { if case .checkedIn(let c) = $0.change { c.score.value } else { nil } }
        }

        @Test("SIGTERM (143) and SIGINT (130) in treatment: terminal restored, check-ins saved",
              arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
        func terminatingSignal(signal: Int32, status: Int32) throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }
            try pty.startSession(client: "Tom Berg")
            try pty.assess(complaint: "Low back ache", region: "left shoulder", score: 5)
            try pty.startWork(on: "left shoulder")
            try pty.checkIn(4, region: "left shoulder")
            try pty.checkIn(3, region: "left shoulder")
            pty.kill(signal)
            #expect(try pty.waitForExit() == .exited(status))
            Self.expectTerminalRestored(pty.rawOutput)

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let session = try #require(try journal.unfinishedSessions().first)
            let events = try journal.events(of: session.id)
            #expect(Self.checkInScores(events) == [4, 3])
            #expect(SessionState(id: session.id, replaying: events).phase == .treatment)
        }

        @Test("SIGHUP while typing the assessment: status 129, terminal restored, the typed complaint saved")
        func sighup() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }
            try pty.startSession(client: "Mia Wong")
            try pty.waitFor("▸ Complaint")
            try pty.type("Headaches since March")
            pty.kill(SIGHUP)
            #expect(try pty.waitForExit() == .exited(129))
            Self.expectTerminalRestored(pty.rawOutput)

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let session = try #require(try journal.unfinishedSessions().first)
            #expect(session.client.name == "Mia Wong")
            let events = try journal.events(of: session.id)
            #expect(events.first?.change.kind == "started")
            let state = SessionState(id: session.id, replaying: events)
            #expect(state.phase == .assessment)
            // The form was dirty when the signal came: the app saves it on the way out.
            #expect(state.assessment?.chiefComplaint == "Headaches since March")
        }

        @Test("Ctrl-C typed as a key (raw mode) quits as the help says: status 0, everything saved")
        func controlCKey() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }
            try pty.startSession(client: "Tom Berg")
            try pty.assess(complaint: "Low back ache", region: "left shoulder", score: 5)
            try pty.startWork(on: "left shoulder")
            try pty.checkIn(2, region: "left shoulder")
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
            Self.expectTerminalRestored(pty.rawOutput)
            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let session = try #require(try journal.unfinishedSessions().first)
            #expect(Self.checkInScores(try journal.events(of: session.id)) == [2])
        }
    }
}
