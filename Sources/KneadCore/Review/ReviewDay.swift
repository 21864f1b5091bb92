import Foundation

/// Days as the review counts them: from midnight to midnight in the therapist's time zone.
public struct ReviewCalendar: Sendable {
    public let calendar: Calendar

    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The start of the day that holds `date`.
    public func day(of date: Date) -> Date { calendar.startOfDay(for: date) }

    /// The start of the day `count` days after the day of `date` (before, when negative).
    public func day(_ count: Int, after date: Date) -> Date {
        calendar.date(byAdding: .day, value: count, to: day(of: date)) ?? day(of: date).addingTimeInterval(Double(count) * 86_400)
    }

    /// The day's span, `[start, next start)`; a day with a clock change is 23 or 25 hours.
    public func span(of date: Date) -> (from: Date, to: Date) {
        (day(of: date), day(1, after: date))
    }

    /// The start of the day a person typed: `YYYY-MM-DD`; with `allowShort`, also `MM-DD` (this
    /// year) and `DD` (this month) relative to `today`. Nil when it is not a real date.
    public func parse(_ text: String, today: Date, allowShort: Bool = false) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        let now = calendar.dateComponents([.year, .month], from: today)
        let (year, month, dayNumber): (Int?, Int?, Int?)
        switch (numbers.count, allowShort) {
        case (3, _) where parts[0].count == 4: (year, month, dayNumber) = (numbers[0], numbers[1], numbers[2])
        case (2, true): (year, month, dayNumber) = (now.year, numbers[0], numbers[1])
        case (1, true): (year, month, dayNumber) = (now.year, now.month, numbers[0])
        default: return nil
        }
        // CalendarDate refuses days that do not exist, such as 2026-02-30.
        guard let year, let month, let dayNumber, let real = CalendarDate(year: year, month: month, day: dayNumber),
              let date = calendar.date(from: DateComponents(year: real.year, month: real.month, day: real.day))
        else { return nil }
        return day(of: date)
    }
}
