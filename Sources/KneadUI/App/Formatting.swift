import Foundation

/// Dates and durations as the screens and the command line show them, in the therapist's time zone.
///
/// Formatters are made once per app: making a `DateFormatter` costs more than drawing a screen.
public final class Formatting {
    public let zone: TimeZone
    private let calendar: Calendar
    private let hourMinute: DateFormatter
    private let yearMonthDay: DateFormatter
    private let longDate: DateFormatter

    public init(zone: TimeZone = .current) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        func formatter(_ pattern: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            return formatter
        }
        hourMinute = formatter("HH:mm")
        yearMonthDay = formatter("yyyy-MM-dd")
        longDate = formatter("EEEE d MMMM yyyy")
    }

    public func time(_ date: Date) -> String { hourMinute.string(from: date) }
    public func date(_ date: Date) -> String { yearMonthDay.string(from: date) }
    public func weekdayDate(_ date: Date) -> String { longDate.string(from: date) }
    func isSameDay(_ a: Date, _ b: Date) -> Bool { calendar.isDate(a, inSameDayAs: b) }
    /// Start of the day that holds `date`.
    func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// "mm:ss" under an hour, "h:mm:ss" from an hour.
    static func clock(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", m, s)
    }
}
