import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    /// An hour of treatment logged by keystrokes on the development clock (`KNEAD_DEV_CLOCK`,
    /// F9 moves it on a minute), then the database's timeline checked to the second.
    @Suite("An hour of treatment on an injected clock")
    struct TreatmentHour {
        static let start = Date(timeIntervalSince1970: 1_794_992_400)  // 2026-11-18 09:00:00 UTC

        static func at(_ minutes: Int) -> Date { start.addingTimeInterval(TimeInterval(minutes * 60)) }

        /// "HH:mm" in UTC, as the title bar shows the clock.
        static func clockText(_ minutes: Int) -> String {
            let formatter = DateFormatter()
            formatter.dateFormat = "HH:mm"
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter.string(from: at(minutes))
        }

        @Test("Sixty minutes of work, check-ins, pressure, technique, a finding and an undo")
        func anHourOfTreatment() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            var environment = knead.environment()
            environment["TZ"] = "UTC"
            environment["KNEAD_DEV_CLOCK"] = "2026-11-18T09:00:00Z"
            let pty = try PseudoTerminal(executable: KneadBinary.path(), arguments: ["--data-dir", knead.dataDir.path],
                                         environment: environment, columns: 120, rows: 40)
            defer { pty.terminate() }
            var minute = 0
            /// Presses F9 until the clock shows `target` minutes past the start.
            func advance(to target: Int) throws {
                while minute < target {
                    try pty.send("\u{1B}[20~")  // F9
                    minute += 1
                }
                let shown = Self.clockText(target)
                try pty.waitForScreen("the clock at \(shown)") { $0.first?.hasSuffix("\(shown) ") == true || $0.first?.contains(" \(shown)") == true }
            }

            try pty.waitFor("Development clock")
            try pty.startSession(client: "Jane Doe")
            try pty.assess(complaint: "Neck and shoulder after a long drive", region: "left shoulder", score: 6)
            try pty.waitFor("of 60 min planned")                 // the large timer at 120 columns
            try pty.send("w")
            try pty.waitFor("Working on the left shoulder")
            try advance(to: 5)
            try pty.checkIn(5, region: "left shoulder")
            try advance(to: 10)
            try pty.send("p")
            try pty.waitFor("Pressure — press 0–5")
            try pty.send("4")
            try pty.waitFor("Pressure P4 deep.")
            try advance(to: 15)
            try pty.send("tm")
            try pty.waitFor("Technique: myofascial release.")
            try advance(to: 20)
            try pty.send("gu")
            try pty.waitFor("▸ left upper back")
            try pty.send("w")
            try pty.waitFor("Working on the left upper back")
            try advance(to: 26)
            try pty.waitFor("check in? 21 min without a pain score")  // the last was at minute 5
            try pty.checkIn(3, region: "left upper back")
            try advance(to: 30)
            try pty.checkIn(8, region: "left upper back")
            try pty.send("u")
            try pty.waitFor("Undone: pain 8 · L upper back.")
            try pty.waitFor("pain 8 · L upper back — undone")
            try advance(to: 40)
            try pty.send("n")
            try pty.waitFor("Finding or note")
            try pty.type("Trigger point, left upper trapezius, refers to temple")
            try pty.send(key: .enter)
            try pty.waitFor("Note saved.")
            try advance(to: 50)
            try pty.send("gl")
            try pty.waitFor("▸ lumbar spine")
            try pty.send("w")
            try pty.waitFor("Working on the lumbar spine")
            try advance(to: 55)
            try pty.waitFor("5 min left — plan the end")
            try pty.checkIn(2, region: "lumbar spine")
            try advance(to: 60)
            try pty.send("e")
            try pty.waitFor("Ended work on the lumbar spine")
            try pty.send("a")
            try pty.waitFor("y yes    n no")
            try pty.send("y")
            try pty.waitFor("▸ Pain after")
            try pty.send(key: .escape)
            try pty.waitFor("Knead · Today")
            try pty.send("q")
            #expect(try pty.waitForExit() == .exited(0))

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let sessions = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
            try #require(sessions.count == 1)
            let events = try journal.events(of: sessions[0].id)
            let shoulder = try #require(Region(.shoulder, .left))
            let upperBack = try #require(Region(.upperBack, .left))
            let lumbar = try #require(Region(.lumbarSpine))

            // The timeline as stored: what happened, when, to the second.
            let treatment = events.drop { $0.change != .treatmentBegan }.prefix { $0.change.kind != "aftercareRecorded" }
            let timeline = treatment.map { event -> String in
                let minutes = Int(event.at.timeIntervalSince(Self.start) / 60)
                let seconds = Int(event.at.timeIntervalSince(Self.start)) % 60
                return "\(minutes):\(seconds) \(event.change.kind)"
            }
            #expect(timeline == [
                "0:0 treatmentBegan", "0:0 workStarted", "5:0 checkedIn", "10:0 pressureChanged",
                "15:0 techniqueChanged", "20:0 workEnded", "20:0 workStarted", "26:0 checkedIn",
                "30:0 checkedIn", "30:0 voided", "40:0 noted", "50:0 workEnded", "50:0 workStarted",
                "55:0 checkedIn", "60:0 workEnded", "60:0 treatmentEnded",
            ])

            // Replayed, the undone check-in is gone and an hour of work is accounted for.
            let state = SessionState(id: sessions[0].id, replaying: events)
            #expect(state.phase == .aftercare)
            #expect(state.checkIns.map(\.value.score.value) == [5, 3, 2])
            #expect(state.checkIns.map(\.value.region) == [shoulder, upperBack, lumbar])
            #expect(state.checkIns.map(\.at) == [Self.at(5), Self.at(26), Self.at(55)])
            let seconds = state.secondsByRegion(upTo: Self.at(90))
            #expect(seconds[shoulder] == 1200.0)
            #expect(seconds[upperBack] == 1800.0)
            #expect(seconds[lumbar] == 600.0)
            #expect(state.segments.map(\.work.pressure) == [.swedish, .deep, .deep, .deep, .deep])
            #expect(state.secondsByTechnique(upTo: Self.at(90))[Technique("myofascial-release")] == 2700.0)
            #expect(state.notes.map(\.value) == ["Trigger point, left upper trapezius, refers to temple"])
            #expect(state.notes.map(\.at) == [Self.at(40)])
            #expect(state.treatmentEndedAt == Self.at(60))
            #expect(state.elapsedSeconds(at: Self.at(90)) == 3600.0)
        }

        @Test("A malformed KNEAD_DEV_CLOCK is refused with a sentence, exit 2")
        func malformedClockIsRefused() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            var environment = knead.environment()
            environment["KNEAD_DEV_CLOCK"] = "nine o'clock"
            let pty = try PseudoTerminal(executable: KneadBinary.path(), arguments: ["--data-dir", knead.dataDir.path],
                                         environment: environment)
            defer { pty.terminate() }
            #expect(try pty.waitForExit() == .exited(2))
            #expect(pty.screenText.contains("KNEAD_DEV_CLOCK must be a moment such as 2026-11-18T09:00:00Z"))
        }
    }
}
