import Foundation
import Testing
@testable import KneadUI

@Suite("Times of day as the screens show them")
struct FormattingTimeTests {
    /// "HH:mm" straight from the calendar, as `time` makes it on a miss.
    static func reference(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    @Test("Kept times agree with the calendar across offset changes, half-hour and 45-minute zones, and seconds' ends",
          arguments: ["America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kathmandu", "Europe/Dublin", "Pacific/Chatham", "UTC"])
    func keptTimesAgree(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let formatting = Formatting(zone: zone)
        // A day either side of each of the zone's next two offset changes from 2026 and 2027.
        var moments: [Date] = []
        for year in [2026, 2027] {
            var start = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt, year: year, month: 1, day: 1).date!
            for _ in 0..<2 {
                guard let change = zone.nextDaylightSavingTimeTransition(after: start) else { break }
                for step in stride(from: -7_200.0, through: 7_200, by: 59.75) { moments.append(change.addingTimeInterval(step)) }
                moments += [change.addingTimeInterval(-0.001), change, change.addingTimeInterval(0.999)]
                start = change.addingTimeInterval(86_400)
            }
        }
        moments += [Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: -0.5),
                    Date(timeIntervalSinceReferenceDate: 815_000_000.999)]
        // Each asked twice, in two orders: the second answer comes from what was kept.
        for moment in moments + moments.reversed() {
            #expect(formatting.time(moment) == Self.reference(moment, in: zone), "\(moment) in \(identifier)")
        }
    }
}
