import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// Every screen at 80x24 with values too long for it: a word is never cut without `…`.
@Suite("Long values: no word cut without …")
struct LongTextTests {
    static let now = AppFixture.now
    static let client = Client(id: ClientID("long"), name: "Bartholomew Featherstonehaugh-Wolfeschlegelsteinhausen",
                               preferredName: "Bartholomew")
    static let complaint = "Excruciating paraspinal tightness radiating unpredictably throughout Wednesday afternoons"
    static let regions = [Region(.lowBack, .left), Region(.gluteal, .left), Region(.thighBack, .left), Region(.calf, .left),
                          Region(.lumbarSpine), Region(.thoracicSpine), Region(.upperBack, .right), Region(.shoulder, .right)]
        .compactMap { $0 }
    static let techniques = ["neuromuscular", "myofascial-release", "trigger-point", "cross-fiber-friction", "lymphatic-drainage"]
    static let note = "Hypertonicity throughout quadratus lumborum, reproducing Wednesday's characteristic radiating discomfort"

    /// An app on a real SQLite file holding a long-named client's sessions: yesterday's signed,
    /// today one signed, one in aftercare and one in treatment.
    final class Fixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-long-\(UUID().uuidString)")
        let journal: SQLiteJournal
        let app: KneadApp

        init() throws {
            let clock = ManualClock(LongTextTests.now)
            journal = try SQLiteJournal.open(folder: folder, clock: clock)
            try journal.save(ClientRecord(client: LongTextTests.client, physician: "Dr. Maximilianus Konstantinopoulos-Vanderbilt",
                                          history: HealthHistory(conditions: "Idiosyncratic fibromyalgia", medications: "Acetaminophen")))
            for (hoursAgo, phase) in [(26.0, Phase.signed), (4, .signed), (2.5, .aftercare), (0.4, .treatment)] {
                try LongTextTests.session(journal, at: LongTextTests.now.addingTimeInterval(-hoursAgo * 3600), upTo: phase)
            }
            let settings = AppSettings(therapistName: "Sam Rivera, LMT", timeZone: TimeZone(identifier: "UTC")!)
            app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default, settings: settings)
        }

        deinit {
            try? journal.close()
            try? FileManager.default.removeItem(at: folder)
        }

        func press(_ keys: Key...) { for key in keys { app.handle(.key(key)) } }
        func type(_ text: String) { for c in text { app.handle(.key(.character(c))) } }
        func frame(_ width: Int, _ height: Int) -> Canvas {
            app.handle(.resized(width: width, height: height))
            return app.frame(width: width, height: height).canvas
        }
    }

    static func session(_ journal: SQLiteJournal, at start: Date, upTo phase: Phase) throws {
        var steps: [SamplePractice.Step] = [
            .command(.recordAssessment(Assessment(chiefComplaint: complaint, onset: "Gradually, unpredictably",
                                                  painfulRegions: regions.map { RegionPain(region: $0, score: PainScore(6)!) },
                                                  goals: "Comfortably photograph Wednesday's thunderstorms", consent: true))),
            .command(.beginTreatment),
        ]
        for (i, region) in regions.enumerated() {
            steps += [.command(.startWork(RegionWork(region: region, technique: Technique(techniques[i % techniques.count]),
                                                     pressure: .swedish))),
                      .wait(2), .command(.checkIn(score: 4, region: nil))]
        }
        steps.append(.command(.note(note)))
        if phase >= .aftercare {
            steps += [.command(.endTreatment),
                      .command(.recordAftercare(Aftercare(postPain: PainScore(3)!,
                                                          regionPain: regions.map { RegionPain(region: $0, score: PainScore(3)!) },
                                                          advice: Aftercare.standardAdvice,
                                                          homeCare: "Diaphragmatic breathing, progressively lengthening exhalations",
                                                          plan: "Fortnightly, reassessing proprioceptive responsiveness")))]
        }
        if phase == .signed { steps.append(.command(.sign(by: "Sam Rivera, LMT"))) }
        try SamplePractice.record(journal, at: start, client: client, minutes: 60, steps: steps)
    }

    /// The screens, each reached by the keys a therapist presses.
    static let screens: [(name: String, keys: @Sendable (Fixture) -> Void)] = [
        ("resume offer", { _ in }),
        ("today", { $0.press(.character("n")) }),
        ("treatment", { $0.press(.character("y")) }),
        ("technique menu", { $0.press(.character("y"), .character("t")) }),
        ("help", { $0.press(.character("y"), .character("?")) }),
        ("aftercare", { $0.press(.character("n"), .down, .down, .enter) }),
        ("note preview", { $0.press(.character("n"), .down, .down, .enter, .function(2)) }),
        ("signed note", { $0.press(.character("n"), .down, .enter) }),
        ("day review", { $0.press(.character("n"), .character("r")) }),
        ("client history", { $0.press(.character("n"), .character("r"), .character("h")) }),
        ("search", { f in f.press(.character("n"), .character("/")); f.type("Wednesday") }),
        ("client picker", { f in f.press(.character("n"), .character("n")); f.type("Barth") }),
        ("clients", { $0.press(.character("n"), .character("c")) }),
        ("assessment", { f in
            f.press(.character("n"), .character("n")); f.type("Barth"); f.press(.enter, .enter)
            f.type(complaint)
        }),
    ]

    /// Runs of letters in a line, each with the character after it.
    static func words(in line: String) -> [(word: String, next: Character?)] {
        var found: [(String, Character?)] = []
        var current = ""
        for c in line {
            if c.isLetter { current.append(c); continue }
            if !current.isEmpty { found.append((current, c)) }
            current = ""
        }
        if !current.isEmpty { found.append((current, nil)) }
        return found
    }

    /// Words of `small` that are the start of a longer word the screen shows when it has room,
    /// and are not themselves words it shows, without a `…` after them: cut words.
    static func cutWords(small: Canvas, wide: Canvas, values: Set<String>) -> [String] {
        let wideWords = wide.lines.flatMap(words(in:))
        let whole = Set(wideWords.filter { $0.next != "…" }.map(\.word)).union(values)
        return small.lines.flatMap { line in
            words(in: line).compactMap { entry in
                // A word that runs into a border was covered by an overlay's box, not cut.
                let border = entry.next?.unicodeScalars.first.map { (0x2500...0x257F).contains($0.value) } ?? false
                guard entry.word.count >= 2, entry.next != "…", !border, !whole.contains(entry.word),
                      whole.contains(where: { $0.count > entry.word.count && $0.hasPrefix(entry.word) }) else { return nil }
                return "\(entry.word) in: \(line)"
            }
        }
    }

    @Test("Every screen at 80x24 with long values: text that does not fit ends in …", arguments: screens.map(\.name))
    func noCutWord(_ name: String) throws {
        let screen = try #require(Self.screens.first { $0.name == name })
        let values = Set(([Self.client.name, Self.complaint, Self.note] + Self.regions.map(\.name)
                          + TechniqueCatalog.standard.entries.map(\.name) + Aftercare.standardAdvice)
            .flatMap { Self.words(in: $0).map(\.word) })
        let wide = try Fixture()
        screen.keys(wide)
        let roomy = wide.frame(200, 60)
        let small = try Fixture()
        screen.keys(small)
        let canvas = small.frame(80, 24)
        let cut = Self.cutWords(small: canvas, wide: roomy, values: values)
        let report = "\(name):\n" + cut.joined(separator: "\n") + "\n\n" + canvas.text
        #expect(cut.isEmpty, "\(report)")
    }
}
