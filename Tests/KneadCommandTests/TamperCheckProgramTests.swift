import Foundation
import GRDB
import KneadCore
@testable import KneadStore
import KneadUI
import Testing
@testable import knead

/// The tamper check of new entries runs after the first frame and its finding is shown loudly.
@Suite("The check of new entries after the first frame")
struct TamperCheckProgramTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-tamper-\(UUID().uuidString)")
    let clock = ManualClock(Date(timeIntervalSinceReferenceDate: 800_000_000))
    var location: DataLocation { DataLocation(folder: folder.appendingPathComponent("data")) }

    /// The app on the journal, wrapped in the program under test, sized for a 200x40 screen.
    static func program(_ journal: SQLiteJournal, _ clock: ManualClock) -> (NewEntriesCheck, TamperCheckProgram) {
        let app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default, settings: AppSettings(therapistName: "Sam"))
        let check = NewEntriesCheck(journal: journal)
        let program = TamperCheckProgram(inner: app, app: app, check: check)
        program.handle(.resized(width: 200, height: 40))
        return (check, program)
    }

    static func screen(_ program: TamperCheckProgram) -> String {
        program.frame(width: 200, height: 40).canvas.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("The first frame is drawn before the check starts; a forged entry is then shown in the danger style")
    func checkAfterFirstFrame() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeding = try SQLiteJournal.open(at: location, clock: clock)
        try SamplePractice.seed(into: seeding, now: clock.now())
        try seeding.close()
        // An entry inserted behind knead's back, as another program with the file could.
        try TamperCheckProgramTests.forge(location.databaseFile.path)

        let journal = try SQLiteJournal.open(at: location, clock: clock)
        defer { try? journal.close() }
        let (check, program) = Self.program(journal, clock)
        let first = program.frame(width: 200, height: 40)
        #expect(!check.isStarted, "nothing is checked before the first frame")
        #expect(!first.canvas.text.contains("Changed outside knead"))
        program.handle(.tick)
        #expect(check.isStarted)
        check.waitUntilFinished()
        program.handle(.tick)
        let frame = program.frame(width: 200, height: 40)
        let text = frame.canvas.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Changed outside knead: Entry") && text.contains("was inserted outside knead"), "\(text)")
        #expect(text.contains("Run knead verify."))
        let canvas = frame.canvas
        let row = try #require((0..<canvas.height).first { y in canvas.lines[y].contains("Changed outside knead") })
        let line = canvas.lines[row]
        let x = line.distance(from: line.startIndex, to: try #require(line.range(of: "Changed")).lowerBound)
        #expect(canvas[x, row].role == .danger, "shown loudly, in the danger style")
    }

    @Test("A check that cannot run is tried again a few ticks later; said only when every try failed")
    func retriedWhenItCannotRun() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SQLiteJournal.open(at: location, clock: clock)
        defer { try? journal.close() }
        try SamplePractice.seed(into: journal, now: clock.now())
        let (check, program) = Self.program(journal, clock)
        func screen() -> String { Self.screen(program) }
        // The database file away for a moment: the check's own connection cannot open it.
        let away = folder.appendingPathComponent("away.sqlite")
        try FileManager.default.moveItem(at: location.databaseFile, to: away)
        for attempt in 1...TamperCheckProgram.attempts {
            program.handle(.tick)
            check.waitUntilFinished()
            if attempt < TamperCheckProgram.attempts {
                program.handle(.tick)
                #expect(program.failures == attempt, "attempt \(attempt) could not run")
                #expect(!screen().contains("could not check"), "not said while it will be tried again")
                for _ in 1..<TamperCheckProgram.ticksBetweenAttempts { program.handle(.tick) }
            }
        }
        program.handle(.tick)
        #expect(screen().contains("Knead could not check its journal's hashes"), "\(screen())")
        try FileManager.default.moveItem(at: away, to: location.databaseFile)
    }

    @Test("A check that could not run once and then can says nothing")
    func retrySucceeds() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SQLiteJournal.open(at: location, clock: clock)
        defer { try? journal.close() }
        try SamplePractice.seed(into: journal, now: clock.now())
        let (check, program) = Self.program(journal, clock)
        let away = folder.appendingPathComponent("away.sqlite")
        try FileManager.default.moveItem(at: location.databaseFile, to: away)
        program.handle(.tick)
        check.waitUntilFinished()
        program.handle(.tick)
        try FileManager.default.moveItem(at: away, to: location.databaseFile)
        #expect(program.failures == 1)
        for _ in 0..<TamperCheckProgram.ticksBetweenAttempts { program.handle(.tick) }
        check.waitUntilFinished()
        // Ticks enough for every further try: the second try found the journal intact.
        for _ in 0..<(TamperCheckProgram.attempts * TamperCheckProgram.ticksBetweenAttempts) { program.handle(.tick) }
        #expect(program.failures == 1, "the second try ran")
        #expect(!Self.screen(program).contains("could not check"))
        #expect(!Self.screen(program).contains("Changed outside knead"))
    }

    @Test("The notice names the first finding and how many more; nothing for an intact journal")
    func notices() {
        #expect(TamperCheckProgram.notice(for: .intact) == nil)
        let two = [JournalFinding(description: "Entry 3 of session a was changed outside knead."),
                   JournalFinding(description: "Entry 4 of session a was changed outside knead.")]
        #expect(TamperCheckProgram.notice(for: .found(two))
                == "Changed outside knead: Entry 3 of session a was changed outside knead. and 1 more Run knead verify.")
        #expect(TamperCheckProgram.notice(for: .failed("the disk is busy"))?.contains("Run knead verify.") == true)
    }

    static func forge(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO events (session_id, seq, at, type, payload)
                SELECT id, (SELECT MAX(seq) + 1 FROM events WHERE session_id = s.id), 0, 'noted', '{"text":"x","type":"noted"}'
                FROM sessions s WHERE phase <> 'signed' ORDER BY id LIMIT 1
                """)
        }
    }
}
