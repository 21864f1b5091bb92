import Foundation
import Testing
import KneadCore
@testable import KneadStore

@Suite("Client records in the store")
struct ClientRecordStoreTests {
    static func amira() -> ClientRecord {
        ClientRecord(client: Client(id: ClientID("amira"), name: "Amira Haddad", preferredName: "أميرة"),
                     dateOfBirth: CalendarDate(year: 1958, month: 8, day: 23), phone: "555 014 9921",
                     email: "amira@example.org", physician: "Dr. Haddad",
                     history: HealthHistory(conditions: "Atrial fibrillation", medications: "Warfarin 5 mg",
                                            allergies: "Latex",
                                            surgeriesAndInjuries: [DatedEntry("Hip replacement, left",
                                                                              date: CalendarDate(year: 2019, month: 3, day: 2))],
                                            pregnancy: .no),
                     notes: "Prefers mornings")
    }

    @Test func aRecordRoundTripsWithEveryField() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try journal.save(Self.amira())
        #expect(try journal.clientRecord(ClientID("amira")) == Self.amira())
        #expect(try journal.clients() == [Self.amira().client])
        try journal.close()
        let reopened = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        #expect(try reopened.clientRecord(ClientID("amira")) == Self.amira())
        #expect(try reopened.clientRecord(ClientID("nobody")) == nil)
    }

    @Test func everySavedVersionIsKeptWithItsTime() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(Date(timeIntervalSinceReferenceDate: 800_000_000))
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        var record = Self.amira()
        try journal.save(record)
        clock.advance(by: 86_400)
        record.history.medications = "Apixaban 5 mg"
        try journal.save(record)
        let versions = try journal.recordVersions(of: record.id)
        #expect(versions.map(\.value.history.medications) == ["Warfarin 5 mg", "Apixaban 5 mg"])
        #expect(versions.map(\.at) == [Date(timeIntervalSinceReferenceDate: 800_000_000),
                                       Date(timeIntervalSinceReferenceDate: 800_086_400)])
        #expect(try journal.clientRecord(record.id)?.history.medications == "Apixaban 5 mg")
    }

    @Test func theHistoryOfARecordCannotBeRewritten() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try journal.save(Self.amira())
        #expect(throws: (any Error).self) { try journal.executeRawSQL("UPDATE client_changes SET record = '{}'") }
        #expect(throws: (any Error).self) { try journal.executeRawSQL("DELETE FROM client_changes") }
        #expect(try journal.recordVersions(of: ClientID("amira")).count == 1)
    }

    @Test func archivedClientsAreKeptButNotOffered() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        var record = Self.amira()
        try journal.save(record)
        try journal.save(ada)
        record.archived = true
        try journal.save(record)
        #expect(try journal.clients().map(\.name) == ["Ada Byron"])
        #expect(try journal.clientRecords(includingArchived: true).map(\.client.name) == ["Ada Byron", "Amira Haddad"])
        #expect(try journal.clientRecord(record.id)?.archived == true)
    }

    @Test func aSessionStartKeepsTheRecordItFinds() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(Date(timeIntervalSinceReferenceDate: 800_000_000))
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        try journal.save(Self.amira())
        try run(startOnly(Self.amira().client), in: SessionID("s1"), journal: journal, clock: clock)
        #expect(try journal.clientRecord(ClientID("amira")) == Self.amira(), "starting a session changes no record")
        // A client first met at a session start gets a record of their own.
        try run(startOnly(ada), in: SessionID("s2"), journal: journal, clock: clock)
        #expect(try journal.clientRecord(ada.id) == ClientRecord(client: ada))
        #expect(try journal.recordVersions(of: ada.id).count == 1)
    }

    @Test func renamingByClientKeepsTheRestOfTheRecord() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try journal.save(Self.amira())
        try journal.save(Client(id: ClientID("amira"), name: "Amira Haddad-Nasser"))
        let record = try journal.clientRecord(ClientID("amira"))
        #expect(record?.client.name == "Amira Haddad-Nasser")
        #expect(record?.history == Self.amira().history)
    }

    @Test func screeningEventsRoundTripThroughTheJournal() throws {
        let temp = try TemporaryFolder()
        let clock = ManualClock(Date(timeIntervalSinceReferenceDate: 800_000_000))
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: clock)
        var screening = Screening()
        screening.set(.yes, for: "fever")
        screening.set(.yes, for: "saddle-anaesthesia")
        screening.set(.yes, for: "open-wound", regions: [Region(.forearm, .left)!])
        let assessment = Assessment(chiefComplaint: "Back", onset: "Two weeks ago", worseWith: "Sitting",
                                    betterWith: "Walking", medications: "Warfarin", screening: screening,
                                    avoidRegions: [Region(.abdomen)!], consent: true)
        let state = try run([.start(client: ada, plannedMinutes: 60), .reviewHistory(Self.amira().history),
                             .recordAssessment(assessment), .acknowledgeRedFlags,
                             .overrideContraindication(reason: "Fever gone; physician cleared"), .beginTreatment,
                             .startWork(RegionWork(region: Region(.forearm, .left)!, technique: Technique("effleurage"),
                                                   pressure: .deep, cautionConfirmed: true))],
                            in: SessionID("s"), journal: journal, clock: clock)
        let replayed = SessionState(id: SessionID("s"), replaying: try journal.events(of: SessionID("s")))
        #expect(replayed == state)
        #expect(replayed.activeWork?.avoidConfirmed == true)
        #expect(replayed.activeWork?.cautionConfirmed == true)
        #expect(replayed.unacknowledgedRedFlags.isEmpty)
        // Saddle anaesthesia needs same-day emergency care: the override covers it with the fever.
        #expect(replayed.overrides.first?.value.causes == ["Significant fever: yes", "Saddle anaesthesia: yes"])
    }
}
