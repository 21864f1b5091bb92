import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("The care plan by keystrokes")
    struct CarePlanKeys {
        static let f5 = "\u{1B}[15~"
        static let f6 = "\u{1B}[17~"

        @Test("A referral entered from the client record and a PSFS rated in the session are in the database afterwards")
        func aReferralAndAPSFS() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try PseudoTerminal(executable: KneadBinary.path(), arguments: ["--data-dir", knead.dataDir.path],
                                         environment: knead.environment(), columns: 100, rows: 30)
            defer { pty.terminate() }
            try pty.startSession(client: "Jane Doe")
            try pty.send(key: .escape)                       // the session stays open
            try pty.waitFor("Jane Doe")
            try pty.send("c")
            try pty.waitFor("Clients · 1 of 1")
            try pty.send(key: .enter)
            try pty.waitFor("Client record · Jane Doe")
            try pty.send(Self.f5)
            try pty.waitFor("Referral · Jane Doe")
            try pty.type("Dr. Lena Park")
            try pty.send(key: .tab)
            try pty.type("Eastside Spine")
            for _ in 0..<3 { try pty.send(key: .tab) }    // contact, date (today), code
            try pty.send("M5450")
            try pty.waitFor("Put a dot after the third character: M54.50.")
            for _ in 0..<5 { try pty.send(key: .backspace) }
            try pty.type("M54.50")
            try pty.send(key: .tab)
            try pty.type("Low back pain")
            for _ in 0..<2 { try pty.send(key: .tab) }    // frequency, visits
            try pty.type("6")
            try pty.send(key: .f2)
            try pty.waitFor("Referral saved.")
            try pty.waitFor("Client record · Jane Doe")
            try pty.send(key: .escape)
            try pty.waitFor("Clients · 1 of 1")
            try pty.send(key: .escape)
            try pty.waitFor("Assessment")                   // Today lists the open session
            try pty.send(key: .enter)
            try pty.waitFor("▸ Complaint")
            try pty.send(Self.f6)
            try pty.waitFor("Care plan · Jane Doe")
            try pty.waitFor("Visits: 0 of 6 used, 6 left")
            try pty.send("f")
            try pty.waitFor("PSFS · Patient-Specific Functional Scale")
            try pty.type("Sit at the desk for an hour")
            try pty.send(key: .tab)
            try pty.send("3")
            try pty.send(key: .f2)
            try pty.waitFor("PSFS recorded: mean 3.0.")
            try pty.waitFor("PSFS mean 3.0: Sit at the desk for an hour 3")
            try pty.send(key: .ctrlC)
            _ = try pty.waitForExit()

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let client = try #require(try journal.clients().first)
            let referral = try #require(try journal.referral(of: client.id))
            #expect(referral.clinician.name == "Dr. Lena Park" && referral.clinician.practice == "Eastside Spine")
            #expect(referral.diagnosis.code.rawValue == "M54.50" && referral.visits == 6)
            let session = try #require(try journal.sessions(startedFrom: .distantPast, to: .distantFuture).first)
            let state = SessionState(id: session.id, replaying: try journal.events(of: session.id))
            #expect(state.outcomes.map(\.value) == [.psfs(PSFSRating(activities: [PSFSActivity(activity: "Sit at the desk for an hour", score: 3)]))])
        }
    }
}
