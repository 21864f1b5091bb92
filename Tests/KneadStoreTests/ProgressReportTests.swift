import Foundation
import Testing
import KneadCore
@testable import KneadStore

@Suite("The physician's progress report")
struct ProgressReportTests {
    static let now = Date(timeIntervalSince1970: 1_795_953_600)  // 2026-11-29 08:00 UTC
    static let utc = TimeZone(identifier: "UTC")!

    /// The ten-visit sample client written to a real database and read back.
    static func report(since: CalendarDate? = nil) throws -> (ProgressReport, TemporaryFolder) {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: ManualClock(now))
        defer { try? journal.close() }
        try SampleCarePlan.seed(into: journal, now: now, zone: utc)
        let record = try #require(try journal.clientRecord(SampleCarePlan.client.id))
        return (try journal.progressReport(for: record, since: since, now: now, zone: utc, catalog: .standard), temp)
    }

    static func snapshot(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
    }

    @Test func theMarkdownOfTheTenVisitSampleMatchesItsSnapshot() throws {
        let (report, _) = try Self.report()
        let markdown = report.markdown()
        let file = Self.snapshot("progress-report-ten-visits.md")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try markdown.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(markdown == expected, "re-record with RECORD_SNAPSHOTS=1 if the change is intended")
    }

    @Test func theReportCountsVisitsAndCallsOutTheChangesThatMatter() throws {
        let (report, _) = try Self.report()
        #expect(report.visits.count == 10)
        #expect(report.status.visitsUsed == 10)
        #expect(report.status.visitsRemaining == 2)
        let text = report.text()
        #expect(text.contains("Visits given: 10 of 12; 2 remaining."))
        #expect(text.contains("Pain at intake (NRS 0–10): 7 → 3 over 10 visits, -4 points: a clinically important change"))
        #expect(text.contains("PSFS mean (0–10, higher is better): 3.0 → 6.7, +3.7: a clinically important change"))
        #expect(text.contains("PEG (pain, enjoyment, activity; 0–10, lower is better): 6.7 → 2.7, -4.0."))
        #expect(text.contains("Drive two hours without stopping: met on "))
        #expect(text.contains("Re-assessment every 4 visits."))
        #expect(!text.contains("|"))
    }

    @Test func afterTheReferralExpiredTheReportSaysSoAndAsksForANewOne() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: ManualClock(Self.now))
        try SampleCarePlan.seed(into: journal, now: Self.now, zone: Self.utc)
        let record = try #require(try journal.clientRecord(SampleCarePlan.client.id))
        let later = Self.now.addingTimeInterval(30 * 86_400)
        let text = try journal.progressReport(for: record, since: nil, now: later, zone: Self.utc, catalog: .standard).text()
        #expect(text.contains("The referral expired on 2026-12-20: ask the physician for a new referral."))
        #expect(text.contains("Further visits need a new referral."))
        let soon = try journal.progressReport(for: record, since: nil, now: Self.now.addingTimeInterval(16 * 86_400),
                                              zone: Self.utc, catalog: .standard).text()
        #expect(soon.contains("The referral expires in 5 days."))
        #expect(!soon.contains("Further visits need a new referral."))
    }

    @Test func sinceNarrowsTheVisitsDescribedButNotThoseCounted() throws {
        let (full, _) = try Self.report()
        let sixth = try #require(full.visits[5].startedAt)
        let (recent, _) = try Self.report(since: CalendarDate(sixth, in: Self.utc))
        #expect(recent.visits.count == 5)
        #expect(recent.status.visitsUsed == 10)
        #expect(recent.markdown().contains("Pain at intake (NRS 0–10): 5 → 3 over 5 visits"))
    }

    @Test func userTextCannotDriveTheTerminalOrBreakTheTable() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: ManualClock(Self.now))
        try SampleCarePlan.seed(into: journal, now: Self.now, zone: Self.utc)
        var referral = try #require(try journal.referral(of: SampleCarePlan.client.id))
        referral.clinician.name = "Dr. Evil\u{1B}[2J | x"
        referral.notes = "line\nbreak"
        try journal.save(referral, for: SampleCarePlan.client.id)
        let record = try #require(try journal.clientRecord(SampleCarePlan.client.id))
        let report = try journal.progressReport(for: record, since: nil, now: Self.now, zone: Self.utc, catalog: .standard)
        for document in [report.markdown(), report.text()] {
            #expect(!document.unicodeScalars.contains { $0.value == 0x1B })
        }
        #expect(report.markdown().contains("Dr. Evil\u{FFFD}[2J \\| x"))
    }
}
