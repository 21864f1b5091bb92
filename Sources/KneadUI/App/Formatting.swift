import Foundation

/// Dates and durations as the screens show them.
enum Formatting {
    static func time(_ date: Date, _ zone: TimeZone) -> String { format(date, "HH:mm", zone) }
    static func date(_ date: Date, _ zone: TimeZone) -> String { format(date, "yyyy-MM-dd", zone) }
    static func weekdayDate(_ date: Date, _ zone: TimeZone) -> String { format(date, "EEEE d MMMM yyyy", zone) }

    static func isSameDay(_ a: Date, _ b: Date, _ zone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.isDate(a, inSameDayAs: b)
    }

    /// Start of the day that holds `date`.
    static func startOfDay(_ date: Date, _ zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.startOfDay(for: date)
    }

    /// "mm:ss" under an hour, "h:mm:ss" from an hour.
    static func clock(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", m, s)
    }

    private static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
