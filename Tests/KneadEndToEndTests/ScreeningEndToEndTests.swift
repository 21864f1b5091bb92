import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("Screening follows the session: a client on warfarin")
    struct ScreeningFollowsTheSession {
        @Test("Warfarin in the history, pressure raised to 5: each deep level asks first, and the note flags it")
        func warfarinDeepPressure() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }

            // A new client; the empty health history is filled in at once.
            try pty.waitFor("No sessions yet today")
            try pty.send("n")
            try pty.waitFor("No clients yet: type a name")
            try pty.type("Walter Fenn")
            try pty.send(key: .enter)
            try pty.waitFor("No health history yet")
            try pty.send("e")
            try pty.waitFor("▸ Conditions")
            try pty.type("Atrial fibrillation")
            try pty.send(key: .tab)
            try pty.waitFor("▸ Medications")
            try pty.type("Warfarin 5 mg daily")
            try pty.send(key: .f2)
            try pty.waitFor("History updated and confirmed")
            try pty.waitFor("Takes a blood thinner: warfarin (medications)")

            try pty.assess(complaint: "Deep ache in the left buttock", region: "left gluteals", score: 6)
            try pty.startWork(on: "left gluteals")
            try pty.send("+")
            try pty.waitFor("blood thinner: warfarin (medications)")
            try pty.waitFor("y yes    n no")
            try pty.send("y")
            try pty.waitFor("the note records it")
            try pty.send("+")
            try pty.waitFor("deep pressure (P5 deepest)")
            try pty.send("y")
            try pty.waitFor("5 deepest")

            try pty.send("a")
            try pty.waitFor("y yes    n no")
            try pty.send("y")
            try pty.waitFor("▸ Pain after")
            try pty.send(key: .f2)
            try pty.waitFor("Note preview")
            try pty.waitFor("despite a caution")
            try pty.send(key: .escape)
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let session = try #require(try journal.unfinishedSessions().first)
            let events = try journal.events(of: session.id)
            let confirmedLevels = events.compactMap { event -> Int? in
                if case .pressureChanged(let pressure, let confirmed) = event.change, confirmed { return pressure.rawValue }
                return nil
            }
            #expect(confirmedLevels == [4, 5])
            let state = SessionState(id: session.id, replaying: events)
            #expect(state.reviewedHistory?.value.medications == "Warfarin 5 mg daily")
            #expect(try journal.clientRecord(session.client.id)?.history.medications == "Warfarin 5 mg daily")
        }
    }
}
