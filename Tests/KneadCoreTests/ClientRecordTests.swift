import Foundation
import Testing
import KneadCore

@Suite("Client records: dates, validation, search and order")
struct ClientRecordTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 21)!

    @Test(arguments: ["2024-02-29", "1980-04-23", "2000-12-31"])
    func realDatesParse(text: String) {
        #expect(CalendarDate(parsing: text)?.description == text)
    }

    @Test(arguments: ["2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01",
                      "24-02-01", "2024/02/01", "2024-2-1", "yesterday", "", "２０２４-01-01"])
    func impossibleDatesAreRefused(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func ageCountsWholeYears() {
        let born = CalendarDate(year: 1980, month: 11, day: 22)!
        #expect(born.years(until: Self.today) == 45)
        #expect(born.years(until: CalendarDate(year: 2026, month: 11, day: 22)!) == 46)
    }

    @Test func aDateRoundTripsAsText() throws {
        let date = CalendarDate(year: 1999, month: 1, day: 5)!
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["1999-01-05"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["1999-02-30"]"#.utf8)) }
    }

    static func record(_ name: String = "Amira Haddad") -> ClientRecord {
        ClientRecord(client: Client(id: ClientID("c"), name: name))
    }

    @Test func aValidRecordHasNoProblems() {
        var r = Self.record()
        r.dateOfBirth = CalendarDate(year: 1958, month: 8, day: 23)
        r.phone = "+1 (555) 014-9921"
        r.email = "amira@example.org"
        r.history.conditions = "Atrial fibrillation\nHypertension"
        #expect(r.problems(today: Self.today).isEmpty)
    }

    @Test func eachBadFieldIsNamed() {
        var r = Self.record("   ")
        r.dateOfBirth = CalendarDate(year: 2030, month: 1, day: 1)
        r.phone = "call me"
        r.email = "not an address"
        r.physician = "Dr. \u{1B}[31mRed"
        r.history.medications = "warfarin\u{07}"
        r.history.surgeriesAndInjuries = [DatedEntry("Knee", date: CalendarDate(year: 2027, month: 1, day: 1))]
        let problems = r.problems(today: Self.today)
        #expect(Set(problems.keys) == [.name, .dateOfBirth, .phone, .email, .physician, .medications, .surgeriesAndInjuries])
        #expect(problems[.dateOfBirth]?.contains("future") == true)
        #expect(problems[.physician]?.contains("control characters") == true)
    }

    @Test func newlinesAndJoinersAreNotControlCharacters() {
        #expect(!"Line one\nLine two".hasControlCharacters(allowingNewlines: true))
        #expect("Line one\nLine two".hasControlCharacters(allowingNewlines: false))
        #expect(!"👩‍⚕️ and عربي".hasControlCharacters(allowingNewlines: false))
        #expect("evil\u{202E}txt".hasControlCharacters(allowingNewlines: false), "a bidi override can disguise text")
    }

    @Test(arguments: [("maria", true), ("MAJO", true), ("mjg", true), ("jose garcia", true), ("josé", true),
                      ("612 345", true), ("612345678", true), ("kim", true), ("민지", true), ("tom", false), ("999", false)])
    func findsByNamePreferredNameInitialsOrPhone(query: String, found: Bool) {
        let r = ClientRecord(client: Client(id: ClientID("m"), name: "María José García", preferredName: "Majo"),
                             phone: "+34 612 345 678")
        let korean = ClientRecord(client: Client(id: ClientID("k"), name: "김민지 Kim Min-ji"))
        #expect(r.matches(query) || korean.matches(query) == found)
    }

    @Test func clientsSortByNameIgnoringCaseAndAccents() {
        let names = ["Zoë Adams", "émile Zola", "Emma Stone", "Ana", "김민지", "أمira", "Øyvind", "가은"]
        let sorted = names.enumerated().map { Client(id: ClientID("\($0.offset)"), name: $0.element) }
            .sorted(by: Client.byName).map(\.name)
        #expect(sorted.firstIndex(of: "émile Zola")! < sorted.firstIndex(of: "Emma Stone")!)
        #expect(sorted.firstIndex(of: "Ana")! < sorted.firstIndex(of: "émile Zola")!)
        #expect(sorted.firstIndex(of: "Zoë Adams")! < sorted.firstIndex(of: "أمira")!)
        #expect(sorted.firstIndex(of: "가은")! < sorted.firstIndex(of: "김민지")!, "Hangul keeps its own order")
    }

    @Test func historyChangesAreNamed() {
        let old = HealthHistory(conditions: "None", medications: "None")
        var new = old
        new.medications = "Warfarin"
        new.pregnancy = .yes
        #expect(new.changedFields(from: old) == ["medications", "pregnancy"])
    }
}
