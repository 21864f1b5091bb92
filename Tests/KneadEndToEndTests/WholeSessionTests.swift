import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("A whole session by keystrokes")
    struct WholeSession {
        @Test("From an empty data folder to a signed note, then quit; the database holds every step")
        func wholeSessionToSigned() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }

            try pty.startSession(client: "Jane Doe")
            try pty.assess(complaint: "Tight neck after long drives", region: "left shoulder", score: 6)
            try pty.startWork(on: "left shoulder")
            for score in [5, 4, 10] { try pty.checkIn(score, region: "left shoulder") }
            try pty.send("e")
            try pty.waitFor("Ended work on the left shoulder")
            try pty.send("a")
            try pty.waitFor("y yes    n no")
            try pty.send("y")
            try pty.waitFor("▸ Pain after")
            try pty.send("3")
            try pty.waitFor("Pain after, overall  3")
            try pty.send(key: .tab)
            try pty.waitFor("▸   L shoulder")
            try pty.send("2")
            try pty.send(key: .tab)
            try pty.waitFor("▸ Aftercare advice")
            try pty.send("1")  // each advice item has its own key
            try pty.waitFor("1 [x] Drink water")
            try pty.send(key: .tab)
            try pty.waitFor("▸ Stretches, exercises")
            try pty.type("Stretch daily")
            for _ in 0..<3 { try pty.send(key: .tab) }  // heat or cold, self-care, plan
            try pty.waitFor("▸ Plan: how often")
            try pty.type("Rebook in two weeks")
            try pty.send(key: .f2)
            try pty.waitFor("Note preview")
            try pty.waitFor("exactly what will be signed")
            try pty.send("s")
            try pty.waitFor("y yes    n no")
            try pty.send("y")
            try pty.waitFor("Signed and locked")
            try pty.waitFor("Signed note")
            // A signed note cannot be signed or edited again; it can be amended.
            try pty.send("s")
            try pty.waitFor("already signed")
            try pty.send("m")
            try pty.waitFor("▸ Reason")
            try pty.type("Side recorded wrongly")
            try pty.send(key: .tab)
            try pty.type("The tight band was on the right.")
            try pty.send(key: .f2)
            try pty.waitFor("Amendment added under the signed note")
            try pty.waitFor("reason: Side recorded wrongly")
            try pty.send("q")
            try pty.waitFor("Knead · Today")
            try pty.send("q")
            #expect(try pty.waitForExit() == .exited(0))

            // Private files: the folder 0700, the database 0600.
            let folderMode = try FileManager.default.attributesOfItem(atPath: knead.dataDir.path)[.posixPermissions] as? Int
            let fileMode = try FileManager.default.attributesOfItem(
                atPath: knead.dataDir.appendingPathComponent("knead.sqlite").path)[.posixPermissions] as? Int
            #expect(folderMode == 0o700)
            #expect(fileMode == 0o600)

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let sessions = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
            try #require(sessions.count == 1)
            #expect(sessions[0].phase == .signed)
            #expect(sessions[0].client.name == "Jane Doe")
            #expect(try journal.unfinishedSessions().isEmpty)

            let events = try journal.events(of: sessions[0].id)
            let kinds = events.map(\.change.kind)
            for kind in ["started", "assessed", "treatmentBegan", "workStarted", "checkedIn", "treatmentEnded",
                         "aftercareRecorded", "signed"] {
                #expect(kinds.contains(kind), "no \(kind) event in \(kinds)")
            }
            #expect(kinds.first == "started")
            #expect(kinds.suffix(2) == ["signed", "amended"])

            let shoulder = try #require(Region(.shoulder, .left))
            let assessment = events.compactMap { if case .assessed(let a) = $0.change { a } else { nil } }.last
            #expect(assessment?.chiefComplaint == "Tight neck after long drives")
            #expect(assessment?.painfulRegions == [RegionPain(region: shoulder, score: PainScore(6)!)])
            #expect(assessment?.consent == true)

            let work = events.compactMap { if case .workStarted(let w) = $0.change { w } else { nil } }
            #expect(work.map(\.region) == [shoulder])

            let checkIns = events.compactMap { if case .checkedIn(let c) = $0.change { c } else { nil } }
            #expect(checkIns.map(\.score.value) == [5, 4, 10])
            #expect(checkIns.allSatisfy { $0.region == shoulder })

            let aftercare = events.compactMap { if case .aftercareRecorded(let a) = $0.change { a } else { nil } }.last
            #expect(aftercare?.postPain?.value == 3)
            #expect(aftercare?.plan == "Rebook in two weeks")
            #expect(aftercare?.homeCare == "Stretch daily")
            #expect(aftercare?.advice == [Aftercare.standardAdvice[0]])
            #expect(aftercare?.regionPain == [RegionPain(region: shoulder, score: PainScore(2)!)])

            let signature = events.compactMap { if case .signed(let s) = $0.change { s } else { nil } }
            #expect(signature.map(\.by) == [KneadBinary.therapist])
            // The signature keeps the words and codes of the techniques used, as they were at signing.
            #expect(signature.first?.vocabulary?.names.isEmpty == false)

            let state = SessionState(id: sessions[0].id, replaying: events)
            #expect(state.phase == .signed)
            #expect(state.amendments.map(\.value) == [Amendment(by: KneadBinary.therapist, reason: "Side recorded wrongly",
                                                                 text: "The tight band was on the right.")])
            // The database itself refuses an edit of the signed session, with a reason.
            do {
                try journal.append([SessionEvent(at: Date(), .noted("changed afterwards"))], to: state.id)
                Issue.record("a new note on a signed session was stored")
            } catch {
                #expect("\(error)".contains("signed"), "\(error)")
            }
            #expect(try journal.events(of: state.id).count == events.count)
        }
    }
}
