import Foundation

/// Dates and durations as the screens and the command line show them, in the therapist's time zone.
///
/// Fixed English patterns ("HH:mm", "yyyy-MM-dd", "EEEE d MMMM yyyy") from the Gregorian
/// calendar's components, not `DateFormatter`: a formatter loads ICU's locale data, a few MB of
/// memory for patterns that never change with the locale.
///
/// It keeps the times it has formatted, so it is not for sharing between threads: each thread
/// makes its own (the app has one; a command makes one).
public final class Formatting {
    public let zone: TimeZone
    private let calendar: Calendar
    /// "HH:mm" of the whole seconds asked for lately. The timeline asks for the same few times at
    /// every frame, and the calendar's components were a tenth of a check-in's frame. Offsets and
    /// their changes fall on whole seconds, so every instant of one UTC second shows one local time.
    private var times: [Int64: String] = [:]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    public init(zone: TimeZone = .current) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    public func time(_ date: Date) -> String {
        let second = Int64(exactly: date.timeIntervalSinceReferenceDate.rounded(.down))
        if let second, let known = times[second] { return known }
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let text = Self.twoDigits(c.hour ?? 0) + ":" + Self.twoDigits(c.minute ?? 0)
        if let second {
            if times.count >= 512 { times.removeAll(keepingCapacity: true) }
            times[second] = text
        }
        return text
    }

    public func date(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.year(c.year ?? 0) + "-" + Self.twoDigits(c.month ?? 1) + "-" + Self.twoDigits(c.day ?? 1)
    }

    public func weekdayDate(_ date: Date) -> String {
        let c = calendar.dateComponents([.weekday, .year, .month, .day], from: date)
        let weekday = Self.weekdays[((c.weekday ?? 1) - 1 + 7) % 7]
        let month = Self.months[((c.month ?? 1) - 1 + 12) % 12]
        return "\(weekday) \(c.day ?? 1) \(month) \(Self.year(c.year ?? 0))"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 && n >= 0 ? "0\(n)" : "\(n)" }

    private static func year(_ n: Int) -> String {
        let digits = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func isSameDay(_ a: Date, _ b: Date) -> Bool { calendar.isDate(a, inSameDayAs: b) }
    /// Start of the day that holds `date`.
    func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// "mm:ss" under an hour, "h:mm:ss" from an hour.
    static func clock(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        // Every frame of the treatment screen shows it: no format string (it goes through Foundation's parser).
        func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
        return h > 0 ? String(h) + ":" + twoDigits(m) + ":" + twoDigits(s) : twoDigits(m) + ":" + twoDigits(s)
    }
}
