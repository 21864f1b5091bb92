import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// A real journal whose disk can be "full": while `isFull`, every append fails as SQLite's
/// SQLITE_FULL does (``StoreError/diskFull(path:)``) and writes nothing.
final class FillableJournal: ForwardingJournal, @unchecked Sendable {
    let base: SQLiteJournal
    var isFull = false
    /// While set, appends fail with this error instead (not a want of space).
    var otherFailure: StoreError?
    private(set) var refusedAppends = 0

    init(_ base: SQLiteJournal) { self.base = base }

    func append(_ events: [SessionEvent], to session: SessionID) throws {
        if isFull {
            refusedAppends += 1
            throw StoreError.diskFull(path: base.databasePath)
        }
        if let otherFailure {
            refusedAppends += 1
            throw otherFailure
        }
        try base.append(events, to: session)
    }
}

@Suite("A full disk during treatment")
struct DiskFullScreenTests {
    let f: AppFixture
    let journal: FillableJournal
    let app: KneadApp
    let id: SessionID

    init() throws {
        f = try AppFixture(seeded: false)
        journal = FillableJournal(f.journal)
        let shoulder = try #require(Region(.shoulder, .left))
        let assessment = Assessment(chiefComplaint: "Stiff shoulder", painfulRegions: [RegionPain(region: shoulder, score: PainScore(6)!)],
                                    pressurePreference: .swedish, consent: true)
        let state = try SamplePractice.record(f.journal, at: AppFixture.now.addingTimeInterval(-1200),
                                              client: SamplePractice.clients[3], minutes: 60,
                                              steps: [.command(.recordAssessment(assessment)), .command(.beginTreatment)])
        id = state.id
        app = f.app(on: journal)
        // The app offers to resume the unfinished session; y opens it on the treatment screen.
        app.handle(.key(.character("y")))
    }

    func press(_ keys: Key...) { for key in keys { app.handle(.key(key)) } }
    func text() -> String { app.handle(.resized(width: 100, height: 30)); return app.frame(width: 100, height: 30).canvas.text }
    func saved() throws -> SessionState { SessionState(id: id, replaying: try f.journal.events(of: id)) }

    @Test("Actions are shown at once with a banner, kept, and saved in order when space returns")
    func keptThenSaved() throws {
        press(.character("w"))
        let before = try saved()
        #expect(before.activeWork != nil)

        journal.isFull = true
        press(.character("3"), .character("+"), .character("5"))
        #expect(app.session?.checkIns.map(\.value.score.value) == [3, 5], "the screen shows every action")
        #expect(app.waitingActionCount == 3)
        #expect(text().contains("The disk is full: 3 actions are waiting to be saved. Free some space; knead keeps trying."))
        #expect(try saved() == before, "nothing half-saved while full")

        // Every tick tries again; still full.
        let refused = journal.refusedAppends
        app.handle(.tick)
        #expect(journal.refusedAppends > refused, "the tick retried")
        #expect(app.waitingActionCount == 3)

        // Leaving the session would lose them: it stays open and says why.
        press(.escape)
        #expect(app.screen == .treatment)
        #expect(text().contains("the session stays open"))

        // Quitting asks first; n keeps knead open.
        press(.control("c"))
        #expect(text().contains("lose them?"))
        press(.character("n"))
        #expect(!app.isFinished)

        // Space returns: the next tick saves all three, in order; the banner goes.
        journal.isFull = false
        app.handle(.tick)
        #expect(app.waitingActionCount == 0)
        #expect(!text().contains("The disk is full"))
        #expect(text().contains("Disk space is back"))
        #expect(try saved() == app.session, "the saved journal replays to exactly what was shown")
        press(.control("c"))
        #expect(app.isFinished, "nothing waits: quit at once")
    }

    @Test("A new action while full waits behind the earlier ones; when space returns it saves them first")
    func newActionSavesWaitingFirst() throws {
        press(.character("w"))
        journal.isFull = true
        press(.character("4"), .character("-"))
        #expect(app.waitingActionCount == 2)
        journal.isFull = false
        press(.character("2"))
        #expect(app.waitingActionCount == 0)
        let state = try saved()
        #expect(state == app.session)
        #expect(state.checkIns.map(\.value.score.value) == [4, 2])
    }

    @Test("Quitting with actions waiting: y quits, knowingly")
    func quitLosing() throws {
        press(.character("w"))
        journal.isFull = true
        press(.character("6"))
        press(.control("c"))
        #expect(!app.isFinished)
        #expect(text().contains("1 action is not saved yet"))
        press(.character("y"))
        #expect(app.isFinished)
    }

    @Test("When the retry fails for another reason than space, the banner says that reason, not 'disk full'")
    func otherFailureIsNamed() throws {
        press(.character("w"))
        journal.isFull = true
        press(.character("4"))
        #expect(text().contains("The disk is full: 1 action is waiting"))
        journal.isFull = false
        journal.otherFailure = .readOnly(path: "/data/knead.sqlite")
        app.handle(.tick)
        #expect(app.waitingActionCount == 1, "still kept, still retried")
        let shown = text()
        #expect(!shown.contains("The disk is full"))
        #expect(shown.contains("1 action is waiting to be saved: The database /data/knead.sqlite is read-only"))
        press(.control("c"))
        #expect(text().contains("The database refused them: 1 action is not saved yet"))
        press(.character("n"))
        journal.otherFailure = nil
        app.handle(.tick)
        #expect(app.waitingActionCount == 0)
        #expect(try saved() == app.session)
    }
}
