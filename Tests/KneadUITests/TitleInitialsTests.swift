import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The title bar's initials, kept between frames, always those of the client on screen.
@Suite("The title bar's initials")
struct TitleInitialsTests {
    @Test("Another client's session shows that client's initials, and back again")
    func followTheClient() throws {
        let f = try AppFixture(seeded: false)
        let steps: [SamplePractice.Step] = [.command(.recordAssessment(Assessment(consent: true))), .command(.beginTreatment)]
        let first = SamplePractice.clients[3], second = SamplePractice.clients[1]
        #expect(first.initials != second.initials)
        let a = try SamplePractice.record(f.journal, at: AppFixture.now.addingTimeInterval(-1200), client: first,
                                          minutes: 60, steps: steps)
        let b = try SamplePractice.record(f.journal, at: AppFixture.now.addingTimeInterval(-600), client: second,
                                          minutes: 60, steps: steps)
        func title() -> String {
            f.app.handle(.resized(width: 100, height: 30))
            return String(f.app.frame(width: 100, height: 30).canvas.text.prefix { $0 != "\n" })
        }
        f.app.open(a.id)
        #expect(title().contains("· \(first.initials)"))
        f.app.open(b.id)
        #expect(title().contains("· \(second.initials)"))
        #expect(!title().contains("· \(first.initials)"))
        f.app.open(a.id)
        #expect(title().contains("· \(first.initials)"))
    }
}
