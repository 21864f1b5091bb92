import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    /// Issue 15, end to end: a new client's session with four worked regions, from Today to the
    /// signature, typed into the real binary through a pseudo-terminal. Regions are found by the
    /// muscle names therapists use, the screening is answered a group at a time, and the keys from
    /// the end of treatment to the signature are counted (free text aside).
    @Suite("A four-region session through a pseudo-terminal")
    struct FourRegionSession {
        /// The painful regions as typed into the finder, the row the finder offers them on (0 first),
        /// what the screen calls them, and their pain at intake.
        static let painful: [(typed: String, row: Int, name: String, intake: Int)] = [
            ("QL", 0, "lumbar spine", 6),
            ("ham", 1, "right back thigh", 5),
            ("piriformis", 0, "left gluteals", 4),
            ("trap", 0, "left neck", 3),
        ]

        @Test("Found by muscle name, screened in four keys, signed seven keys and the plan after the end of treatment")
        func fourRegions() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }

            try pty.startSession(client: "Maria Lopez")
            try pty.waitFor("▸ Complaint")
            try pty.type("Low back and hamstring pain since moving house")
            for _ in 0..<4 { try pty.send(key: .tab) } // onset, worse with, better with, painful regions
            try pty.waitFor("▸ Painful regions")
            for region in Self.painful {
                try pty.send(key: .enter)
                try pty.waitFor("Add a painful region")
                try pty.type(region.typed)
                try pty.waitFor(region.name)
                for _ in 0..<region.row { try pty.send(key: .down) }
                try pty.waitFor("▸ \(region.name)")
                try pty.send(key: .enter)
                try pty.waitFor("Pain in the \(region.name):")
                try pty.send(String(region.intake))
                try pty.waitFor("\(region.name)  \(region.intake)/10")
            }
            for _ in 0..<3 { try pty.send(key: .tab) } // conditions, medications, screening
            try pty.waitFor("▸ Significant fever")
            // Nothing to report: one key per group answers "no" to all of it.
            for _ in 0..<4 { try pty.send("N") }
            try pty.waitFor("Major trauma                         no")
            for _ in 0..<6 { try pty.send(key: .tab) } // notes, do not touch, findings, goals, pressure, consent
            try pty.waitFor("▸ Consent to treatment")
            try pty.send(key: .space)
            try pty.waitFor("[x] yes")
            try pty.send(key: .f2)
            try pty.waitFor("Treatment begun")

            // Work each region, reached by its letter on the map (g, then the area's letter).
            let worked: [(letter: String, name: String, after: [Int])] = [
                ("l", "lumbar spine", [5, 4]),
                ("y", "left back thigh", [4]),
                ("g", "left gluteals", [3]),
                ("n", "left neck", [2]),
            ]
            for region in worked {
                try pty.send("g")
                try pty.waitFor("Go to — press a letter")
                try pty.send(region.letter)
                try pty.waitFor("▸ \(region.name)")
                try pty.send("w")
                try pty.waitFor("Working on the \(region.name)")
                for score in region.after { try pty.checkIn(score, region: region.name) }
            }

            // From the end of treatment to the signature: every key counted, the plan's words not.
            var keys = 0
            func press(_ text: String) throws { keys += 1; try pty.send(text) }
            try press("a")
            try pty.waitFor("y yes")
            try press("y")
            try pty.waitFor("▸ Pain after, overall")
            try press("3")
            try pty.waitFor("Pain after, overall  3")
            try press("\u{10}")                         // Ctrl-P: the plan
            try pty.waitFor("▸ Plan")
            try pty.type("Weekly for four weeks, then review")
            try press(PseudoTerminal.Key.f2.rawValue)
            try pty.waitFor("exactly what will be signed")
            try press("s")
            try pty.waitFor("y yes")
            try press("y")
            try pty.waitFor("Signed and locked")
            #expect(keys == 7, "a new client: seven keys and the plan text")
            #expect(keys <= 8)
            try pty.send("q")
            try pty.waitFor("Knead · Today")
            try pty.send("q")
            #expect(try pty.waitForExit() == .exited(0))

            // The database holds what was typed.
            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let sessions = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
            try #require(sessions.count == 1)
            let state = SessionState(id: sessions[0].id, replaying: try journal.events(of: sessions[0].id))
            #expect(state.phase == .signed)
            let regions = try #require(state.assessment?.painfulRegions)
            #expect(regions.map(\.region.name) == Self.painful.map(\.name))
            #expect(regions.map(\.score.value) == Self.painful.map(\.intake))
            let responses = try #require(state.assessment?.screening.responses)
            #expect(Set(responses.map(\.questionID)) == Set(ScreeningCatalog.standard.questions.map(\.id)),
                    "every question answered")
            #expect(responses.allSatisfy { $0.answer == .no }, "all answered no")
            let care = try #require(state.aftercare)
            #expect(care.postPain == PainScore(3))
            #expect(care.plan == "Weekly for four weeks, then review")
            // Each worked region's pain after is its latest check-in, drafted and kept.
            #expect(care.regionPain.map(\.region.name) == worked.map(\.name))
            #expect(care.regionPain.map(\.score.value) == worked.map { $0.after.last! })

            // The signed note, as a clinician reads it.
            let note = NoteComposer(timeZone: TimeZone(identifier: "UTC")!)
                .compose(state, now: state.signature?.at ?? .distantPast).lines.joined(separator: "\n")
            for line in ["Complaint: \"Low back and hamstring pain since moving house\"",
                         "Screening: no contraindication found",
                         "Baseline pain: lumbar spine 6/10, right back thigh 5/10, left gluteals 4/10, left neck 3/10",
                         "lumbar spine: 6 → 4", "left gluteals: 4 → 3", "left neck: 3 → 2",
                         "Frequency: Weekly for four weeks, then review",
                         "Signed by \(KneadBinary.therapist)"] {
                #expect(note.contains(line), "the note lacks \(line):\n\(note)")
            }
        }
    }
}
