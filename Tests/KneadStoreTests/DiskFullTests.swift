import Foundation
import KneadCore
import Testing
@testable import KneadStore

@Suite("A full disk (max_page_count on a real database)")
struct DiskFullTests {
    /// Caps the journal's file at its current size plus `spare` pages; returns the cap. The file
    /// is first made to hold no free page (a migration that makes a table anew leaves some), so
    /// that the cap leaves exactly `spare` pages of room.
    @discardableResult
    private func cap(_ journal: SQLiteJournal, spare: Int) throws -> Int {
        try journal.executeRawSQLOutsideTransaction("VACUUM")
        #expect(try journal.fetchRawStrings("PRAGMA freelist_count") == ["0"])
        let pages = try #require(Int(try journal.fetchRawStrings("PRAGMA page_count").first ?? ""))
        try journal.executeRawSQL("PRAGMA max_page_count = \(pages + spare)")
        return pages + spare
    }

    private func treatment(_ journal: SQLiteJournal, _ session: SessionID, clock: ManualClock) throws -> SessionState {
        let commands = Array(try wholeSession().prefix(4))  // start, assessment, begin, start work
        return try run(commands, in: session, journal: journal, clock: clock)
    }

    @Test("Appending until full gives diskFull; after space returns the same append succeeds")
    func fullThenSpace() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("s1")
        let clock = ManualClock(awkwardMoment)
        var state = try treatment(journal, session, clock: clock)
        try cap(journal, spare: 2)

        let long = String(repeating: "Taut band, tender on palpation. ", count: 120)
        var failure: StoreError?
        for _ in 0..<50 {
            clock.advance(by: 1)
            guard case .success(let events) = decide(.note(long), state, at: clock.now()) else {
                Issue.record("the decider refused a note")
                return
            }
            do {
                try journal.append(events, to: session)
                for event in events { state.evolve(event) }
            } catch let error as StoreError {
                failure = error
                // Space returns: the same events are saved.
                try journal.executeRawSQL("PRAGMA max_page_count = 1073741823")
                try journal.append(events, to: session)
                for event in events { state.evolve(event) }
                break
            }
        }
        #expect(failure == .diskFull(path: journal.databasePath))
        #expect(failure?.isOutOfSpace == true)
        #expect(failure?.description.contains("is full") == true)
        #expect(SessionState(id: session, replaying: try journal.events(of: session)) == state)
    }

    @Test("perform(waiting:) keeps actions while full, saves them in order when space returns")
    func waitingActions() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("s1")
        let clock = ManualClock(awkwardMoment)
        var state = try treatment(journal, session, clock: clock)
        let savedBefore = try journal.events(of: session).count
        try cap(journal, spare: 0)

        var waiting = WaitingEvents()
        let long = String(repeating: "Trigger point reproduces the referral pattern. ", count: 100)
        let commands: [SessionCommand] = [.note(long), .checkIn(score: 4, region: nil), .changePressure(.deep, confirmed: false),
                                          .note(long), .checkIn(score: 3, region: nil)]
        for command in commands {
            clock.advance(by: 7)
            try journal.perform(command, on: &state, at: clock.now(), waiting: &waiting)
        }
        #expect(waiting.count == commands.count, "every action waits while the disk is full")
        #expect(try journal.events(of: session).count == savedBefore, "nothing half-saved")
        #expect(state.checkIns.map(\.value.score.value) == [4, 3], "the shown state has them all")
        #expect(try journal.saveWaiting(&waiting) == false, "still full")
        #expect(waiting.count == commands.count)

        try journal.executeRawSQL("PRAGMA max_page_count = 1073741823")
        #expect(try journal.saveWaiting(&waiting))
        #expect(waiting.isEmpty)
        #expect(SessionState(id: session, replaying: try journal.events(of: session)) == state,
                "saved in order: the replay equals what was shown")
    }
}
