import Foundation
import GRDB
import Testing
import KneadCore
@testable import KneadStore

@Suite("Referrals and plans of care in the store")
struct CarePlanStoreTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    static let referral = Referral(
        clinician: ReferringClinician(name: "Dr. Ada Okafor", practice: "Riverside Family Medicine", contact: "555 010 2000"),
        date: day("2026-10-01"), diagnosis: Diagnosis(code: ICD10Code("M54.42")!, text: "Lumbago with sciatica, left side"),
        frequency: "Weekly", visits: 10, expires: day("2026-12-31"), notes: "No deep work on the left calf (past DVT).")

    static let plan = PlanOfCare(
        start: day("2026-10-01"),
        goals: [CareGoal(id: "sit-workday", text: "Sit through a work day without leg pain", target: day("2027-01-15")),
                CareGoal(id: "drive", text: "Drive 2 h without stopping", target: day("2026-12-01"), met: day("2026-11-20"))],
        frequency: "Weekly", durationWeeks: 10, reassessment: .visits(4))

    @Test func referralsAndPlansRoundTripWithEveryVersionAndItsTime() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(awkwardMoment)
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        try journal.save(ada)
        try journal.save(Self.referral, for: ada.id)
        try journal.save(Self.plan, for: ada.id)
        clock.advance(by: 86_400)
        var renewed = Self.referral
        renewed.visits = 6
        renewed.expires = Self.day("2027-03-31")
        try journal.save(renewed, for: ada.id)
        try journal.close()

        let reopened = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        #expect(try reopened.referralVersions(of: ada.id) == [Timed(Self.referral, at: awkwardMoment),
                                                              Timed(renewed, at: awkwardMoment.addingTimeInterval(86_400))])
        #expect(try reopened.referral(of: ada.id) == renewed)
        #expect(try reopened.plan(of: ada.id) == Self.plan)
        #expect(try reopened.planVersions(of: ada.id).map(\.at) == [awkwardMoment])
        #expect(try reopened.referral(of: ClientID("nobody")) == nil)
        #expect(try reopened.plan(of: ClientID("nobody")) == nil)
    }

    @Test func aReferralForAnUnknownClientIsRefusedWithASentence() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        #expect(throws: StoreError.self) { try journal.save(Self.referral, for: ClientID("nobody")) }
        #expect(try journal.referralVersions(of: ClientID("nobody")).isEmpty)
    }

    @Test(arguments: ["UPDATE referral_changes SET referral = '{}'", "DELETE FROM referral_changes",
                      "UPDATE plan_of_care_changes SET plan = '{}'", "DELETE FROM plan_of_care_changes"])
    func versionsCannotBeChangedOrDeletedBehindKnead(sql: String) throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try journal.save(ada)
        try journal.save(Self.referral, for: ada.id)
        try journal.save(Self.plan, for: ada.id)
        try journal.close()
        let pool = try DatabasePool(path: temp.databaseFile.path)
        #expect(throws: DatabaseError.self) { try pool.write { try $0.execute(sql: sql) } }
        try pool.close()
        let reopened = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        #expect(try reopened.referral(of: ada.id) == Self.referral)
        #expect(try reopened.plan(of: ada.id) == Self.plan)
    }

    @Test func aVersion3DatabaseWithRecordsMigratesAndKeepsThem() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(at: temp.dataFolder, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: temp.databaseFile.path)
        try Schema.migrator.migrate(pool, upTo: "v3-review-indices")
        try pool.write { db in
            try db.execute(sql: "INSERT INTO clients (id, name, created_at, updated_at) VALUES ('client-ada', 'Ada Byron', 1, 1)")
        }
        try pool.close()

        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        #expect(try journal.fetchRawStrings("PRAGMA user_version") == [String(Schema.version)])
        #expect(try journal.clients().map(\.name) == ["Ada Byron"])
        try journal.save(Self.referral, for: ada.id)
        #expect(try journal.referral(of: ada.id) == Self.referral)
    }
}
