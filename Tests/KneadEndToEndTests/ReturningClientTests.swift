import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("A returning client: last visit's answers confirmed with one key")
    struct ReturningClient {
        @Test("History review shows the last visit; one key carries its complaint, regions, goals and screening into today's assessment")
        func lastVisitConfirmedWithOneKey() throws {
            let knead = try RecordsCommands.seeded()   // Tom O'Brien was seen yesterday (a signed note)
            defer { knead.removeHome() }
            let pty = try knead.start(extraEnvironment: ["KNEAD_DEV_CLOCK": "2026-11-18T13:00:00Z"])
            defer { pty.terminate() }
            try pty.waitFor("Resume the unfinished session")
            try pty.send("n")
            try pty.send("n")
            try pty.waitFor("Type to find a client")
            try pty.send("tom")
            try pty.send(key: .enter)
            try pty.waitFor("Last visit")
            try pty.waitFor("My lower back seizes up")
            try pty.send("a")
            try pty.waitFor("carried over")
            try pty.send(key: .ctrlC)
            _ = try pty.waitForExit()

            let journal = try knead.openJournal()
            defer { try? journal.close() }
            let sessions = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
                .filter { $0.client.id == SamplePractice.clients[2].id }
            #expect(sessions.count == 2)
            let today = try #require(sessions.max { $0.startedAt < $1.startedAt })
            let state = SessionState(id: today.id, replaying: try journal.events(of: today.id))
            #expect(state.assessment?.chiefComplaint == "My lower back seizes up after long drives.")
            #expect(state.assessment?.goals == "Drive without stopping")
            #expect(state.assessment?.painfulRegions.count == 2)
        }
    }
}
