import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// A real journal whose next wait for its syncs fails, as a disk that refuses an `fdatasync` would.
final class UnsyncedJournal: ForwardingJournal, @unchecked Sendable {
    let base: SQLiteJournal
    var failure: StoreError?
    private(set) var waits = 0

    init(_ base: SQLiteJournal) { self.base = base }

    func waitUntilSaved() throws {
        waits += 1
        if let failure {
            self.failure = nil
            throw failure
        }
        try base.waitUntilSaved()
    }
}

/// The app before a frame is sent (`awaitSaved`): it waits for the journal's syncs, and says so
/// when one failed.
@Suite("Waiting for the saves before a frame is sent")
struct AwaitSavedTests {
    let f: AppFixture
    let journal: UnsyncedJournal
    let app: KneadApp

    init() throws {
        f = try AppFixture(seeded: false)
        journal = UnsyncedJournal(f.journal)
        _ = try SamplePractice.record(f.journal, at: AppFixture.now.addingTimeInterval(-1200),
                                      client: SamplePractice.clients[3], minutes: 60,
                                      steps: [.command(.recordAssessment(Assessment(consent: true))), .command(.beginTreatment)])
        app = f.app(on: journal)
        app.handle(.key(.character("y")))  // resume the session, on the treatment screen
        app.handle(.key(.character("w")))
    }

    func text() -> String { app.handle(.resized(width: 100, height: 30)); return app.frame(width: 100, height: 30).canvas.text }

    @Test("Saves that synced: nothing to draw again, and the journal was asked")
    func synced() throws {
        app.handle(.key(.character("5")))
        let waits = journal.waits
        #expect(app.awaitSaved() == false)
        #expect(journal.waits == waits + 1)
        #expect(!text().contains("The disk reported an error"))
    }

    @Test("A sync that failed: the frame is drawn again, saying so; the check-in stays shown")
    func failed() throws {
        app.handle(.key(.character("5")))
        journal.failure = .failed(reason: "the disk refused to sync knead.sqlite (SQLite result 1034)")
        #expect(app.awaitSaved() == true)
        let screen = text()
        #expect(screen.contains("The disk reported an error while saving the last action"))
        #expect(app.session?.checkIns.map(\.value.score.value) == [5])
        // Said once: the next wait finds nothing wrong.
        #expect(app.awaitSaved() == false)
    }
}
